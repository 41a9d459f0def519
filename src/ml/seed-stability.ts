import type { Dataset } from './datasets';
import type { KnnParams } from './params';
import { SeedScanner } from './seed-scan';
import { MAX_SEED } from './split';
import { median } from './stats';

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
  /** The best test MSE's spread over the seeds; quartiles as numpy's default (linear) percentile, in ($1000s)². */
  mse: { min: number; q1: number; median: number; q3: number; max: number };
}

/** The most seeds one stability run takes: 10,000 seeds of Boston take ~0.7 s unscaled, ~14 s with scaling. */
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
 * Each seed's best k and its scores, equal to a full sweep's `best` at that seed (see SeedScanner), and their
 * summary. Unscaled: one neighbour index, O(n² log n) once, then O(nTest · n) per seed (~0.07 ms on Boston);
 * with scaling, distances and a sort per test row for every seed (~1.4 ms).
 */
export function seedStability(
  dataset: Dataset,
  params: KnnParams,
  testFraction: number,
  seeds: readonly number[],
  kMax?: number,
  control: SeedRunControl = {},
): { runs: SeedRun[]; summary: SeedSummary } {
  const scanner = new SeedScanner(dataset, params, testFraction, kMax);
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    if (control.shouldStop?.()) throw new SeedRunStopped(`Stopped after ${runs.length} of ${seeds.length} seeds.`);
    runs.push({ seed, ...scanner.scan(seed) });
    control.onProgress?.(runs.length, seeds.length);
  }
  return { runs, summary: summariseSeeds(runs) };
}

/** Min, median, max and a histogram of the best k; min, quartiles and max of the best MSE. O(runs log runs). */
export function summariseSeeds(runs: readonly SeedRun[]): SeedSummary {
  const ks = Float64Array.from(runs, (r) => r.bestK).sort();
  const mses = Float64Array.from(runs, (r) => r.mse).sort();
  const histogram: Record<string, number> = {};
  for (const k of ks) histogram[String(k)] = (histogram[String(k)] ?? 0) + 1;
  return {
    bestK: { min: ks[0], median: median(ks), max: ks[ks.length - 1], histogram },
    mse: { min: mses[0], q1: quantileOfSorted(mses, 0.25), median: median(mses), q3: quantileOfSorted(mses, 0.75), max: mses[mses.length - 1] },
  };
}

/**
 * numpy's `quantile(values, q)` with its default (linear) method, from values sorted ascending: the point (n − 1)·q
 * of the way along, interpolated as numpy's `_lerp` does (from the upper value when the fraction is ≥ ½). O(1).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const at = (n - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, n - 1);
  const t = at - below;
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** A range of seeds to run, or why the typed text is not one (in words for the person who typed it). */
export type SeedRangeRead = { ok: true; from: number; to: number } | { ok: false; message: string };

const WHOLE = /^\d+$/;

/**
 * Reads "from" and "to" as typed: whole numbers 0..4294967295 with from ≤ to, at most MAX_SEED_RUNS seeds. O(text).
 */
export function readSeedRange(fromText: string, toText: string): SeedRangeRead {
  const allowed = `a whole number from 0 to ${MAX_SEED.toLocaleString('en-GB')}`;
  const read = (text: string) => (WHOLE.test(text.trim()) ? Number(text.trim()) : Number.NaN);
  const from = read(fromText);
  const to = read(toText);
  for (const [name, text, value] of [['From', fromText, from], ['To', toText, to]] as const) {
    if (!(value <= MAX_SEED)) return { ok: false, message: `${name} must be ${allowed}; got “${text.trim() || 'nothing'}”.` };
  }
  if (from > to) return { ok: false, message: `From (${from}) is above to (${to}): put the smaller seed first.` };
  const count = to - from + 1;
  if (count > MAX_SEED_RUNS) {
    return { ok: false, message: `${from}–${to} is ${count.toLocaleString('en-GB')} seeds; at most ${MAX_SEED_RUNS.toLocaleString('en-GB')} run at a time.` };
  }
  return { ok: true, from, to };
}
