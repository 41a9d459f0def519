import { describe, expect, it } from 'vitest';
import { FEATURE_CODES } from '../ml/dataset-meta';
import { loadDataset } from '../ml/datasets';
import { labApi, resultBuffers, type SweepRequest } from './lab-api';
import type { JobProgress } from './progress';
import { expectParity } from '../test-support/parity';
import { goldenSplitCase, sweepSettingsOf } from '../test-support/sklearn-golden';

const defaults: SweepRequest = {
  dataset: 'boston', seed: 42, testFraction: 0.1, cv: null, kMax: null, neighbours: 'k', weights: 'distance', scale: 'none', metric: 'euclidean', features: [...FEATURE_CODES],
};

describe('labApi.sweep', () => {
  it('reproduces scikit-learn’s golden sweeps through the worker API (tools/parity/sklearn-golden.json)', () => {
    for (const name of ['seed42-distance-none', 'seed42-uniform-none', 'seed7-distance-standard']) {
      const golden = goldenSplitCase(name);
      const r = labApi.sweep({ dataset: golden.dataset, cv: null, neighbours: 'k', ...sweepSettingsOf(golden), kMax: null });
      expect([r.nTrain, r.nTest, r.kMax]).toEqual([golden.nTrain, golden.nTest, golden.kMax]);
      expect(r.best.k).toBe(golden.best.k);
      expectParity(`${name} best mse`, r.best.mse, golden.best.mse);
      expectParity(`${name} k=5 mse`, r.mse[4], golden.curve.mse[4]);
    }
  });

  it('reports the test rows scored as it goes, ending with all of them', () => {
    const reports: JobProgress[] = [];
    const r = labApi.sweep({ ...defaults, scale: 'standard' }, (p) => reports.push(p));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.map((p) => p.fraction)).toEqual([...reports.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(reports.at(-1)?.label).toBe(`Scored ${Math.floor(r.nTest / 32) * 32} of ${r.nTest} test rows`);
  });

  it('returns only plain data and one value per k in each typed array, with no design matrices to copy across', () => {
    const r = labApi.sweep(defaults);
    const arrays = Object.values(r).filter((v) => ArrayBuffer.isView(v)) as Float64Array[];
    expect(arrays.map((a) => a.length)).toEqual(arrays.map(() => r.kMax));
    expect(Object.values(r).every((v) => ArrayBuffer.isView(v) || typeof v === 'number' || Object.getPrototypeOf(v) === Object.prototype)).toBe(true);
    expect(structuredClone(r).mse).toEqual(r.mse);
  });

  it('hands over every typed array’s buffer for transfer, each once', () => {
    const r = labApi.sweep(defaults);
    const buffers = resultBuffers(r);
    for (const column of [r.mse, r.mae, r.r2, r.tiedRows, r.bruteRows]) expect(buffers).toContain(column.buffer);
    expect(buffers).toHaveLength(Object.values(r).filter((v) => ArrayBuffer.isView(v)).length);
    expect(new Set(buffers).size).toBe(buffers.length);
  });
});

describe('labApi.seedStability', () => {
  const { seed: _seed, ...settings } = defaults;

  it('gives each seed’s best k as it would be swept alone, in seed order, with their summary', () => {
    const r = labApi.seedStability({ ...settings, seeds: { from: 40, to: 44 } });
    expect(r.seeds).toEqual({ from: 40, to: 44 });
    expect(r.bestK[2]).toBe(labApi.sweep({ ...defaults, seed: 42 }).best.k);
    expect(r.mse[2]).toBe(labApi.sweep({ ...defaults, seed: 42 }).best.mse);
    expect(Object.values(r.summary.bestK.histogram).reduce((a, b) => a + b, 0)).toBe(5);
    for (const column of [r.bestK, r.mse, r.mae, r.r2]) expect(resultBuffers(r)).toContain(column.buffer);
  });

  it('reports progress that only grows, ending at 1 with a label saying which seed', () => {
    const reports: JobProgress[] = [];
    labApi.seedStability({ ...settings, seeds: { from: 0, to: 19 } }, (p) => reports.push(p));
    expect(reports).toHaveLength(20);
    expect(reports.every((p, i) => i === 0 || p.fraction > reports[i - 1].fraction)).toBe(true);
    expect(reports.at(-1)).toEqual({ fraction: 1, label: 'Seed 20 of 20' });
  });

  it('refuses an empty, reversed or oversized range', () => {
    expect(() => labApi.seedStability({ ...settings, seeds: { from: 5, to: 4 } })).toThrow(/seeds must be/);
    expect(() => labApi.seedStability({ ...settings, seeds: { from: 0, to: 10_000 } })).toThrow(/seeds must be/);
    expect(() => labApi.seedStability({ ...settings, seeds: { from: -1, to: 3 } })).toThrow(/seeds must be/);
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
    expect(d.notes?.b).toMatch(/scikit-learn removed/);
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
    const best = labApi.sweep(defaults).best;
    expect(fit.k).toBe(best.k);
    expect(fit.metrics.mse).toBe(best.mse);
    expect(fit.model).toMatchObject({ k: best.k, nTrain: 455, weights: 'distance', scale: 'none' });
  });

  it('in K-fold mode sweeps the fold means and fits the chosen k on every row, saying how k was chosen', () => {
    const request = { ...defaults, cv: 10 };
    const curve = labApi.sweep(request);
    expect(curve.cv).toMatchObject({ folds: 10 });
    expect(curve.nTest).toBe(506);
    const fit = labApi.fit(request);
    expect(fit.k).toBe(curve.best.k);
    expect(fit.model.nTrain).toBe(506);
    expect(fit.metrics.mse).toBe(curve.best.mse);
    expect(fit.chosenBy).toEqual({ method: 'kfold', folds: 10, seed: 42, mseStd: curve.cv!.mseStd[fit.k - 1], oneSeK: curve.cv!.oneSeK });
    expect(labApi.fit(defaults).chosenBy).toEqual({ method: 'split', seed: 42, testFraction: 0.1 });
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
