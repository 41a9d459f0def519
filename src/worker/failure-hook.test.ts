import { describe, expect, it } from 'vitest';
import { FEATURE_CODES } from '../ml/dataset-meta';
import { withFailureHook } from './failure-hook';
import { labApi, type SweepRequest } from './lab-api';

const defaults: SweepRequest = {
  dataset: 'boston', seed: 42, testFraction: 0.1, cv: null, kMax: null, neighbours: 'k', weights: 'distance', scale: 'none', metric: 'euclidean', features: [...FEATURE_CODES],
};

describe('the failure hook (test builds only)', () => {
  it('fails the next sweep only, and leaves the API untouched until armed', () => {
    const api = withFailureHook(labApi);
    const unhooked = labApi.sweep(defaults).best;
    expect(api.sweep(defaults).best).toEqual(unhooked);
    api.armFailure('throw');
    expect(() => api.sweep(defaults)).toThrow(/Forced sweep failure/);
    expect(api.sweep(defaults).best).toEqual(unhooked);
    expect(api.describe('boston').nRows).toBe(506);
  });
});
