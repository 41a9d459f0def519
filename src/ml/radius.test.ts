import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../test-support/all-features';
import { expectParity, R2_TOLERANCE } from '../test-support/parity';
import { goldenRadiusCases } from '../test-support/sklearn-golden';
import { loadDataset } from './datasets';
import { radiusSweep } from './radius';
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

  it('refuses a radius that is not a positive number', () => {
    expect(() => radiusSweep(loadDataset('boston'), { seed: 1, testFraction: 0.1, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, [0])).toThrow(/radius/);
  });
});
