import type { Dataset } from './datasets';
import { buildDesign } from './design';
import type { KnnParams } from './params';
import { kFold } from './split';
import { pairwiseSum } from './stats';
import { sweepDesign } from './sweep';

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
}

/**
 * KFold(folds, shuffle=True, random_state=seed), one one-pass sweep per fold (the scaler refitted on
 * each fold's training rows). O(folds · n/folds · n · (d + log n)).
 */
export function crossValidate(dataset: Dataset, params: KnnParams, folds: number, seed: number, kMax?: number): CrossValidationResult {
  const splits = kFold(dataset.nRows, folds, seed);
  const maxAllowed = Math.min(...splits.map((s) => s.train.length)) - 1;
  const kTop = kMax ?? maxAllowed;
  if (!Number.isInteger(kTop) || kTop < 1 || kTop > maxAllowed) throw new RangeError(`k-max must be an integer in 1..${maxAllowed}, got ${kTop}`);
  const perFold = splits.map((s) => sweepDesign(buildDesign(dataset, params.features, params.scale, s.train, s.test), params.weights, params.metric, kTop));
  const meanMse = new Float64Array(kTop);
  const stdMse = new Float64Array(kTop);
  const meanMae = new Float64Array(kTop);
  const meanR2 = new Float64Array(kTop);
  const tiedRows = new Uint32Array(kTop);
  const bruteRows = new Uint32Array(kTop);
  const column = new Float64Array(folds);
  let bestIndex = 0;
  for (let k = 0; k < kTop; k++) {
    // numpy's mean and std add pairwise, so the fold values are summed its way.
    const foldMean = (of: (fold: (typeof perFold)[number]) => number) => {
      perFold.forEach((fold, f) => (column[f] = of(fold)));
      return pairwiseSum(column) / folds;
    };
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
  return {
    folds,
    kMax: kTop,
    meanMse,
    stdMse,
    meanMae,
    meanR2,
    tiedRows,
    bruteRows,
    best: { k: bestIndex + 1, meanMse: meanMse[bestIndex], stdMse: stdMse[bestIndex], tiedRows: tiedRows[bestIndex] },
  };
}
