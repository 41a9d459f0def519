import { DATASET_NOTES, type DatasetName } from '../ml/dataset-meta';
import { loadDataset } from '../ml/datasets';
import type { Scores } from '../ml/metrics';
import { fitModel, type FittedModel } from '../ml/model';
import { MAX_SEED_RUNS, seedStability, type SeedSummary } from '../ml/seed-stability';
import { median } from '../ml/stats';
import { scoresAt, Sweeper, type SweepResult, type SweepSettings } from '../ml/sweep';
import type { ProgressReport } from './progress';

/** What a sweep needs; plain data so it crosses postMessage as is. Features: at least one, in dataset order. */
export interface SweepRequest extends Omit<SweepSettings, 'kMax'> {
  dataset: DatasetName;
}

/** Every k's test scores (arrays indexed by k − 1) plus the best k and the baseline: what the page draws. */
export type SweepSummary = SweepResult;

export interface FeatureSummary {
  code: string;
  description: string;
  unit: string;
  binary: boolean;
  min: number;
  median: number;
  max: number;
}

/** What the data panel shows about one dataset. */
export interface DatasetSummary {
  name: DatasetName;
  title: string;
  target: string;
  targetDescription: string;
  nRows: number;
  /** SHA-256 of the canonical encoding, computed where the data lives (the worker). */
  sha256: string;
  features: FeatureSummary[];
  targetStats: { min: number; median: number; max: number; censoredRows: number };
  /** The first rows, features then target, as plain numbers. */
  firstRows: number[][];
  notes: { censored: string; b: string };
}


/** A model fitted at k, with its test scores there. */
export interface FitResult {
  model: FittedModel;
  k: number;
  metrics: Scores;
}

/** Every seed from `seeds.from` to `seeds.to` (at most MAX_SEED_RUNS), each split and swept with the other settings. */
export interface SeedStabilityRequest extends Omit<SweepRequest, 'seed'> {
  seeds: { from: number; to: number };
}

/** Each seed's best k and its scores, as columns indexed by seed − seeds.from, plus their summary. */
export interface SeedStabilityResult {
  seeds: { from: number; to: number };
  bestK: Uint32Array;
  mse: Float64Array;
  mae: Float64Array;
  r2: Float64Array;
  summary: SeedSummary;
}

const FIRST_ROWS = 5;

// One sweeper per dataset keeps the last unscaled neighbour index, so a seed or test-size change costs
// a walk over sorted lists instead of a full distance pass and sort.
const sweepers = new Map<DatasetName, Sweeper>();
const sweeperFor = (name: DatasetName) => {
  let s = sweepers.get(name);
  if (!s) sweepers.set(name, (s = new Sweeper(loadDataset(name))));
  return s;
};

/** The worker's API: plain functions over src/ml, callable directly in tests. */
export const labApi = {
  /** Scores every k from 1 to nTrain − 1 for one split; ~1–2 ms on Boston. Reports the test rows scored. */
  sweep(request: SweepRequest, report?: ProgressReport): SweepSummary {
    const onProgress = report && ((done: number, total: number) => report({ fraction: done / total, label: `Scored ${done} of ${total} test rows` }));
    return sweeperFor(request.dataset).sweep(request, onProgress);
  },

  /** Sweeps every seed in the range and keeps each one's best k; reports after each seed. ~0.5 ms a seed unscaled. */
  seedStability(request: SeedStabilityRequest, report?: ProgressReport): SeedStabilityResult {
    const { dataset: name, seeds: { from, to }, testFraction, ...params } = request;
    const count = to - from + 1;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 0xffff_ffff || count < 1 || count > MAX_SEED_RUNS) {
      throw new RangeError(`seeds must be a range of 1..${MAX_SEED_RUNS} integer seeds in 0..4294967295, got ${from}-${to}`);
    }
    const seeds = Array.from({ length: count }, (_, i) => from + i);
    const onProgress = report && ((done: number, total: number) => report({ fraction: done / total, label: `Seed ${done} of ${total}` }));
    const { runs, summary } = seedStability(loadDataset(name), params, testFraction, seeds, undefined, { onProgress });
    const result = { seeds: { from, to }, bestK: new Uint32Array(count), mse: new Float64Array(count), mae: new Float64Array(count), r2: new Float64Array(count), summary };
    runs.forEach((run, i) => {
      result.bestK[i] = run.bestK;
      result.mse[i] = run.mse;
      result.mae[i] = run.mae;
      result.r2[i] = run.r2;
    });
    return result;
  },

  /** Fits the model for these settings at k (the best k when omitted) with its test scores at k. ~2 ms. */
  fit(request: SweepRequest, k?: number): FitResult {
    const dataset = loadDataset(request.dataset);
    const curve = sweeperFor(request.dataset).sweep(request);
    const chosen = k ?? curve.best.k;
    if (!Number.isInteger(chosen) || chosen < 1 || chosen > curve.kMax) throw new RangeError(`k must be an integer in 1..${curve.kMax}, got ${chosen}`);
    return { model: fitModel(dataset, request, chosen), k: chosen, metrics: scoresAt(curve, chosen) };
  },

  /** One row's feature values, in dataset order (for "Fill from row"). */
  datasetRow(name: DatasetName, row: number): number[] {
    const d = loadDataset(name);
    if (!Number.isInteger(row) || row < 0 || row >= d.nRows) throw new RangeError(`row must be an integer in 0..${d.nRows - 1}, got ${row}`);
    return Array.from(d.x.subarray(row * d.nFeatures, (row + 1) * d.nFeatures));
  },

  /** Feature descriptions, min/median/max and the first rows. O(rows · features · log rows). */
  describe(name: DatasetName): DatasetSummary {
    const d = loadDataset(name);
    const column = new Float64Array(d.nRows);
    const features = d.features.map((f, j) => {
      for (let i = 0; i < d.nRows; i++) column[i] = d.x[i * d.nFeatures + j];
      column.sort();
      return { code: f.code, description: f.description, unit: f.unit, binary: Boolean(f.binary), min: column[0], median: median(column), max: column[d.nRows - 1] };
    });
    const y = d.y.slice().sort();
    const cap = y[d.nRows - 1];
    const firstRows = Array.from({ length: Math.min(FIRST_ROWS, d.nRows) }, (_, i) => [
      ...d.x.subarray(i * d.nFeatures, (i + 1) * d.nFeatures),
      d.y[i],
    ]);
    return {
      name,
      title: d.title,
      target: d.target,
      targetDescription: d.targetDescription,
      nRows: d.nRows,
      sha256: d.sha256,
      features,
      targetStats: { min: y[0], median: median(y), max: cap, censoredRows: y.filter((v) => v === cap).length },
      firstRows,
      notes: { ...DATASET_NOTES },
    };
  },
};

export type LabApi = typeof labApi;

/**
 * The buffers of a result's typed arrays, each once, to transfer rather than copy (a sweep's per-k columns, a
 * stability run's per-seed columns); the sender must not touch them afterwards.
 */
export function resultBuffers(result: object): ArrayBuffer[] {
  return [...new Set(Object.values(result).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer))];
}
