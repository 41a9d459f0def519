import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { fitModel, predictMany, predictOne } from './model';
import { scores } from './metrics';
import { trainTestSplit } from './split';
import { scoresAt, sweep } from './sweep';
import { ALL_FEATURES } from '../test-support/all-features';
import { goldenSplitCases, sweepSettingsOf } from '../test-support/sklearn-golden';
import { selectRows, featureColumns } from './design';

const boston = loadDataset('boston');

describe('the fitted model', () => {
  for (const g of goldenSplitCases()) {
    it(`reproduces the sweep's metrics exactly on the test rows (${g.name}, at scikit-learn's best k ${g.best.k})`, () => {
      const dataset = loadDataset(g.dataset);
      const settings = sweepSettingsOf(g);
      const curve = sweep(dataset, settings);
      const model = fitModel(dataset, settings, g.best.k);
      const { test } = trainTestSplit(dataset.nRows, settings.testFraction, g.seed);
      const rawTest = selectRows(dataset.x, dataset.nFeatures, test, featureColumns(dataset, settings.features));
      const predicted = predictMany(model, rawTest);
      const fromModel = scores(Float64Array.from(test, (r) => dataset.y[r]), predicted);
      expect(fromModel).toEqual(scoresAt(curve, g.best.k));
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

describe('the fitted model states its tie rule and reports the ties a price depends on', () => {
  const boston = loadDataset('boston');
  const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['chas', 'rad'] }, 3);

  it('among rows at equal distance it keeps the lowest dataset rows, and names every row at that distance', () => {
    const prediction = predictOne(model, [0, 5]);
    const atZero = Array.from(model.trainRows).filter((_, i) => model.trainX[i * 2] === 0 && model.trainX[i * 2 + 1] === 5);
    expect(atZero.length).toBeGreaterThan(3);
    const sorted = [...atZero].sort((a, b) => a - b);
    expect(prediction.neighbours.map((n) => n.row)).toEqual(sorted.slice(0, 3));
    expect(prediction.tie).toEqual({ distance: 0, rows: sorted });
  });

  it('reports no tie when the k-th and (k+1)-th rows are at different distances', () => {
    const full = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: [...boston.features.map((f) => f.code)] }, 6);
    expect(predictOne(full, Array.from(boston.x.subarray(0, 13))).tie).toBeNull();
  });
});
