// Test support: interval calibration and the out-of-range distance as first written, the plainest reading of
// their definitions. The unit tests hold the fast code in src/ml/intervals.ts to these numbers, to the last bit, and
// the benchmark times it against them.
import { halfWidth, INTERVAL_LEVELS, type IntervalCalibration, type ModelIntervals } from '../ml/intervals';
import { predictMany, type FittedModel } from '../ml/model';
import { rowDistance } from '../ml/neighbours';
import { kFold } from '../ml/split';

/** The model refitted on some of its training rows (stored scaled, so no scaler again). */
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

/** Each fold's held-out rows priced by predictOne (every distance, one full sort) on the model refitted without them. */
export function referenceCalibration(model: FittedModel, folds: number, seed: number): IntervalCalibration {
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

/** Every pair's rowDistance, each row's least kept, then numpy's linear percentile. */
export function referenceOutOfRange(model: FittedModel, quantile = 0.95): number {
  const n = model.nTrain;
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

/** modelIntervals from the two above. */
export function referenceModelIntervals(model: FittedModel): ModelIntervals {
  const folds = Math.min(10, model.nTrain);
  const calibration = referenceCalibration(model, folds, 0);
  const halfWidths = Object.fromEntries(INTERVAL_LEVELS.map((level) => [String(level), halfWidth(calibration, level)])) as ModelIntervals['halfWidths'];
  return { method: 'cv-conformal', folds, seed: 0, residuals: calibration.residuals.length, halfWidths, nearestDistanceP95: referenceOutOfRange(model) };
}
