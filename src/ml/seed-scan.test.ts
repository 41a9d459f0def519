import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from './dataset-meta';
import { datasetFromRows, loadDataset, type Dataset } from './datasets';
import type { KnnParams, Metric, Scale, Weights } from './params';
import { HEAD_K, SeedScanner } from './seed-scan';
import { Sweeper } from './sweep';
import { ALL_FEATURES } from '../test-support/all-features';

/** Every seed's scan next to the full sweep's `best` at that seed, for one setting. */
function compare(dataset: Dataset, params: KnnParams, testFraction: number, seeds: number[], kMax?: number) {
  const scanner = new SeedScanner(dataset, params, testFraction, kMax);
  const sweeper = new Sweeper(dataset);
  return seeds.map((seed) => {
    const full = sweeper.sweep({ ...params, seed, testFraction, kMax });
    const { k, mse, mae, r2, tiedRows } = full.best;
    // A later k with exactly the best MSE: the strict comparison must keep the smaller one, as the sweep does.
    const mseTiedLater = full.mse.subarray(k).includes(mse);
    return { scan: scanner.scan(seed), full: { bestK: k, mse, mae, r2 }, tiedRows, mseTiedLater };
  });
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const boston = loadDataset('boston');

describe('SeedScanner: each seed’s best k and scores equal the full sweep’s, bit for bit', () => {
  const settings: [string, KnnParams, number][] = [
    ['all features, distance weights (learn.py’s choice)', { weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 0.1],
    ['all features, uniform weights, Manhattan', { weights: 'uniform', scale: 'none', metric: 'manhattan', features: ALL_FEATURES }, 0.1],
    ['age,rad: tied neighbours at most k', { weights: 'distance', scale: 'none', metric: 'euclidean', features: ['age', 'rad'] }, 0.25],
    ['rad alone: rows at distance 0 take all the weight, and equal MSEs at several k', { weights: 'distance', scale: 'none', metric: 'euclidean', features: ['rad'] }, 0.1],
    ['chas,rad, uniform weights, test size 0.5', { weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['chas', 'rad'] }, 0.5],
  ];
  for (const [name, params, testFraction] of settings) {
    it(`unscaled: ${name}, seeds 0–299`, () => {
      for (const { scan, full } of compare(boston, params, testFraction, range(0, 300))) expect(scan).toEqual(full);
    });
  }

  it('scaled (a full sweep per seed): all features and a tie-heavy subset, seeds 0–39', () => {
    for (const features of [ALL_FEATURES, ['chas', 'rad', 'zn']]) {
      for (const weights of ['distance', 'uniform'] as const) {
        for (const { scan, full } of compare(boston, { weights, scale: 'standard', metric: 'euclidean', features }, 0.1, range(0, 40))) expect(scan).toEqual(full);
      }
    }
  });

  it('the corrected dataset, a k-max below n_train − 1 and seeds near 2³² − 1', () => {
    const params: KnnParams = { weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES };
    for (const { scan, full } of compare(loadDataset('boston-corrected'), params, 0.2, range(4_294_967_195, 100), 40)) expect(scan).toEqual(full);
  });

  it('covers the cases that matter: best k with tie-affected rows, and equal MSEs where the smaller k must win', () => {
    const runs = compare(boston, { weights: 'distance', scale: 'none', metric: 'euclidean', features: ['rad'] }, 0.1, range(0, 300));
    expect(runs.filter((r) => r.tiedRows > 0).length).toBeGreaterThan(100);
    expect(runs.filter((r) => r.mseTiedLater).length).toBeGreaterThan(10);
    for (const { scan, full } of runs) expect(scan).toEqual(full);
  });

  it('finds a best k beyond the k’s every row scores in full, where the larger k’s are cut short by the bound', () => {
    for (const params of [
      { weights: 'distance', scale: 'none', metric: 'euclidean', features: ['chas', 'rad'] },
      { weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['chas'] },
    ] as const) {
      const runs = compare(boston, { ...params, features: [...params.features] }, 0.1, range(0, 300));
      expect(runs.filter((r) => r.full.bestK > HEAD_K).length).toBeGreaterThan(100);
      for (const { scan, full } of runs) expect(scan).toEqual(full);
    }
  });

  it('refuses what the sweep refuses, in its words', () => {
    const params: KnnParams = { weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES };
    expect(() => new SeedScanner(boston, params, 1)).toThrow(/test size must be a fraction/);
    expect(() => new SeedScanner(boston, params, 0.1, 456)).toThrow(/k-max must be an integer in 1..455/);
    expect(() => new SeedScanner(boston, { ...params, features: [] }, 0.1)).toThrow(/at least one feature/);
    expect(() => new SeedScanner(boston, params, 0.1).scan(-1)).toThrow(/seed must be an integer/);
  });
});

describe('property: on random data full of duplicates, every seed’s scan equals the full sweep', () => {
  // Coarse values make zero distances (weights that take everything), tied neighbours and equal MSEs common.
  const value = fc.integer({ min: 0, max: 3 });
  it('for random small datasets, settings, test sizes, k-max and seeds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 120 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.integer({ min: 0, max: 60 }).map((v) => v / 2), { minLength: n, maxLength: n }),
            kPick: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
          }),
        ),
        fc.constantFrom(0.1, 0.25, 0.5),
        fc.integer({ min: 0, max: 2 ** 32 - 20 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.constantFrom<Scale>('none', 'standard'),
        ({ x, y, kPick }, testFraction, firstSeed, weights, metric, scale) => {
          const features: FeatureInfo[] = ['a', 'b'].map((code) => ({ code, description: code, unit: '' }));
          const data = datasetFromRows('random', 'random', x.map((r, i) => ({ a: r[0], b: r[1], t: y[i] })), features, 't', 't');
          const nTrain = data.nRows - Math.ceil(testFraction * data.nRows);
          if (nTrain < 2) return;
          const kMax = kPick === null ? undefined : 1 + Math.floor(kPick * (nTrain - 1));
          const params: KnnParams = { weights, metric, scale, features: ['a', 'b'] };
          for (const { scan, full } of compare(data, params, testFraction, range(firstSeed, 8), kMax)) expect(scan).toEqual(full);
        },
      ),
      { numRuns: 200 },
    );
  });
});
