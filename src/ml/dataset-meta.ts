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

/** What the page knows of a dataset without its rows: enough for settings, labels and the prediction form. */
export interface DatasetInfo {
  /** A built-in name, or an imported dataset's content id (`csv-` + 16 hex digits). */
  id: string;
  title: string;
  nRows: number;
  features: readonly FeatureInfo[];
  target: string;
  targetDescription: string;
  /** True for Boston's $1000s, where prices are shown as dollars; imported targets are shown as plain numbers. */
  dollarThousands: boolean;
  builtIn: boolean;
}

/** Every dataset the lab can open, by id: the built-in ones first, then this browser's imported ones. */
export type DatasetCatalogue = ReadonlyMap<string, DatasetInfo>;

export const BUILT_IN_DATASETS: readonly DatasetInfo[] = [
  {
    id: 'boston', title: 'Boston housing (Harrison & Rubinfeld, 1978)', nRows: DATASET_ROWS.boston, features: BOSTON_FEATURES,
    target: 'medv', targetDescription: 'median value of owner-occupied homes, $1000s', dollarThousands: true, builtIn: true,
  },
  {
    id: 'boston-corrected', title: 'Boston housing, corrected (Gilley & Pace, 1996)', nRows: DATASET_ROWS['boston-corrected'],
    features: BOSTON_FEATURES, target: 'cmedv', targetDescription: 'corrected median value of owner-occupied homes, $1000s',
    dollarThousands: true, builtIn: true,
  },
];

/** The catalogue of built-in datasets: what the CLI and a browser without imports know. */
export const BUILT_IN_CATALOGUE: DatasetCatalogue = catalogueWith([]);

/** The built-in datasets plus these imported ones, by id. O(datasets). */
export function catalogueWith(imported: readonly DatasetInfo[]): DatasetCatalogue {
  return new Map([...BUILT_IN_DATASETS, ...imported].map((info) => [info.id, info]));
}

/** A dataset's info, or Boston's when the catalogue does not have it (a setting that was never checked). */
export function datasetInfo(catalogue: DatasetCatalogue, id: string): DatasetInfo {
  return catalogue.get(id) ?? BUILT_IN_DATASETS[0];
}

/** Above this many rows a sweep scores k = 1..LARGE_DATASET_K_MAX unless asked for more (issue 10's default). */
export const LARGE_DATASET_ROWS = 5000;
export const LARGE_DATASET_K_MAX = 1000;

/** The largest k a sweep scores: the setting, or by default every k (1..1000 above 5,000 rows); never above `limit`. O(1). */
export function resolveKMax(kMax: number | null, nRows: number, limit: number): number {
  if (kMax !== null && kMax !== undefined) return Math.min(kMax, limit);
  return nRows > LARGE_DATASET_ROWS ? Math.min(LARGE_DATASET_K_MAX, limit) : limit;
}
