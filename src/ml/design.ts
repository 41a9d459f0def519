import type { Dataset } from './datasets';
import type { Scale } from './params';
import { fitScaler, type Scaler } from './scale';

/** The matrices a fit needs: chosen feature columns, scaled by the training rows when asked. */
export interface Design {
  nCols: number;
  /** Column of each chosen feature in the dataset. */
  columns: number[];
  train: Uint32Array;
  test: Uint32Array;
  /** nTrain × nCols, row-major. */
  trainX: Float64Array;
  trainY: Float64Array;
  /** nTest × nCols, row-major. */
  testX: Float64Array;
  testY: Float64Array;
  scaler: Scaler | null;
}

/** Dataset columns of the given feature codes; throws on an unknown or repeated code. */
export function featureColumns(dataset: Pick<Dataset, 'features'>, features: readonly string[]): number[] {
  const codes = dataset.features.map((f) => f.code);
  const seen = new Set<string>();
  return features.map((code) => {
    const col = codes.indexOf(code);
    if (col < 0) throw new RangeError(`unknown feature "${code}"; known: ${codes.join(', ')}`);
    if (seen.has(code)) throw new RangeError(`feature "${code}" is listed twice`);
    seen.add(code);
    return col;
  });
}

/** Copies the chosen columns of the chosen rows into a new row-major matrix. O(rows · cols). */
export function selectRows(x: Float64Array, width: number, rows: ArrayLike<number>, columns: readonly number[]): Float64Array {
  const nCols = columns.length;
  const out = new Float64Array(rows.length * nCols);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    for (let c = 0; c < nCols; c++) out[r * nCols + c] = x[base + columns[c]];
  }
  return out;
}

/** Builds train/test matrices for a split; the scaler sees training rows only. O(n · cols). */
export function buildDesign(dataset: Dataset, features: readonly string[], scale: Scale, train: Uint32Array, test: Uint32Array): Design {
  if (features.length === 0) throw new RangeError('at least one feature is needed');
  const columns = featureColumns(dataset, features);
  const nCols = columns.length;
  const trainX = selectRows(dataset.x, dataset.nFeatures, train, columns);
  const testX = selectRows(dataset.x, dataset.nFeatures, test, columns);
  let scaler: Scaler | null = null;
  if (scale === 'standard') {
    const all = new Uint32Array(train.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    scaler = fitScaler(trainX, nCols, all);
    applyScaler(trainX, nCols, scaler);
    applyScaler(testX, nCols, scaler);
  }
  const pick = (rows: Uint32Array) => Float64Array.from(rows, (r) => dataset.y[r]);
  return { nCols, columns, train, test, trainX, trainY: pick(train), testX, testY: pick(test), scaler };
}

/** Standardises every row of a row-major matrix in place. O(rows · cols). */
export function applyScaler(x: Float64Array, nCols: number, scaler: Scaler): void {
  for (let i = 0; i < x.length; i++) {
    const c = i % nCols;
    x[i] = (x[i] - scaler.mean[c]) / scaler.scale[c];
  }
}
