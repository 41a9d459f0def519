import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FeatureInfo } from './dataset-meta';
import { datasetFromRows, loadDataset } from './datasets';
import { scoresAt, sweep, Sweeper } from './sweep';
import type { Metric, Scale, Weights } from './params';
import { ALL_FEATURES, GOLDEN_SWEEPS, closeRelative } from './test-support';
import { trainTestSplit } from './split';

const boston = loadDataset('boston');

describe('the one-pass sweep matches scikit-learn', () => {
  for (const g of GOLDEN_SWEEPS) {
    it(`seed ${g.seed}, ${g.weights} weights, ${g.scale} scaling: best k ${g.bestK} and its MSE, MAE, R² to 1e-9`, () => {
      const result = sweep(boston, { seed: g.seed, testFraction: 0.1, weights: g.weights, scale: g.scale, metric: 'euclidean', features: ALL_FEATURES });
      expect(result.kMax).toBe(454);
      expect(result.best.k).toBe(g.bestK);
      expect(closeRelative(result.best.mse, g.mse)).toBe(true);
      expect(closeRelative(result.best.mae, g.mae)).toBe(true);
      expect(closeRelative(result.best.r2, g.r2)).toBe(true);
      expect(closeRelative(scoresAt(result, 1).mse, g.mseAt1)).toBe(true);
      expect(closeRelative(scoresAt(result, 5).mse, g.mseAt5)).toBe(true);
    });
  }

  it('the indexed sweep (cached neighbours) gives the same curve as a sweep from scratch', () => {
    const sweeper = new Sweeper(boston);
    for (const seed of [0, 7, 42, 123456]) {
      for (const weights of ['uniform', 'distance'] as const) {
        const settings = { seed, testFraction: 0.2, weights, scale: 'none' as const, metric: 'manhattan' as const, features: ['rm', 'lstat', 'crim'] };
        const a = sweeper.sweep(settings);
        const b = sweep(boston, settings);
        expect(Array.from(a.mse)).toEqual(Array.from(b.mse));
        expect(Array.from(a.mae)).toEqual(Array.from(b.mae));
        expect(a.best).toEqual(b.best);
      }
    }
  });

  it('a k-max limits the curve, and one outside 1..nTrain is refused', () => {
    expect(sweep(boston, { seed: 1, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES, kMax: 20 }).mse.length).toBe(20);
    expect(() => sweep(boston, { seed: 1, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES, kMax: 456 })).toThrow(/k-max/);
  });

  it('the baseline is the MSE of predicting the training mean', () => {
    const result = sweep(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES });
    const split = trainTestSplit(506, 0.1, 42);
    const mean = [...split.train].reduce((s, r) => s + boston.y[r], 0) / split.train.length;
    const mse = [...split.test].reduce((s, r) => s + (boston.y[r] - mean) ** 2, 0) / split.test.length;
    expect(result.baseline.mse).toBeCloseTo(mse, 10);
    expect(result.best.mse).toBeLessThan(result.baseline.mse);
  });
});

/** A deliberately plain KNN regressor: refit for one k, sort every distance with Array.sort. */
function plainRefitMse(x: number[][], y: number[], train: number[], test: number[], k: number, weights: Weights, metric: Metric, scale: Scale): number {
  let rows = x.map((r) => [...r]);
  if (scale === 'standard') {
    const d = x[0].length;
    const mean = Array.from({ length: d }, (_, c) => train.reduce((s, r) => s + x[r][c], 0) / train.length);
    const std = Array.from({ length: d }, (_, c) => Math.sqrt(train.reduce((s, r) => s + (x[r][c] - mean[c]) ** 2, 0) / train.length));
    rows = x.map((r) => r.map((v, c) => (std[c] > 1e-12 ? (v - mean[c]) / std[c] : v - mean[c])));
  }
  const distance = (a: number[], b: number[]) =>
    metric === 'euclidean' ? Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)) : a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
  let sse = 0;
  for (const t of test) {
    const neighbours = train.map((r) => ({ r, d: distance(rows[t], rows[r]) })).sort((a, b) => a.d - b.d || a.r - b.r).slice(0, k);
    let pred: number;
    const zeros = neighbours.filter((n) => n.d === 0);
    if (weights === 'uniform') pred = neighbours.reduce((s, n) => s + y[n.r], 0) / k;
    else if (zeros.length) pred = zeros.reduce((s, n) => s + y[n.r], 0) / zeros.length;
    else pred = neighbours.reduce((s, n) => s + y[n.r] / n.d, 0) / neighbours.reduce((s, n) => s + 1 / n.d, 0);
    sse += (y[t] - pred) ** 2;
  }
  return sse / test.length;
}

describe('property: the sweep equals a plain refit at every k', () => {
  const value = fc.integer({ min: -20, max: 20 }).map((v) => v / 4); // coarse values make ties and zero distances likely
  it('for random small datasets, settings, seeds and k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 30 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.integer({ min: 0, max: 500 }).map((v) => v / 10), { minLength: n, maxLength: n }),
          }),
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.constantFrom<Scale>('none', 'standard'),
        ({ x, y }, seed, weights, metric, scale) => {
          const features: FeatureInfo[] = ['a', 'b', 'c'].map((code) => ({ code, description: code, unit: '' }));
          const rows = x.map((r, i) => ({ a: r[0], b: r[1], c: r[2], t: y[i] }));
          const data = datasetFromRows('random', 'random', rows, features, 't', 't');
          const settings = { seed, testFraction: 0.3, weights, metric, scale, features: ['a', 'b', 'c'] };
          const result = sweep(data, settings);
          const split = trainTestSplit(data.nRows, 0.3, seed);
          for (let k = 1; k <= result.kMax; k++) {
            const expected = plainRefitMse(x, y, [...split.train], [...split.test], k, weights, metric, scale);
            expect(Math.abs(scoresAt(result, k).mse - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
