import { crossValidate, crossValidationCurve, type CrossValidationDetails } from '../ml/cross-validation';
import { DATASET_NOTES, type DatasetName } from '../ml/dataset-meta';
import type { Neighbourhood } from '../ml/settings-schema';
import { loadDataset } from '../ml/datasets';
import { fitForSettings, type FitResult } from '../ml/fit-settings';
import { outOfFoldRowPredictions, radiusRowPredictions, testRowPredictions, type RowPredictions } from '../ml/row-predictions';
import { MAX_SEED_RUNS, seedStability, type SeedSummary } from '../ml/seed-stability';
import { radiusCurve, type RadiusCurve } from '../ml/radius';
import { median } from '../ml/stats';
import { Sweeper, type SweepResult, type SweepSettings } from '../ml/sweep';
import type { ProgressReport } from './progress';

/** What a sweep needs; plain data so it crosses postMessage as is. Features: at least one, in dataset order. */
export interface SweepRequest extends Omit<SweepSettings, 'kMax'> {
  dataset: DatasetName;
  /** K-fold cross-validation with this many folds (seed = KFold's random_state), or null for one train/test split. */
  cv: number | null;
  /** 'radius': the sweep also scores RadiusNeighborsRegressor over the data's own grid of radii. */
  neighbours: Neighbourhood;
}

/**
 * Every k's scores (arrays indexed by k − 1) plus the best k and the baseline: what the page draws. In K-fold mode
 * the scores are the fold means and `cv` carries their spread and the one-SE k.
 */
export type SweepSummary = SweepResult & { cv?: CrossValidationDetails; radius?: RadiusCurve };

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


export type { FitResult };

/** Every seed from `seeds.from` to `seeds.to` (at most MAX_SEED_RUNS), each split and swept with the other settings. */
export interface SeedStabilityRequest extends Omit<SweepRequest, 'seed' | 'neighbours'> {
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
    // Radius neighbours are scored on the single split (the k curve beside them costs a millisecond more).
    if (request.neighbours === 'radius') return { ...sweeperFor(request.dataset).sweep(request), radius: radiusCurve(loadDataset(request.dataset), request) };
    if (request.cv !== null) {
      const onFold = report && ((done: number, total: number) => report({ fraction: done / total, label: `Scored ${done} of ${total} folds` }));
      return crossValidationCurve(crossValidate(loadDataset(request.dataset), request, request.cv, request.seed, undefined, onFold));
    }
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

  /** The model "save" keeps for these settings (see fitForSettings): at k or the best k, or at a radius. ~2–25 ms. */
  fit(request: SweepRequest, k?: number, radius?: number): FitResult {
    return fitForSettings(loadDataset(request.dataset), request, k, radius);
  },

  /**
   * Each test row's dataset row, recorded price and price at k, as the sweep scores them (their MSE is the sweep's
   * at k, exactly). A single split only: K-fold's out-of-fold rows are not drawn yet. ~1 ms on Boston.
   */
  rowPredictions(request: SweepRequest, k: number, radius?: number): RowPredictions {
    const dataset = loadDataset(request.dataset);
    if (request.neighbours === 'radius') {
      if (radius === undefined) throw new RangeError('radius mode prices the rows at a radius: give one');
      return radiusRowPredictions(dataset, request, radius);
    }
    if (request.cv !== null) return outOfFoldRowPredictions(dataset, request, request.cv, request.seed, k);
    return testRowPredictions(dataset, request, k);
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
  const values = Object.values(result).flatMap((v) => (v && typeof v === 'object' && !ArrayBuffer.isView(v) ? Object.values(v) : [v]));
  return [...new Set(values.filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer))];
}
