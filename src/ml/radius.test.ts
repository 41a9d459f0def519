import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../test-support/all-features';
import { expectParity, R2_TOLERANCE } from '../test-support/parity';
import { goldenRadiusCases } from '../test-support/sklearn-golden';
import { loadDataset } from './datasets';
import { featureColumns, selectRows } from './design';
import { scores } from './metrics';
import { fitModel, predictMany, predictOne } from './model';
import { nearestDistances, radiusCurve, radiusGrid, radiusSweep } from './radius';
import { trainTestSplit } from './split';

describe('radius neighbours match scikit-learn (every radius case of tools/parity/sklearn-golden.json)', () => {
  for (const golden of goldenRadiusCases()) {
    it(`${golden.name}: scikit-learn's test rows, and at r = ${golden.radii.join(', ')} its coverage and, over the covered rows, MSE, MAE and R² to 1e-9`, () => {
      const dataset = loadDataset(golden.dataset);
      expect(Array.from(trainTestSplit(dataset.nRows, golden.testSize, golden.seed).test)).toEqual(golden.testRows);
      const points = radiusSweep(dataset, { ...golden, testFraction: golden.testSize }, golden.radii);
      expect(points.map((p) => p.radius)).toEqual(golden.byRadius.map((r) => r.radius));
      points.forEach((p, i) => {
        const expected = golden.byRadius[i];
        const label = `${golden.name} r=${p.radius}`;
        expect([p.covered, p.coverage], `${label} covered rows, coverage`).toEqual([expected.covered, expected.coverage]);
        if (expected.mse === null) {
          expect(p.scores, `${label}: scikit-learn covers no row`).toBeNull();
          return;
        }
        expect(p.scores, `${label}: scikit-learn covers ${expected.covered} rows`).not.toBeNull();
        expectParity(`${label} mse`, p.scores!.mse, expected.mse);
        expectParity(`${label} mae`, p.scores!.mae, expected.mae);
        expectParity(`${label} r2`, p.scores!.r2, expected.r2, R2_TOLERANCE);
      });
    });
  }
});

describe('radius neighbours', () => {
  it('a radius that reaches no training row leaves every test row uncovered and no scores', () => {
    const [p] = radiusSweep(loadDataset('boston'), { seed: 42, testFraction: 0.1, weights: 'uniform', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES }, [1e-9]);
    expect(p.coverage).toBe(0);
    expect(p.scores).toBeNull();
  });

  it('scores radii given in any order, repeated or not, each as if it were swept alone', () => {
    const settings = { seed: 3, testFraction: 0.2, weights: 'distance' as const, scale: 'standard' as const, metric: 'manhattan' as const, features: ALL_FEATURES };
    const radii = [4, 0.5, 2, 9, 2, 1e-9];
    const together = radiusSweep(loadDataset('boston'), settings, radii);
    expect(together).toEqual(radii.map((r) => radiusSweep(loadDataset('boston'), settings, [r])[0]));
  });

  it('refuses a radius that is not a positive number', () => {
    expect(() => radiusSweep(loadDataset('boston'), { seed: 1, testFraction: 0.1, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, [0])).toThrow(/radius/);
  });
});

describe('the lab’s radius sweep and radius models', () => {
  const boston = loadDataset('boston');
  const settings = { seed: 42, testFraction: 0.1, weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: ALL_FEATURES };

  it('spans the data’s own distances: from the nearest test–train distance to twice the farthest, 60 radii rising', () => {
    const nearest = nearestDistances(boston, settings);
    const grid = radiusGrid(nearest);
    expect(grid).toHaveLength(60);
    expect(grid[0]).toBe(Math.min(...Array.from(nearest).filter((d) => d > 0)));
    expect(grid[59]).toBe(2 * Math.max(...nearest));
    for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeGreaterThan(grid[i - 1]);
  });

  it('scores each radius over its covered rows, counts the others, and picks the best among radii covering every row', () => {
    const curve = radiusCurve(boston, settings);
    const points = radiusSweep(boston, settings, Array.from(curve.radii));
    points.forEach((p, i) => {
      expect(curve.covered[i]).toBe(p.covered);
      if (p.scores) expect(curve.mse[i]).toBe(p.scores.mse);
      else expect(Number.isNaN(curve.mse[i])).toBe(true);
    });
    expect(curve.covered[0]).toBeLessThan(curve.nTest);
    const full = points.map((p, i) => [p, i] as const).filter(([p]) => p.covered === curve.nTest);
    const lowest = full.reduce((a, b) => (b[0].scores!.mse < a[0].scores!.mse ? b : a));
    expect(curve.best).toMatchObject({ index: lowest[1], radius: lowest[0].radius, mse: lowest[0].scores!.mse });
  });

  it('a radius model predicts each covered test row as the radius sweep scores it, and refuses an isolated row with its nearest distance', () => {
    const r = radiusCurve(boston, settings).radii[20];
    const model = { ...fitModel(boston, settings, 1), radius: r };
    const { test } = trainTestSplit(boston.nRows, 0.1, 42);
    const raw = selectRows(boston.x, boston.nFeatures, test, featureColumns(boston, ALL_FEATURES));
    const predicted = predictMany(model, raw);
    const covered = Array.from(predicted).filter((p) => !Number.isNaN(p));
    const [point] = radiusSweep(boston, settings, [r]);
    expect(covered).toHaveLength(point.covered);
    const actual = Array.from(test, (row) => boston.y[row]).filter((_, i) => !Number.isNaN(predicted[i]));
    expect(scores(actual, covered).mse).toBe(point.scores!.mse);
    const isolated = Array.from(raw.subarray(0, 13));
    isolated[9] = 4000; // a property-tax rate far beyond any town's
    const refused = predictOne(model, isolated);
    expect(refused.noneWithin).toEqual({ radius: r, nearestDistance: expect.any(Number) });
    expect(refused.noneWithin!.nearestDistance).toBeGreaterThan(r);
    expect(refused.neighbours).toEqual([]);
  });
});
