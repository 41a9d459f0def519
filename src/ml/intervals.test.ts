import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { FEATURE_CODES } from './dataset-meta';
import { calibrateIntervals, halfWidth, INTERVAL_LEVELS, outOfRangeDistance, predictionInterval } from './intervals';
import { fitModel, predictMany, predictOne } from './model';
import { selectRows } from './design';
import { rowDistance } from './neighbours';
import { trainTestSplit } from './split';

const boston = loadDataset('boston');

describe('prediction intervals from out-of-fold residuals', () => {
  it('take the ⌈(n + 1)·level⌉-th smallest residual, and refuse a level the residuals are too few for', () => {
    const calibration = { folds: 2, seed: 0, residuals: Float64Array.from({ length: 19 }, (_, i) => i + 1) };
    expect(halfWidth(calibration, 0.9)).toBe(18); // ⌈20 · 0.9⌉ = 18
    expect(halfWidth(calibration, 0.95)).toBe(19);
    expect(halfWidth({ ...calibration, residuals: calibration.residuals.subarray(0, 18) }, 0.95)).toBeNull();
    expect(predictionInterval(20, calibration, 0.8)).toEqual({ low: 4, high: 36, level: 0.8 });
    expect(() => halfWidth(calibration, 1)).toThrow(RangeError);
  });

  it('cover at least the level minus two points of held-out rows, pooled over 24 seeds and four settings', () => {
    const settings = [
      { weights: 'distance', scale: 'none', metric: 'euclidean', k: 6 },
      { weights: 'uniform', scale: 'standard', metric: 'euclidean', k: 4 },
      { weights: 'distance', scale: 'standard', metric: 'manhattan', k: 9 },
      { weights: 'uniform', scale: 'none', metric: 'manhattan', k: 15 },
    ] as const;
    const inside = new Map<number, number>(INTERVAL_LEVELS.map((level) => [level, 0]));
    let total = 0;
    for (const s of settings) {
      for (let seed = 0; seed < 24; seed++) {
        const model = fitModel(boston, { seed, testFraction: 0.2, weights: s.weights, scale: s.scale, metric: s.metric, features: [...FEATURE_CODES] }, s.k);
        const calibration = calibrateIntervals(model, 10, seed);
        const { test } = trainTestSplit(boston.nRows, 0.2, seed);
        const columns = FEATURE_CODES.map((_, j) => j);
        const priced = predictMany(model, selectRows(boston.x, boston.nFeatures, test, columns));
        test.forEach((row, i) => {
          for (const level of INTERVAL_LEVELS) {
            const interval = predictionInterval(priced[i], calibration, level)!;
            if (boston.y[row] >= interval.low && boston.y[row] <= interval.high) inside.set(level, inside.get(level)! + 1);
          }
        });
        total += test.length;
      }
    }
    for (const level of INTERVAL_LEVELS) expect(inside.get(level)! / total).toBeGreaterThanOrEqual(level - 0.02);
  });
});

describe('unlike the training data', () => {
  const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] }, 6);
  const limit = outOfRangeDistance(model);

  it('is the 95th percentile of the training rows’ own nearest-neighbour distances', () => {
    const nearest = Array.from({ length: model.nTrain }, (_, a) => {
      let best = Infinity;
      for (let b = 0; b < model.nTrain; b++) if (b !== a) best = Math.min(best, rowDistance(model.metric, model.trainX, a, model.trainX, b, model.nCols));
      return best;
    });
    // As an interpolated percentile: at most 5 % of the rows (plus the one it interpolates towards) lie beyond it,
    // and at least 5 % at or beyond it.
    expect(nearest.filter((d) => d > limit).length).toBeLessThanOrEqual(Math.ceil(0.05 * model.nTrain) + 1);
    expect(nearest.filter((d) => d >= limit).length / model.nTrain).toBeGreaterThanOrEqual(0.05);
    expect(outOfRangeDistance(model, 0.5)).toBeLessThan(limit);
  });

  it('puts a training row itself inside and a house far from every row outside', () => {
    const first = Array.from(selectRows(boston.x, boston.nFeatures, model.trainRows.subarray(0, 1), FEATURE_CODES.map((_, j) => j)));
    expect(predictOne(model, first).neighbours[0].distance).toBeLessThanOrEqual(limit);
    const far = first.map((v, j) => v + 20 * model.scaler!.scale[j]);
    expect(predictOne(model, far).neighbours[0].distance).toBeGreaterThan(limit);
  });
});
