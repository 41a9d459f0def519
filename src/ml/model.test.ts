import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { fitModel, predictMany, predictOne } from './model';
import { scores } from './metrics';
import { trainTestSplit } from './split';
import { scoresAt, sweep } from './sweep';
import { ALL_FEATURES, GOLDEN_SWEEPS } from './test-support';
import { selectRows, featureColumns } from './design';

const boston = loadDataset('boston');

describe('the fitted model', () => {
  for (const g of GOLDEN_SWEEPS) {
    it(`reproduces the sweep's metrics exactly on the test rows (seed ${g.seed}, ${g.weights}, ${g.scale}, k ${g.bestK})`, () => {
      const settings = { seed: g.seed, testFraction: 0.1, weights: g.weights, scale: g.scale, metric: 'euclidean' as const, features: ALL_FEATURES };
      const curve = sweep(boston, settings);
      const model = fitModel(boston, settings, g.bestK);
      const { test } = trainTestSplit(boston.nRows, 0.1, g.seed);
      const rawTest = selectRows(boston.x, boston.nFeatures, test, featureColumns(boston, ALL_FEATURES));
      const predicted = predictMany(model, rawTest);
      const fromModel = scores(Float64Array.from(test, (r) => boston.y[r]), predicted);
      expect(fromModel).toEqual(scoresAt(curve, g.bestK));
    });
  }

  it('returns the k neighbours behind a prediction, nearest first, with shares that sum to 1', () => {
    const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'manhattan', features: ['rm', 'lstat', 'ptratio'] }, 7);
    const p = predictOne(model, [6.2, 12, 18]);
    expect(p.neighbours).toHaveLength(7);
    const distances = p.neighbours.map((n) => n.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(p.neighbours.reduce((s, n) => s + n.weight, 0)).toBeCloseTo(1, 12);
    const weighted = p.neighbours.reduce((s, n) => s + n.weight * n.priceThousands, 0);
    expect(weighted).toBeCloseTo(p.priceThousands, 10);
    for (const n of p.neighbours) expect(boston.y[n.row]).toBe(n.priceThousands);
    expect(p.exactMatch).toBe(false);
  });

  it('an input equal to a training row is an exact match and, with distance weights, returns that row price', () => {
    const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 6);
    const row = model.trainRows[10];
    const raw = Array.from(boston.x.subarray(row * 13, row * 13 + 13));
    const p = predictOne(model, raw);
    expect(p.exactMatch).toBe(true);
    expect(p.neighbours[0].row).toBe(row);
    expect(p.priceThousands).toBe(boston.y[row]);
    expect(p.neighbours[0].weight).toBe(1);
  });

  it('refuses a k outside 1..nTrain and a row of the wrong width', () => {
    const settings = { seed: 1, testFraction: 0.1, weights: 'uniform' as const, scale: 'none' as const, metric: 'euclidean' as const, features: ['rm'] };
    expect(() => fitModel(boston, settings, 0)).toThrow(/k must be/);
    expect(() => fitModel(boston, settings, 456)).toThrow(/k must be/);
    expect(() => predictOne(fitModel(boston, settings, 3), [1, 2])).toThrow(/expected 1 feature/);
  });
});
