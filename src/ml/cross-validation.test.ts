import { describe, expect, it } from 'vitest';
import { crossValidate } from './cross-validation';
import { loadDataset } from './datasets';
import { ALL_FEATURES, closeRelative } from './test-support';

describe('k-fold cross-validation', () => {
  it('matches scikit-learn: 10 folds, seed 42, distance weights → best k 7, mean MSE and std to 1e-9', () => {
    const cv = crossValidate(loadDataset('boston'), { weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 10, 42);
    expect(cv.kMax).toBe(454);
    expect(cv.best.k).toBe(7);
    expect(closeRelative(cv.best.meanMse, 36.128759766697186)).toBe(true);
    expect(closeRelative(cv.best.stdMse, 11.501802056105259)).toBe(true);
  });
});
