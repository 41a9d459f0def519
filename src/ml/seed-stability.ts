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

/** The most seeds one stability run takes: 10,000 sweeps of Boston take 5–15 s, scaling being the slow case. */
export const MAX_SEED_RUNS = 10_000;

/** How a caller follows a long seed run and stops it; both are asked once per seed, so keep them cheap. */
export interface SeedRunControl {
  /** Called after each seed with the seeds done so far and the total. */
  onProgress?(done: number, total: number): void;
  /** Asked before each seed; true stops the run with a SeedRunStopped error. */
  shouldStop?(): boolean;
}

/** The run was stopped through `shouldStop` before every seed was swept; no partial result is kept. */
export class SeedRunStopped extends Error {
  override name = 'SeedRunStopped';
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
  control: SeedRunControl = {},
): { runs: SeedRun[]; summary: SeedSummary } {
  const sweepSeed = seedSweeper(dataset, params, testFraction);
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    if (control.shouldStop?.()) throw new SeedRunStopped(`Stopped after ${runs.length} of ${seeds.length} seeds.`);
    const result = sweepSeed(seed, kMax);
    runs.push({ seed, bestK: result.best.k, mse: result.best.mse, mae: result.best.mae, r2: result.best.r2 });
    control.onProgress?.(runs.length, seeds.length);
  }
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
