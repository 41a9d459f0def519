import type { Dataset } from './datasets';
import type { KnnParams } from './params';
import { median } from './stats';
import { Sweeper, type SweepResult } from './sweep';

/** One seed's best k and its test scores. */
export interface SeedRun {
  seed: number;
  bestK: number;
  mse: number;
  mae: number;
  r2: number;
}

export interface SeedSummary {
  bestK: { min: number; median: number; max: number; histogram: Record<string, number> };
  mse: { min: number; median: number; max: number };
}

/**
 * Sweeps every seed and keeps each one's best k. Without scaling one neighbour index serves all
 * seeds: O(n² log n) once, then O(nTest · n) per seed; with scaling, a full sweep per seed.
 */
export function seedStability(
  dataset: Dataset,
  params: KnnParams,
  testFraction: number,
  seeds: readonly number[],
  kMax?: number,
): { runs: SeedRun[]; summary: SeedSummary } {
  const sweepSeed = seedSweeper(dataset, params, testFraction);
  const runs = seeds.map((seed) => {
    const result = sweepSeed(seed, kMax);
    return { seed, bestK: result.best.k, mse: result.best.mse, mae: result.best.mae, r2: result.best.r2 };
  });
  return { runs, summary: summariseSeeds(runs) };
}

/** A function that sweeps one seed, sharing the neighbour index across calls where the settings allow it. */
export function seedSweeper(dataset: Dataset, params: KnnParams, testFraction: number): (seed: number, kMax?: number) => SweepResult {
  const sweeper = new Sweeper(dataset);
  return (seed, kMax) => sweeper.sweep({ ...params, seed, testFraction, kMax });
}

/** Min, median, max and a histogram of the best k; min, median, max of the best MSE. O(runs log runs). */
export function summariseSeeds(runs: readonly SeedRun[]): SeedSummary {
  const ks = runs.map((r) => r.bestK);
  const mses = runs.map((r) => r.mse);
  const histogram: Record<string, number> = {};
  for (const k of [...ks].sort((a, b) => a - b)) histogram[String(k)] = (histogram[String(k)] ?? 0) + 1;
  return {
    bestK: { min: Math.min(...ks), median: median(ks), max: Math.max(...ks), histogram },
    mse: { min: Math.min(...mses), median: median(mses), max: Math.max(...mses) },
  };
}
