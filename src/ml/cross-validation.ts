import type { Dataset } from './datasets';
import { buildDesign } from './design';
import type { KnnParams } from './params';
import { kFold } from './split';
import { sweepDesign } from './sweep';

/** Mean and spread of the fold MSEs for every k; arrays are indexed by k − 1. */
export interface CrossValidationResult {
  folds: number;
  kMax: number;
  meanMse: Float64Array;
  /** Population standard deviation across folds (numpy's default). */
  stdMse: Float64Array;
  best: { k: number; meanMse: number; stdMse: number };
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
  const perFold = splits.map((s) => sweepDesign(buildDesign(dataset, params.features, params.scale, s.train, s.test), params.weights, params.metric, kTop).mse);
  const meanMse = new Float64Array(kTop);
  const stdMse = new Float64Array(kTop);
  let bestIndex = 0;
  for (let k = 0; k < kTop; k++) {
    let sum = 0;
    for (const mse of perFold) sum += mse[k];
    const mean = sum / folds;
    let ss = 0;
    for (const mse of perFold) ss += (mse[k] - mean) ** 2;
    meanMse[k] = mean;
    stdMse[k] = Math.sqrt(ss / folds);
    if (mean < meanMse[bestIndex]) bestIndex = k;
  }
  return { folds, kMax: kTop, meanMse, stdMse, best: { k: bestIndex + 1, meanMse: meanMse[bestIndex], stdMse: stdMse[bestIndex] } };
}
