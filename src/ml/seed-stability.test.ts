import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { SeedRunStopped, seedStability } from './seed-stability';
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
