// Names, feature descriptions and notes of the built-in datasets, without their rows: the page imports
// this, so the data itself stays in the worker's chunk.

export const DATASET_NAMES = ['boston', 'boston-corrected'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Row counts of the built-in datasets, so the page can show split sizes without loading the data. */
export const DATASET_ROWS: Readonly<Record<DatasetName, number>> = { boston: 506, 'boston-corrected': 506 };

export interface FeatureInfo {
  code: string;
  description: string;
  unit: string;
  /** True when the only sensible values are 0 and 1. */
  binary?: boolean;
}

export const BOSTON_FEATURES: readonly FeatureInfo[] = [
  { code: 'crim', description: 'per-capita crime rate', unit: 'crimes per resident' },
  { code: 'zn', description: 'residential land zoned for lots over 25,000 sq ft', unit: '%' },
  { code: 'indus', description: 'non-retail business acres', unit: '% of town' },
  { code: 'chas', description: 'bounds the Charles River', unit: 'yes / no', binary: true },
  { code: 'nox', description: 'nitric oxides concentration', unit: 'parts per 10 million' },
  { code: 'rm', description: 'average rooms per dwelling', unit: 'rooms' },
  { code: 'age', description: 'owner-occupied units built before 1940', unit: '%' },
  { code: 'dis', description: 'weighted distance to five employment centres', unit: 'index' },
  { code: 'rad', description: 'accessibility to radial highways', unit: 'index' },
  { code: 'tax', description: 'full-value property-tax rate', unit: '$ per $10,000' },
  { code: 'ptratio', description: 'pupil–teacher ratio', unit: 'pupils per teacher' },
  { code: 'b', description: '1000(Bk − 0.63)², Bk = proportion of Black residents', unit: 'index' },
  { code: 'lstat', description: 'lower-status population', unit: '%' },
];

export const FEATURE_CODES: readonly string[] = BOSTON_FEATURES.map((f) => f.code);

export const DATASET_NOTES = {
  censored: 'The target is censored at 50.0 ($50,000): 16 tracts are recorded at exactly that cap.',
  b: 'scikit-learn removed this dataset in version 1.2 because the feature b encodes the proportion of Black residents ' +
    'as 1000(Bk − 0.63)², built on an assumption that racial self-segregation raises house prices. ' +
    'It is kept here so results match the old service; consider dropping it.',
} as const;

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}
