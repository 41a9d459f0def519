import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../test-support/all-features';
import { crossValidate } from './cross-validation';
import { loadDataset } from './datasets';
import { fitForSettings, type FitSettings } from './fit-settings';
import { sweep } from './sweep';

const boston = loadDataset('boston');
const base: FitSettings = { seed: 4, testFraction: 0.1, weights: 'uniform', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES, cv: null, neighbours: 'k' };

describe('fitForSettings honours the k-max', () => {
  it('on one split, the best k is the best of k = 1..kMax and a k above it is refused', () => {
    const fit = fitForSettings(boston, { ...base, kMax: 3 });
    const curve = sweep(boston, { ...base, kMax: 3 });
    expect(fit.k).toBe(curve.best.k);
    expect(fit.metrics.mse).toBe(curve.best.mse);
    expect(() => fitForSettings(boston, { ...base, kMax: 3 }, 4)).toThrow(/k must be an integer in 1..3/);
  });

  it('in K-fold mode, the best k and its one-SE k come from k = 1..kMax', () => {
    const settings = { ...base, cv: 5, kMax: 4 };
    const fit = fitForSettings(boston, settings);
    const cv = crossValidate(boston, settings, 5, settings.seed, 4);
    expect(fit.k).toBe(cv.best.k);
    expect(fit.chosenBy).toMatchObject({ method: 'kfold', folds: 5, oneSeK: cv.oneSeK });
    expect(cv.oneSeK).toBeLessThanOrEqual(4);
  });
});
