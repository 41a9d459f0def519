import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromRows, loadDataset } from './datasets';
import { FEATURE_CODES, type FeatureInfo } from './dataset-meta';
import type { Metric, Scale, Weights } from './params';
import { crossValidate } from './cross-validation';
import { scores } from './metrics';
import { radiusSweep } from './radius';
import { censoringCap, outOfFoldRowPredictions, radiusRowPredictions, testRowPredictions, type SplitSettings } from './row-predictions';
import { pairwiseSum } from './stats';
import { scoresAt, sweep, Sweeper } from './sweep';
import { kFold, trainTestSplit } from './split';

const boston = loadDataset('boston');
const base: SplitSettings = { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: [...FEATURE_CODES] };

/** MSE summed as the sweep sums it: row by row in the columns' order, then divided by the count. */
function mseOf(p: { actual: Float64Array; predicted: Float64Array }): number {
  let sse = 0;
  for (let i = 0; i < p.actual.length; i++) {
    const e = p.actual[i] - p.predicted[i];
    sse += e * e;
  }
  return sse / p.actual.length;
}

const SETTINGS: [string, SplitSettings][] = [
  ['the defaults (distance weights, unscaled, Euclidean)', base],
  ['uniform weights', { ...base, weights: 'uniform' }],
  ['standard scaling', { ...base, seed: 7, scale: 'standard' }],
  ['Manhattan distance', { ...base, seed: 3, metric: 'manhattan' }],
  ['standard scaling with Manhattan distance and a quarter held out', { ...base, seed: 11, testFraction: 0.25, scale: 'standard', metric: 'manhattan' }],
  ['a tie-heavy feature pair (age, rad)', { ...base, seed: 21, weights: 'uniform', features: ['age', 'rad'] }],
];

describe('test-row predictions', () => {
  describe.each(SETTINGS)('with %s', (_, settings) => {
    const curve = sweep(boston, settings);
    const indexed = new Sweeper(boston).sweep(settings);

    it.each([1, 2, 5, curve.best.k, 50, curve.kMax])('have exactly the sweep’s MSE at k = %i, from scratch and from the neighbour index', (k) => {
      const mse = mseOf(testRowPredictions(boston, settings, k));
      expect(mse).toBe(curve.mse[k - 1]);
      expect(mse).toBe(indexed.mse[k - 1]);
      expect(Math.sqrt(mse)).toBe(scoresAt(curve, k).rmse);
    });
  });

  it('list the split’s test rows in its order, with their recorded prices', () => {
    const p = testRowPredictions(boston, base, 6);
    const split = trainTestSplit(boston.nRows, base.testFraction, base.seed);
    expect(p.k).toBe(6);
    expect(Array.from(p.rows)).toEqual(Array.from(split.test));
    expect(Array.from(p.actual)).toEqual(Array.from(split.test, (r) => boston.y[r]));
    expect(p.predicted).toHaveLength(51);
    expect(Array.from(p.predicted).every(Number.isFinite)).toBe(true);
  });

  it('give k = 1 the nearest training row’s price', () => {
    const p = testRowPredictions(boston, { ...base, weights: 'uniform' }, 1);
    const split = trainTestSplit(boston.nRows, base.testFraction, base.seed);
    const train = Array.from(split.train);
    const d = (a: number, b: number) => Math.hypot(...FEATURE_CODES.map((_, j) => boston.x[a * 13 + j] - boston.x[b * 13 + j]));
    const nearest = (row: number) => train.reduce((best, r) => (d(row, r) < d(row, best) || (d(row, r) === d(row, best) && r < best) ? r : best));
    expect(p.predicted[0]).toBe(boston.y[nearest(p.rows[0])]);
  });

  it('carry the censoring cap: Boston’s medv stops at 50.0, on 16 rows', () => {
    expect(censoringCap(boston)).toBe(50);
    expect(testRowPredictions(boston, base, 3).censoredAt).toBe(50);
    expect(Array.from(boston.y).filter((y) => y === 50)).toHaveLength(16);
  });

  it('refuse a k outside 1..n_train', () => {
    expect(() => testRowPredictions(boston, base, 0)).toThrow(/k must be an integer in 1\.\.455/);
    expect(() => testRowPredictions(boston, base, 456)).toThrow(RangeError);
    expect(() => testRowPredictions(boston, base, 2.5)).toThrow(RangeError);
  });
});

describe('out-of-fold predictions in K-fold mode', () => {
  it('price every row once, each by the other folds, and their fold MSEs average to the cross-validated MSE', () => {
    const boston = loadDataset('boston');
    const params = { weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: boston.features.map((f) => f.code) };
    const k = 7;
    const oof = outOfFoldRowPredictions(boston, params, 10, 42, k);
    expect([...oof.rows].sort((a, b) => a - b)).toEqual(Array.from({ length: boston.nRows }, (_, i) => i));
    const foldMse: number[] = [];
    let at = 0;
    for (const fold of kFold(boston.nRows, 10, 42)) {
      let sse = 0;
      for (let i = at; i < at + fold.test.length; i++) sse += (oof.actual[i] - oof.predicted[i]) ** 2;
      foldMse.push(sse / fold.test.length);
      at += fold.test.length;
    }
    expect(pairwiseSum(Float64Array.from(foldMse)) / 10).toBe(crossValidate(boston, params, 10, 42).meanMse[k - 1]);
  });
});

describe('property: pricing rows from only their k nearest neighbours changes no price', () => {
  it('on data full of duplicate rows and ties, the test rows’ MSE at random k is the full sweep’s, bit for bit', () => {
    const value = fc.integer({ min: 0, max: 4 });
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 500 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.integer({ min: 0, max: 8 }).map((v) => v * 5), { minLength: n, maxLength: n }),
            k: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 380 })),
          }),
        ),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.constantFrom<Scale>('none', 'standard'),
        ({ x, y, k }, seed, weights, metric, scale) => {
          const features: FeatureInfo[] = ['a', 'b'].map((code) => ({ code, description: code, unit: '' }));
          const data = datasetFromRows('dups', 'dups', x.map((r, i) => ({ a: r[0], b: r[1], t: y[i] })), features, 't', 't');
          const settings: SplitSettings = { seed, testFraction: 0.2, weights, metric, scale, features: ['a', 'b'] };
          const curve = sweep(data, settings); // no k-max: every training row ordered, the full sort
          const kAt = Math.min(k, curve.kMax);
          expect(mseOf(testRowPredictions(data, settings, kAt))).toBe(curve.mse[kAt - 1]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('rows priced within a radius', () => {
  it('give the radius sweep’s MSE over the covered rows exactly, and count the uncovered ones', () => {
    const boston = loadDataset('boston');
    const settings: SplitSettings = { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] };
    for (const r of [1, 2, 4]) {
      const rows = radiusRowPredictions(boston, settings, r);
      const [point] = radiusSweep(boston, settings, [r]);
      expect(rows.rows).toHaveLength(point.covered);
      expect(rows.uncovered).toBe(51 - point.covered);
      expect(scores(rows.actual, rows.predicted).mse).toBe(point.scores!.mse);
    }
  });
});
