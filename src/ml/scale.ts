/** StandardScaler parameters: per-feature mean and population standard deviation (1 where it is 0). */
export interface Scaler {
  mean: Float64Array;
  scale: Float64Array;
}

/** Fits a StandardScaler on the given rows of a row-major matrix (nCols wide). O(rows · cols). */
export function fitScaler(x: Float64Array, nCols: number, rows: ArrayLike<number>): Scaler {
  const mean = new Float64Array(nCols);
  const scale = new Float64Array(nCols);
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * nCols;
    for (let c = 0; c < nCols; c++) mean[c] += x[base + c];
  }
  for (let c = 0; c < nCols; c++) mean[c] /= n;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * nCols;
    for (let c = 0; c < nCols; c++) {
      const d = x[base + c] - mean[c];
      scale[c] += d * d;
    }
  }
  for (let c = 0; c < nCols; c++) {
    const variance = scale[c] / n;
    // scikit-learn's constant-feature test: such a column gets unit scale instead of a division by ~0.
    const bound = n * Number.EPSILON * variance + (n * mean[c] * Number.EPSILON) ** 2;
    scale[c] = variance <= bound ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}
