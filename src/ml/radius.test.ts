import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { radiusSweep } from './radius';
import { ALL_FEATURES, closeRelative } from './test-support';

describe('radius neighbours', () => {
  it('matches scikit-learn at r = 1, 2, 4 (seed 42, standard scaling, distance weights), coverage included', () => {
    const points = radiusSweep(loadDataset('boston'), { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES }, [1, 2, 4]);
    expect(points.map((p) => p.coverage.toFixed(4))).toEqual(['0.8235', '0.9804', '1.0000']);
    expect(closeRelative(points[0].scores!.mse, 7.2940930138824065)).toBe(true);
    expect(closeRelative(points[1].scores!.mse, 8.869689662911432)).toBe(true);
    expect(closeRelative(points[2].scores!.mse, 25.045884078671207)).toBe(true);
  });

  it('a radius that reaches no training row leaves every test row uncovered and no scores', () => {
    const [p] = radiusSweep(loadDataset('boston'), { seed: 42, testFraction: 0.1, weights: 'uniform', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES }, [1e-9]);
    expect(p.coverage).toBe(0);
    expect(p.scores).toBeNull();
  });

  it('refuses a radius that is not a positive number', () => {
    expect(() => radiusSweep(loadDataset('boston'), { seed: 1, testFraction: 0.1, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, [0])).toThrow(/radius/);
  });
});
