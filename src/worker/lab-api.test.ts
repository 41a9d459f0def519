import { describe, expect, it } from 'vitest';
import { FEATURE_CODES } from '../ml/dataset-meta';
import { loadDataset } from '../ml/datasets';
import { labApi, summaryBuffers, type SweepRequest } from './lab-api';

const defaults: SweepRequest = {
  dataset: 'boston', seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: [...FEATURE_CODES],
};

describe('labApi.sweep', () => {
  it('reproduces scikit-learn on the default settings: best k 6, test MSE 22.712', () => {
    const r = labApi.sweep(defaults);
    expect(r.best.k).toBe(6);
    expect(r.best.mse).toBeCloseTo(22.71214334767049, 9);
    expect(r.nTrain).toBe(455);
    expect(r.nTest).toBe(51);
    expect(r.kMax).toBe(454);
    expect(r.mse[4]).toBeCloseTo(24.66642357080066, 9);
  });

  it('reproduces uniform weights at seed 42 (best k 6, MSE 24.89) and standard scaling at seed 7 (best k 5)', () => {
    expect(labApi.sweep({ ...defaults, weights: 'uniform' }).best.mse).toBeCloseTo(24.89457516339869, 9);
    const scaled = labApi.sweep({ ...defaults, seed: 7, scale: 'standard' });
    expect(scaled.best.k).toBe(5);
    expect(scaled.best.r2).toBeCloseTo(0.914174375736505, 9);
  });

  it('returns only plain data and typed arrays, with no design matrices to copy across', () => {
    const r = labApi.sweep(defaults);
    expect(Object.keys(r).sort()).toEqual(['baseline', 'best', 'kMax', 'mae', 'mse', 'nTest', 'nTrain', 'r2']);
    expect(structuredClone(r).mse).toEqual(r.mse);
  });

  it('hands over three distinct buffers for transfer', () => {
    const r = labApi.sweep(defaults);
    const buffers = summaryBuffers(r);
    expect(buffers).toHaveLength(3);
    expect(new Set(buffers).size).toBe(3);
    expect(buffers[0].byteLength).toBe(454 * 8);
  });

  it('an armed failure fails the next sweep only', () => {
    labApi.armFailure('throw');
    expect(() => labApi.sweep(defaults)).toThrow(/Forced sweep failure/);
    expect(labApi.sweep(defaults).best.k).toBe(6);
  });
});

describe('labApi.describe', () => {
  it('summarises every feature and the censored target', () => {
    const d = labApi.describe('boston');
    expect(d.nRows).toBe(506);
    expect(d.features.map((f) => f.code)).toEqual([...FEATURE_CODES]);
    const chas = d.features.find((f) => f.code === 'chas')!;
    expect([chas.min, chas.max, chas.binary]).toEqual([0, 1, true]);
    const rm = d.features.find((f) => f.code === 'rm')!;
    expect(rm.median).toBeCloseTo(6.2085, 4);
    expect(d.targetStats).toEqual({ min: 5, median: 21.2, max: 50, censoredRows: 16 });
    expect(d.notes.b).toMatch(/scikit-learn removed/);
  });

  it('gives the first rows as features then target', () => {
    const d = labApi.describe('boston-corrected');
    const data = loadDataset('boston-corrected');
    expect(d.firstRows).toHaveLength(5);
    expect(d.firstRows[0]).toEqual([...data.x.subarray(0, 13), data.y[0]]);
    expect(d.target).toBe('cmedv');
  });
});

describe('labApi.fit and datasetRow', () => {
  it('fits at the best k by default, with the sweep’s scores at that k', () => {
    const fit = labApi.fit(defaults);
    expect(fit.k).toBe(6);
    expect(fit.metrics.mse).toBe(labApi.sweep(defaults).best.mse);
    expect(fit.model).toMatchObject({ k: 6, nTrain: 455, weights: 'distance', scale: 'none' });
  });

  it('fits at a chosen k and refuses one outside 1..nTrain − 1', () => {
    expect(labApi.fit(defaults, 20).metrics.mse).toBe(labApi.sweep(defaults).mse[19]);
    expect(() => labApi.fit(defaults, 455)).toThrow(/k must be/);
  });

  it('returns a dataset row’s 13 feature values and refuses rows outside the data', () => {
    expect(labApi.datasetRow('boston', 0).slice(0, 3)).toEqual([0.00632, 18, 2.31]);
    expect(() => labApi.datasetRow('boston', 506)).toThrow(/row must be/);
  });
});
