/** Regression scores of one set of predictions; prices in $1000s, MSE in ($1000s)². */
export interface Scores {
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
}

/** Sum of squared deviations from the mean (R²'s denominator). O(n). */
export function totalSumOfSquares(y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
  return ss;
}

/** R² from the residual and total sums of squares, with scikit-learn's rules for a constant target and n < 2. */
export function rSquared(ssRes: number, ssTot: number, n: number): number {
  if (n < 2) return Number.NaN;
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** MSE, RMSE, MAE and R² of predictions against truth, summed in row order. O(n). */
export function scores(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Scores {
  const n = yTrue.length;
  let sse = 0;
  let sae = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i];
    sse += e * e;
    sae += Math.abs(e);
  }
  const mse = sse / n;
  return { mse, rmse: Math.sqrt(mse), mae: sae / n, r2: rSquared(sse, totalSumOfSquares(yTrue), n) };
}

/** MSE of always predicting the training mean: the bar any k must beat. O(nTrain + nTest). */
export function baselineScores(trainY: ArrayLike<number>, testY: ArrayLike<number>): Scores {
  let mean = 0;
  for (let i = 0; i < trainY.length; i++) mean += trainY[i];
  mean /= trainY.length;
  return scores(testY, new Float64Array(testY.length).fill(mean));
}
