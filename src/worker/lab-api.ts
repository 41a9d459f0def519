import { predictCsv, type BatchOutcome } from '../ml/batch-predict';
import { crossValidate, crossValidationCurve, type CrossValidationDetails } from '../ml/cross-validation';
import { DATASET_NOTES, isDatasetName, resolveKMax, type FeatureInfo } from '../ml/dataset-meta';
import { kLimitForRows, type Neighbourhood } from '../ml/settings-schema';
import { datasetFingerprint, loadDataset, type Dataset } from '../ml/datasets';
import { fitForSettings, type FitResult } from '../ml/fit-settings';
import { csvSizeProblem } from '../ml/csv-table';
import { modelIntervals, type IntervalLevel, type ModelIntervals } from '../ml/intervals';
import type { FittedModel } from '../ml/model';
import { outOfFoldRowPredictions, radiusRowPredictions, testRowPredictions, type RowPredictions } from '../ml/row-predictions';
import { MAX_SEED_RUNS, seedStability, type SeedSummary } from '../ml/seed-stability';
import { radiusCurve, type RadiusCurve } from '../ml/radius';
import { sampleRowPredictions, type RowSample } from '../ml/row-sample';
import { median } from '../ml/stats';
import { Sweeper, type SweepResult, type SweepSettings } from '../ml/sweep';
import type { ProgressReport } from './progress';

/** What a sweep needs; plain data so it crosses postMessage as is. Features: at least one, in dataset order. */
export interface SweepRequest extends Omit<SweepSettings, 'kMax'> {
  /** A built-in dataset's name or an imported dataset's id (registered with this worker first). */
  dataset: string;
  /** Largest k to score, or null for the default range (see resolveKMax). */
  kMax: number | null;
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
  name: string;
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
  /** Boston's caveats; null for an imported dataset. */
  notes: { censored: string; b: string } | null;
}

/** An imported dataset as the page hands it to a worker: its rows and what they mean. */
export interface DatasetPayload {
  id: string;
  title: string;
  features: string[];
  target: string;
  x: Float64Array;
  y: Float64Array;
  sha256: string;
}


export type { FitResult };

/** A batch prediction: a saved model, its calibration, the level, and the file (or its text, in tests). */
export interface BatchRequest {
  model: FittedModel;
  intervals: ModelIntervals;
  level: IntervalLevel;
  input: Blob | string;
  /** The model's features as its dataset describes them, for the hard limits a row must respect. */
  features: FeatureInfo[];
}

/** A saved model's error curve against k, as the lab's sweep scores it (see labApi.modelCurve). */
export interface ModelCurve {
  /** 'split': the test MSE of one train/test split; 'kfold': the mean MSE over the folds. */
  method: 'split' | 'kfold';
  /** MSE at k = 1..mse.length (index k − 1), in the target's units squared. */
  mse: Float64Array;
  bestK: number;
}

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
const sweepers = new Map<string, Sweeper>();
const sweeperFor = (name: string) => {
  let s = sweepers.get(name);
  if (!s) sweepers.set(name, (s = new Sweeper(datasetFor(name))));
  return s;
};

// Imported datasets this worker has been given, by id. Ids name content, so a kept copy is never stale; a few are
// kept (the page registers the one in use), the oldest dropped first.
const imported = new Map<string, Dataset>();
const KEPT_IMPORTS = 3;

function datasetFor(name: string): Dataset {
  if (isDatasetName(name)) return loadDataset(name);
  const d = imported.get(name);
  if (!d) throw new RangeError(`dataset "${name}" has not been given to this worker`);
  return d;
}

/** The request's k-max as a number: its setting, or the default range for the dataset and split. O(1). */
function kMaxOf(dataset: Dataset, request: Pick<SweepRequest, 'kMax' | 'testFraction' | 'cv'>): number {
  return resolveKMax(request.kMax, dataset.nRows, kLimitForRows(dataset.nRows, request));
}

/** Every scored row's price at k (or at a radius): test rows of the split, or every row out of fold. */
function allRowPredictions(dataset: Dataset, request: SweepRequest, k: number, radius?: number): RowPredictions {
  if (request.neighbours === 'radius') {
    if (radius === undefined) throw new RangeError('radius mode prices the rows at a radius: give one');
    return radiusRowPredictions(dataset, request, radius);
  }
  if (request.cv !== null) return outOfFoldRowPredictions(dataset, request, request.cv, request.seed, k);
  return testRowPredictions(dataset, request, k);
}

/** The worker's API: plain functions over src/ml, callable directly in tests. */
export const labApi = {
  /** Scores every k from 1 to nTrain − 1 for one split; ~1–2 ms on Boston. Reports the test rows scored. */
  sweep(request: SweepRequest, report?: ProgressReport): SweepSummary {
    const dataset = datasetFor(request.dataset);
    const kMax = kMaxOf(dataset, request);
    // Radius neighbours are scored on the single split (the k curve beside them costs a millisecond more).
    if (request.neighbours === 'radius') return { ...sweeperFor(request.dataset).sweep({ ...request, kMax }), radius: radiusCurve(dataset, request) };
    if (request.cv !== null) {
      // Every row is a test row once: progress counts rows across the folds, so a large dataset's bar moves steadily.
      const onRows = report && ((done: number, total: number) => report({ fraction: done / total, label: `Scored ${done} of ${total} rows (${request.cv} folds)` }));
      return crossValidationCurve(crossValidate(dataset, request, request.cv, request.seed, kMax, undefined, onRows));
    }
    const onProgress = report && ((done: number, total: number) => report({ fraction: done / total, label: `Scored ${done} of ${total} test rows` }));
    return sweeperFor(request.dataset).sweep({ ...request, kMax }, onProgress);
  },

  /** Takes an imported dataset's rows after checking them against their fingerprint. O(rows · features). */
  registerDataset(payload: DatasetPayload): void {
    const { id, title, features, target, x, y, sha256 } = payload;
    const nRows = y.length;
    const nFeatures = features.length;
    if (x.length !== nRows * nFeatures) throw new RangeError(`dataset "${id}": ${x.length} values do not fill ${nRows} rows of ${nFeatures} features`);
    const infos: FeatureInfo[] = features.map((code) => ({ code, description: '', unit: '' }));
    const base = { name: id, title, target, targetDescription: '', features: infos, nRows, nFeatures, x, y };
    const computed = datasetFingerprint(base);
    if (computed !== sha256) throw new Error(`dataset "${title}" is damaged: its rows no longer match their fingerprint`);
    imported.delete(id);
    imported.set(id, { ...base, sha256 });
    while (imported.size > KEPT_IMPORTS) {
      const oldest = imported.keys().next().value!;
      imported.delete(oldest);
      sweepers.delete(oldest);
    }
  },

  /** Sweeps every seed in the range and keeps each one's best k; reports after each seed. ~0.5 ms a seed unscaled. */
  seedStability(request: SeedStabilityRequest, report?: ProgressReport): SeedStabilityResult {
    const { dataset: name, seeds: { from, to }, testFraction, kMax: kMaxSetting, ...params } = request;
    const count = to - from + 1;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 0xffff_ffff || count < 1 || count > MAX_SEED_RUNS) {
      throw new RangeError(`seeds must be a range of 1..${MAX_SEED_RUNS} integer seeds in 0..4294967295, got ${from}-${to}`);
    }
    const seeds = Array.from({ length: count }, (_, i) => from + i);
    const onProgress = report && ((done: number, total: number) => report({ fraction: done / total, label: `Seed ${done} of ${total}` }));
    const dataset = datasetFor(name);
    const kMax = kMaxOf(dataset, { kMax: kMaxSetting, testFraction, cv: null });
    const { runs, summary } = seedStability(dataset, params, testFraction, seeds, kMax, { onProgress });
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
    const dataset = datasetFor(request.dataset);
    return fitForSettings(dataset, { ...request, kMax: kMaxOf(dataset, request) }, k, radius);
  },

  /**
   * Each scored row's dataset row, recorded price and price at k, as the sweep scores them (up to 600 rows, their
   * MSE is the sweep's at k, exactly); above 600, the sample the plots draw (see sampleRowPredictions). ~1 ms on
   * Boston.
   */
  rowPredictions(request: SweepRequest, k: number, radius?: number): RowSample {
    return sampleRowPredictions(allRowPredictions(datasetFor(request.dataset), request, k, radius));
  },

  /**
   * A saved model's interval calibration and out-of-range distance (see modelIntervals). O(nTrain² · d): a few ms
   * on Boston, seconds at 20,000 rows, so it runs in a lane of its own.
   */
  modelIntervals(model: FittedModel): ModelIntervals {
    return modelIntervals(model);
  },

  /**
   * Every row of a CSV priced by a saved model (see predictCsv): O(rows · nTrain · d), ~1 s per 10,000 rows on
   * Boston. A Blob over MAX_CSV_BYTES is refused before it is read, so a huge file costs no memory.
   */
  async batchPredict(request: BatchRequest, report?: ProgressReport): Promise<BatchOutcome> {
    const { input } = request;
    const tooBig = csvSizeProblem(typeof input === 'string' ? input.length : input.size);
    if (tooBig) return { ok: false, error: tooBig };
    let text: string;
    try {
      text = typeof input === 'string' ? input : await input.text();
    } catch (error) {
      // The file was moved or changed on disk after it was picked.
      return { ok: false, error: `The file could not be read (${error instanceof Error ? error.message : String(error)}). Pick it again.` };
    }
    const onProgress = report && ((fraction: number) => report({ fraction, label: 'Predicting the rows' }));
    return predictCsv(request.model, request.intervals, request.level, text, { onProgress, features: request.features });
  },

  /**
   * A saved model's error curve (the Models view's comparison): its split's test MSE for every k, or the mean over
   * the folds when K-fold chose its k. It is the lab's own sweep, so the curve at the saved k is the saved score.
   * Costs one sweep; the default k range keeps it to a few hundred k on Boston and 1..1000 above 5,000 rows.
   */
  modelCurve(request: SweepRequest): ModelCurve {
    if (request.neighbours !== 'k') throw new RangeError('a radius model has no error curve against k');
    const { mse, best } = labApi.sweep(request);
    return { method: request.cv === null ? 'split' : 'kfold', mse, bestK: best.k };
  },

  /** One row's feature values, in dataset order (for "Fill from row"). */
  datasetRow(name: string, row: number): number[] {
    const d = datasetFor(name);
    if (!Number.isInteger(row) || row < 0 || row >= d.nRows) throw new RangeError(`row must be an integer in 0..${d.nRows - 1}, got ${row}`);
    return Array.from(d.x.subarray(row * d.nFeatures, (row + 1) * d.nFeatures));
  },

  /** Feature descriptions, min/median/max and the first rows. O(rows · features · log rows). */
  describe(name: string): DatasetSummary {
    const d = datasetFor(name);
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
      notes: isDatasetName(name) ? { ...DATASET_NOTES } : null,
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
