import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromRows, loadDataset } from './datasets';
import { FEATURE_CODES } from './dataset-meta';
import { calibrateIntervals, halfWidth, INTERVAL_LEVELS, modelIntervals, outOfRangeDistance, predictionInterval } from './intervals';
import { fitModel, predictMany, predictOne, type FittedModel } from './model';
import { selectRows } from './design';
import { rowDistance } from './neighbours';
import { referenceCalibration, referenceModelIntervals, referenceOutOfRange } from '../test-support/reference-intervals';
import { trainTestSplit } from './split';

const boston = loadDataset('boston');

// The reference (src/test-support/reference-intervals.ts): the plainest reading of the definitions; the fast code
// must give the same numbers to the last bit.

/**
 * A model fitted on random rows of small whole numbers (so duplicate rows and equal distances are everywhere), with
 * prices in tenths (so the order they are summed in shows in the last bit), either weighting, metric and scaling,
 * and k anywhere up to `maxK` (a quarter of the time right at it) or, a quarter of the time, a radius that is often
 * exactly some pair's distance; with a fold count and seed to calibrate it with.
 */
const randomModel = ({ minRows, maxRows, maxK = Infinity, minFolds = 2, testFractions = [0.1, 0.25, 0.5] }: { minRows: number; maxRows: number; maxK?: number; minFolds?: number; testFractions?: number[] }) =>
  fc
    .record({
      nRows: fc.integer({ min: minRows, max: maxRows }),
      nFeatures: fc.integer({ min: 1, max: 3 }),
      maxValue: fc.constantFrom(1, 2, 4, 9),
      values: fc.infiniteStream(fc.nat()),
      testFraction: fc.constantFrom(...testFractions),
      splitSeed: fc.nat(1000),
      weights: fc.constantFrom('uniform', 'distance'),
      metric: fc.constantFrom('euclidean', 'manhattan'),
      scale: fc.constantFrom('none', 'standard'),
      kShare: fc.double({ min: 0, max: 1, noNaN: true }),
      kNearAll: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      radius: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ a: fc.nat(), b: fc.nat(), factor: fc.constantFrom(1, 0.5, 1.5) }) }),
      folds: fc.integer({ min: minFolds, max: 10 }),
      foldSeed: fc.nat(1000),
    } as const)
    .map((c) => {
      const features = Array.from({ length: c.nFeatures }, (_, j) => ({ code: `f${j}`, description: `feature ${j}`, unit: '' }));
      const stream = c.values[Symbol.iterator]();
      const next = (mod: number) => (stream.next().value as number) % mod;
      const rows = Array.from({ length: c.nRows }, () => {
        const row: Record<string, number> = { price: next(40) / 10 };
        for (const f of features) row[f.code] = next(c.maxValue + 1);
        return row;
      });
      const dataset = datasetFromRows('random', 'random rows', rows, features, 'price', 'price');
      const settings = { seed: c.splitSeed, testFraction: c.testFraction, weights: c.weights, metric: c.metric, scale: c.scale, features: features.map((f) => f.code) };
      const nTrain = c.nRows - Math.ceil(c.testFraction * c.nRows);
      const top = Math.min(maxK, nTrain);
      const k = c.kNearAll ? Math.max(1, top - Math.floor(c.kShare * 3)) : 1 + Math.floor(c.kShare * (top - 1));
      const fitted = fitModel(dataset, settings, k);
      const model: FittedModel = c.radius
        ? { ...fitted, radius: c.radius.factor * rowDistance(c.metric, fitted.trainX, c.radius.a % nTrain, fitted.trainX, c.radius.b % nTrain, fitted.nCols) }
        : fitted;
      return { model, folds: Math.min(c.folds, nTrain), foldSeed: c.foldSeed };
    });

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

describe('the fast calibration and out-of-range distance equal the plain ones to the last bit', () => {
  it('property: on small duplicate-heavy models (k or radius, k up to nTrain, any weights, metric, scaling, folds and seed) the residuals are the refitted models’', () => {
    fc.assert(
      fc.property(randomModel({ minRows: 4, maxRows: 120 }), ({ model, folds, foldSeed }) => {
        expect(calibrateIntervals(model, folds, foldSeed)).toEqual(referenceCalibration(model, folds, foldSeed));
      }),
      { numRuns: 400 },
    );
  });

  it('property: on a few hundred duplicate-heavy rows, where only each held-out row’s nearest are put in order, the residuals are still the refitted models’', () => {
    fc.assert(
      // At least 270 rows in every fold's model and k ≤ 80: every row's candidates kept at once up to k = 64, above
      // it fold by fold with nearestRows ordering only the nearest.
      fc.property(randomModel({ minRows: 450, maxRows: 700, maxK: 80, minFolds: 5, testFractions: [0.1, 0.25] }), ({ model, folds, foldSeed }) => {
        expect(calibrateIntervals(model, folds, foldSeed)).toEqual(referenceCalibration(model, folds, foldSeed));
      }),
      { numRuns: 25 },
    );
  });

  it('property: the percentile of each row’s nearest-other-row distance is the all-pairs loop’s', () => {
    fc.assert(
      fc.property(randomModel({ minRows: 4, maxRows: 300, maxK: 1 }), fc.constantFrom(0.95, 0.5, 0, 1), ({ model }, quantile) => {
        expect(Object.is(outOfRangeDistance(model, quantile), referenceOutOfRange(model, quantile))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('property: modelIntervals, which takes each row’s nearest other row from the calibration’s own pass, is the plain calibration’s and percentile’s', () => {
    fc.assert(
      fc.property(randomModel({ minRows: 4, maxRows: 300 }), ({ model }) => {
        expect(modelIntervals(model)).toEqual(referenceModelIntervals(model));
      }),
      { numRuns: 150 },
    );
  });

  it('modelIntervals on Boston, k = 6 with distance weights and standard scaling, is the plain calibration’s and percentile’s', () => {
    const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] }, 6);
    expect(modelIntervals(model)).toEqual(referenceModelIntervals(model));
  });
});
