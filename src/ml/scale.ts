import { pairwiseSum } from './stats';

/** StandardScaler parameters: per-feature mean and population standard deviation (1 where it is 0). */
export interface Scaler {
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Fits a StandardScaler on the given rows of a row-major matrix (nCols wide), with scikit-learn's arithmetic:
 * mean = Σx / n; variance = (Σ(x − mean)² − (Σ(x − mean))² / n) / n, its corrected two-pass formula. numpy adds a
 * column of a one-column matrix pairwise but the columns of a wider one row by row, and the last bits of the mean
 * decide exact ties between distances later, so both orders are followed. O(rows · cols).
 */
export function fitScaler(x: Float64Array, nCols: number, rows: ArrayLike<number>): Scaler {
  const n = rows.length;
  const mean = new Float64Array(nCols);
  const scale = new Float64Array(nCols);
  const column = new Float64Array(n);
  const sum = nCols === 1 ? pairwiseSum : sequentialSum;
  for (let c = 0; c < nCols; c++) {
    for (let r = 0; r < n; r++) column[r] = x[rows[r] * nCols + c];
    mean[c] = sum(column) / n;
    for (let r = 0; r < n; r++) column[r] -= mean[c];
    const correction = sum(column);
    for (let r = 0; r < n; r++) column[r] *= column[r];
    const variance = (sum(column) - (correction * correction) / n) / n;
    // scikit-learn's constant-feature test: such a column gets unit scale instead of a division by ~0.
    const bound = n * Number.EPSILON * variance + (n * mean[c] * Number.EPSILON) ** 2;
    scale[c] = variance <= bound ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}

function sequentialSum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
