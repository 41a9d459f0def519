// Prediction intervals and "unlike the training data", from a fitted model's own training rows (issue 11's
// groundwork; nothing shows them yet). The interval is split-conformal on cross-validated residuals: each training
// row is priced by the model refitted without its fold, and the interval at level L is the price ± the
// ⌈(n + 1)·L⌉-th smallest of those absolute errors.
import type { FittedModel } from './model';
import { predictMany } from './model';
import { rowDistance } from './neighbours';
import { kFold } from './split';

/** The levels the app offers; 0.9 is the default. */
export const INTERVAL_LEVELS = [0.8, 0.9, 0.95] as const;
export type IntervalLevel = (typeof INTERVAL_LEVELS)[number];

/** What the intervals need from the training rows: their out-of-fold absolute errors, ascending. */
export interface IntervalCalibration {
  folds: number;
  seed: number;
  /** |y − out-of-fold price| of every training row that got a price, ascending (a radius model may leave some out). */
  residuals: Float64Array;
}

/** The model as it would be fitted on some of its training rows: the rows are stored scaled, so no scaler again. */
function onRows(model: FittedModel, rows: Uint32Array): FittedModel {
  const { nCols } = model;
  const trainX = new Float64Array(rows.length * nCols);
  rows.forEach((r, i) => trainX.set(model.trainX.subarray(r * nCols, (r + 1) * nCols), i * nCols));
  return {
    ...model,
    scaler: null,
    nTrain: rows.length,
    k: Math.min(model.k, rows.length),
    trainX,
    trainY: Float64Array.from(rows, (r) => model.trainY[r]),
    trainRows: Uint32Array.from(rows, (r) => model.trainRows[r]),
  };
}

/**
 * Out-of-fold absolute errors of the model's training rows (K-fold as scikit-learn's KFold with this seed), the
 * fold models keeping the model's k, weights, metric and radius. O(nTrain² · d).
 */
export function calibrateIntervals(model: FittedModel, folds = 10, seed = 0): IntervalCalibration {
  if (!Number.isInteger(folds) || folds < 2 || folds > model.nTrain) throw new RangeError(`folds must be an integer in 2..${model.nTrain}, got ${folds}`);
  const residuals: number[] = [];
  for (const { train, test } of kFold(model.nTrain, folds, seed)) {
    const held = new Float64Array(test.length * model.nCols);
    test.forEach((r, i) => held.set(model.trainX.subarray(r * model.nCols, (r + 1) * model.nCols), i * model.nCols));
    const priced = predictMany(onRows(model, train), held);
    test.forEach((r, i) => {
      if (Number.isFinite(priced[i])) residuals.push(Math.abs(model.trainY[r] - priced[i]));
    });
  }
  return { folds, seed, residuals: Float64Array.from(residuals).sort() };
}

/**
 * Half the interval's width at a level: the ⌈(n + 1)·level⌉-th smallest residual, or null when there are too few
 * residuals for that level (n + 1 < 1 / (1 − level)), where no finite interval has the guarantee. O(1).
 */
export function halfWidth(calibration: IntervalCalibration, level: number): number | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  const n = calibration.residuals.length;
  const rank = Math.ceil((n + 1) * level);
  return rank > n ? null : calibration.residuals[rank - 1];
}

/** The price's interval at a level, in the target's units; null when the calibration is too small for that level. O(1). */
export function predictionInterval(price: number, calibration: IntervalCalibration, level: number): { low: number; high: number; level: number } | null {
  const half = halfWidth(calibration, level);
  return half === null ? null : { low: price - half, high: price + half, level };
}

/**
 * The distance beyond which a house is unlike the training data: the `quantile` (0.95 by default) of each training
 * row's distance to its nearest other training row, as numpy's linear percentile computes it. O(nTrain² · d).
 */
export function outOfRangeDistance(model: FittedModel, quantile = 0.95): number {
  const n = model.nTrain;
  if (n < 2) throw new RangeError('a model needs at least 2 training rows to tell near from far');
  const nearest = new Float64Array(n).fill(Infinity);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = rowDistance(model.metric, model.trainX, a, model.trainX, b, model.nCols);
      if (d < nearest[a]) nearest[a] = d;
      if (d < nearest[b]) nearest[b] = d;
    }
  }
  nearest.sort();
  const at = quantile * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  return nearest[lo] + (nearest[hi] - nearest[lo]) * (at - lo);
}
