import { describe, expect, it } from 'vitest';
import { summariseSeeds } from '../../ml/seed-stability';
import type { SeedStabilityResult } from '../../store/services';
import { barsToDraw, bestKBars, placeReading, seedPlace, settingsChange, settingsWords, stabilityReading } from './stability-reading';

/** A result over seeds from.. with these best k's and MSEs (MAE and R² are not read here). */
function result(from: number, bestK: number[], mse: number[]): SeedStabilityResult {
  const runs = bestK.map((k, i) => ({ seed: from + i, bestK: k, mse: mse[i], mae: 0, r2: 0 }));
  return {
    seeds: { from, to: from + bestK.length - 1 },
    bestK: Uint32Array.from(bestK),
    mse: Float64Array.from(mse),
    mae: new Float64Array(bestK.length),
    r2: new Float64Array(bestK.length),
    summary: summariseSeeds(runs),
  };
}

describe('stability reading', () => {
  const run = result(100, [3, 5, 3, 1, 32, 3, 5], [10, 12, 9, 30, 15, 12, 11]);

  it('gives one bar per best k that occurred, ascending, with its seeds lowest first', () => {
    expect(bestKBars(run).map(({ k, count, seeds }) => ({ k, count, seeds }))).toEqual([
      { k: 1, count: 1, seeds: [103] },
      { k: 3, count: 3, seeds: [100, 102, 105] },
      { k: 5, count: 2, seeds: [101, 106] },
      { k: 32, count: 1, seeds: [104] },
    ]);
  });

  it('draws one bar per k while they fit, and gathers a long tail of large k into one last bar', () => {
    expect(barsToDraw(bestKBars(run))).toEqual(bestKBars(run));
    // 100 seeds: best k 1..40 for 96 of them, then four stragglers up to 450.
    const ks = [...Array.from({ length: 96 }, (_, i) => 1 + (i % 40)), 90, 200, 300, 450];
    const wide = result(0, ks, ks.map((_, i) => i));
    const drawn = barsToDraw(bestKBars(wide));
    expect(drawn.slice(0, -1).map((b) => b.k)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(drawn.at(-1)).toEqual({ k: 90, kTo: 450, count: 4, share: 0.04, seeds: [96, 97, 98, 99] });
    expect(drawn.reduce((n, b) => n + b.count, 0)).toBe(100);
  });

  it('says the range and the most frequent best k in one sentence, and adds cross-validation’s pick when given', () => {
    expect(stabilityReading(run)).toBe('Over 7 seeds the best k ranged from 1 to 32; it was 3 most often (3 seeds, 42.9 %).');
    expect(stabilityReading(run, { folds: 10, bestK: 7 })).toBe('Over 7 seeds the best k ranged from 1 to 32; it was 3 most often (3 seeds, 42.9 %). 10-fold CV picks 7.');
    expect(stabilityReading(result(0, [4, 6, 4, 6, 9], [1, 2, 3, 4, 5]))).toBe('Over 5 seeds the best k ranged from 4 to 9; it was 4 and 6 most often (2 seeds each).');
    expect(stabilityReading(result(0, [7, 7], [1, 2]))).toBe('Over 2 seeds the best k was 7 every time.');
    expect(stabilityReading(result(42, [7], [1]))).toBe('For seed 42 alone the best k is 7.');
  });

  it('places a seed by its best MSE: the shares of seeds strictly lower and strictly higher', () => {
    expect(seedPlace(run, 101)).toEqual({ seed: 101, bestK: 5, mse: 12, lowerShare: 3 / 7, higherShare: 2 / 7 });
    expect(placeReading(run, 101)).toBe('The lab’s seed, 101, has best k 5 (its bar is marked) and a best test MSE of 12.00: 42.9 % of the seeds scored lower and 28.6 % higher.');
  });

  it('says so when the lab’s seed is not in the range', () => {
    expect(seedPlace(run, 42)).toBeNull();
    expect(placeReading(run, 42)).toBe('The lab’s seed, 42, is outside the seeds run (100–106), so it is not marked. Run a range that includes it to see where it falls.');
  });

  it('names the settings a run used, and what changed since', () => {
    const request = { dataset: 'boston', testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', cv: null, kMax: null, features: ['rm', 'lstat'] } as const;
    expect(settingsWords({ ...request, features: [...request.features] })).toBe(
      'Boston, test size 0.1 (51 test rows), distance weights, no scaling, Euclidean distance, features rm, lstat, the default k range',
    );
    const now = { ...request, weights: 'uniform', testFraction: 0.2, features: [...request.features] } as const;
    expect(settingsChange({ ...request, features: [...request.features] }, { ...now, features: [...now.features] })).toBe(
      'test size 0.1 (51 test rows) (now test size 0.2 (102 test rows)); distance weights (now uniform weights)',
    );
  });
});
