import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { SeedRunStopped, quantileOfSorted, readSeedRange, seedStability, summariseSeeds } from './seed-stability';
import { median } from './stats';
import { sweep } from './sweep';
import { ALL_FEATURES } from '../test-support/all-features';

describe('seed stability', () => {
  it('each run equals a single sweep at that seed, with and without scaling', () => {
    const boston = loadDataset('boston');
    for (const scale of ['none', 'standard'] as const) {
      const params = { weights: 'distance' as const, scale, metric: 'euclidean' as const, features: ALL_FEATURES };
      const { runs } = seedStability(boston, params, 0.1, [0, 7, 42]);
      for (const run of runs) {
        const single = sweep(boston, { ...params, seed: run.seed, testFraction: 0.1 });
        expect(run).toEqual({ seed: run.seed, bestK: single.best.k, mse: single.best.mse, mae: single.best.mae, r2: single.best.r2 });
      }
    }
  });

  it('summarises best k as min/median/max and a histogram that counts every seed', () => {
    const { runs, summary } = seedStability(loadDataset('boston'), { weights: 'uniform', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 0.1, Array.from({ length: 40 }, (_, i) => i));
    expect(Object.values(summary.bestK.histogram).reduce((a, b) => a + b, 0)).toBe(40);
    expect(summary.bestK.min).toBe(Math.min(...runs.map((r) => r.bestK)));
    expect(summary.bestK.max).toBe(Math.max(...runs.map((r) => r.bestK)));
    expect(summary.mse.median).toBe(median(runs.map((r) => r.mse)));
  });

  it('median follows numpy: the mean of the middle two for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('seed stability: progress and stopping', () => {
  const params = { weights: 'distance' as const, scale: 'none' as const, metric: 'euclidean' as const, features: ALL_FEATURES };
  const seeds = Array.from({ length: 12 }, (_, i) => i);

  it('reports once per seed, counting up to the total', () => {
    const reports: [number, number][] = [];
    seedStability(loadDataset('boston'), params, 0.1, seeds, undefined, { onProgress: (done, total) => reports.push([done, total]) });
    expect(reports).toEqual(seeds.map((_, i) => [i + 1, seeds.length]));
  });

  it('stops before the next seed once asked, and keeps no partial result', () => {
    let done = 0;
    const run = () =>
      seedStability(loadDataset('boston'), params, 0.1, seeds, undefined, { onProgress: (n) => (done = n), shouldStop: () => done >= 5 });
    expect(run).toThrow(SeedRunStopped);
    expect(done).toBe(5);
  });
});

describe('seed stability: the MSE spread and the seed range', () => {
  it('quartiles are numpy’s default (linear) percentiles, to the last bit', () => {
    // np.quantile(v, [0.25, 0.75]) for each v, numpy 2.4.
    const cases: [number[], number, number][] = [
      [[3, 1, 4, 1, 5, 9, 2, 6], 1.75, 5.25],
      [[0.1, 0.7, 0.2], 0.15000000000000002, 0.44999999999999996],
      [[2.5], 2.5, 2.5],
    ];
    for (const [values, q1, q3] of cases) {
      const sorted = Float64Array.from(values).sort();
      expect([quantileOfSorted(sorted, 0.25), quantileOfSorted(sorted, 0.75)]).toEqual([q1, q3]);
    }
  });

  it('summarises the best MSE as min, quartiles, median and max', () => {
    const mses = [10.3, 22.71, 8.24, 101.22, 30.62, 23.99, 38.66, 5.0, 12.125];
    const { mse } = summariseSeeds(mses.map((m, i) => ({ seed: i, bestK: 1, mse: m, mae: 0, r2: 0 })));
    expect(mse).toEqual({ min: 5, q1: 10.3, median: 22.71, q3: 30.62, max: 101.22 });
  });

  it('reads a typed range, or says what is allowed', () => {
    expect(readSeedRange(' 0 ', '999')).toEqual({ ok: true, from: 0, to: 999 });
    expect(readSeedRange('4294957296', '4294967295')).toEqual({ ok: true, from: 4294957296, to: 4294967295 });
    expect(readSeedRange('0', '10000')).toEqual({ ok: false, message: '0–10000 is 10,001 seeds; at most 10,000 run at a time.' });
    expect(readSeedRange('5', '4')).toEqual({ ok: false, message: 'From (5) is above to (4): put the smaller seed first.' });
    for (const bad of ['-1', '1.5', '1e3', '0x10', '4294967296', '', 'ten']) expect(readSeedRange(bad, '5').ok).toBe(false);
  });
});
