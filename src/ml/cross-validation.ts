import type { Dataset } from './datasets';
import { buildDesign } from './design';
import type { Scores } from './metrics';
import type { KnnParams } from './params';
import { kFold, largestFoldK } from './split';
import { pairwiseSum } from './stats';
import { sweepDesign, type RowProgress, type SweepResult } from './sweep';

/** Fold scores averaged for every k; arrays are indexed by k − 1. MSE in ($1000s)², MAE in $1000s. */
export interface CrossValidationResult {
  folds: number;
  kMax: number;
  meanMse: Float64Array;
  /** Population standard deviation of the fold MSEs (numpy's default, ddof 0). */
  stdMse: Float64Array;
  meanMae: Float64Array;
  meanR2: Float64Array;
  /**
   * Tie-affected test rows summed over the folds (see SweepResult.tiedRows): where it is 0, no fold's
   * prediction depends on the order of equidistant neighbours, so every fold's scores are exact.
   */
  tiedRows: Uint32Array;
  /** Brute-force-affected test rows summed over the folds (see SweepResult.bruteRows). */
  bruteRows: Uint32Array;
  best: { k: number; meanMse: number; stdMse: number; tiedRows: number };
  /** The largest k whose mean MSE is within one standard error (std / √folds) of the best k's. */
  oneSeK: number;
  /** Always predicting the fold's training mean, averaged over the folds like the curves. */
  baseline: Scores;
  /** The smallest training fold and all rows (each is a test row once). */
  nTrain: number;
  nRows: number;
}

/**
 * The largest k K-fold cross-validation can score on n rows: one below the smallest training fold, which leaves out
 * the largest test fold, ⌈n / folds⌉ rows. O(1).
 */
export function largestCrossValidationK(nRows: number, folds: number): number {
  return largestFoldK(nRows, folds);
}

/**
 * KFold(folds, shuffle=True, random_state=seed), one one-pass sweep of k = 1..kMax per fold (the scaler refitted on
 * each fold's training rows; kMax defaults to largestCrossValidationK). `onFold` hears (folds done, folds);
 * `onRows` hears (rows scored, all rows) every 32 rows within a fold and at its end: each row is a test row once.
 * O(n² · (folds − 1)/folds · d + n · kMax).
 */
export function crossValidate(
  dataset: Dataset,
  params: KnnParams,
  folds: number,
  seed: number,
  kMax?: number,
  onFold?: RowProgress,
  onRows?: RowProgress,
): CrossValidationResult {
  const splits = kFold(dataset.nRows, folds, seed);
  const maxAllowed = largestCrossValidationK(dataset.nRows, folds);
  const kTop = kMax ?? maxAllowed;
  if (!Number.isInteger(kTop) || kTop < 1 || kTop > maxAllowed) throw new RangeError(`k-max must be an integer in 1..${maxAllowed}, got ${kTop}`);
  let rowsBefore = 0;
  const perFold = splits.map((s, f) => {
    const onFoldRows = onRows && ((done: number) => onRows(rowsBefore + done, dataset.nRows));
    const fold = sweepDesign(buildDesign(dataset, params.features, params.scale, s.train, s.test), params.weights, params.metric, kTop, onFoldRows);
    rowsBefore += s.test.length;
    onRows?.(rowsBefore, dataset.nRows);
    onFold?.(f + 1, folds);
    return fold;
  });
  const meanMse = new Float64Array(kTop);
  const stdMse = new Float64Array(kTop);
  const meanMae = new Float64Array(kTop);
  const meanR2 = new Float64Array(kTop);
  const tiedRows = new Uint32Array(kTop);
  const bruteRows = new Uint32Array(kTop);
  const column = new Float64Array(folds);
  // numpy's mean and std add pairwise, so the fold values are summed its way.
  const foldMean = (of: (fold: SweepResult) => number) => {
    perFold.forEach((fold, f) => (column[f] = of(fold)));
    return pairwiseSum(column) / folds;
  };
  let bestIndex = 0;
  for (let k = 0; k < kTop; k++) {
    const mean = foldMean((fold) => fold.mse[k]);
    meanMse[k] = mean;
    stdMse[k] = Math.sqrt(foldMean((fold) => (fold.mse[k] - mean) ** 2));
    meanMae[k] = foldMean((fold) => fold.mae[k]);
    meanR2[k] = foldMean((fold) => fold.r2[k]);
    for (const fold of perFold) {
      tiedRows[k] += fold.tiedRows[k];
      bruteRows[k] += fold.bruteRows[k];
    }
    if (mean < meanMse[bestIndex]) bestIndex = k;
  }
  const baselineMse = foldMean((fold) => fold.baseline.mse);
  return {
    folds,
    kMax: kTop,
    oneSeK: oneStandardErrorK(meanMse, stdMse, folds, bestIndex + 1),
    baseline: { mse: baselineMse, rmse: Math.sqrt(baselineMse), mae: foldMean((fold) => fold.baseline.mae), r2: foldMean((fold) => fold.baseline.r2) },
    nTrain: maxAllowed + 1,
    nRows: dataset.nRows,
    meanMse,
    stdMse,
    meanMae,
    meanR2,
    tiedRows,
    bruteRows,
    best: { k: bestIndex + 1, meanMse: meanMse[bestIndex], stdMse: stdMse[bestIndex], tiedRows: tiedRows[bestIndex] },
  };
}

/**
 * The one-standard-error rule: the largest (simplest) k whose mean MSE is at most the best k's mean MSE plus one
 * standard error of it, std / √folds. O(kMax).
 */
export function oneStandardErrorK(meanMse: ArrayLike<number>, stdMse: ArrayLike<number>, folds: number, bestK: number): number {
  const limit = meanMse[bestK - 1] + stdMse[bestK - 1] / Math.sqrt(folds);
  let chosen = bestK;
  for (let k = bestK + 1; k <= meanMse.length; k++) if (meanMse[k - 1] <= limit) chosen = k;
  return chosen;
}

/** How a curve's k were scored when K-fold cross-validation chose them. */
export interface CrossValidationDetails {
  folds: number;
  /** Population std of the fold MSEs per k. */
  mseStd: Float64Array;
  oneSeK: number;
}

/**
 * A cross-validation as the curve the lab draws: the fold means stand where a split's test scores do, every row
 * counts as a test row once, and `cv` carries the spread and the one-SE k. O(1) beyond crossValidate.
 */
export function crossValidationCurve(cv: CrossValidationResult): SweepResult & { cv: CrossValidationDetails } {
  const i = cv.best.k - 1;
  return {
    kMax: cv.kMax,
    nTrain: cv.nTrain,
    nTest: cv.nRows,
    mse: cv.meanMse,
    mae: cv.meanMae,
    r2: cv.meanR2,
    tiedRows: cv.tiedRows,
    bruteRows: cv.bruteRows,
    best: { k: cv.best.k, mse: cv.meanMse[i], rmse: Math.sqrt(cv.meanMse[i]), mae: cv.meanMae[i], r2: cv.meanR2[i], tiedRows: cv.tiedRows[i], bruteRows: cv.bruteRows[i] },
    baseline: cv.baseline,
    cv: { folds: cv.folds, mseStd: cv.stdMse, oneSeK: cv.oneSeK },
  };
}
