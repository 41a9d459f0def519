// What the store needs from outside: the worker and storage in the app, fakes in tests. Several slices use each,
// so they live here rather than in any one slice.
import type { ModelIntervals } from '../ml/intervals';
import type { FittedModel } from '../ml/model';
import type { RowSample } from '../ml/row-sample';
import type { KnnStorage } from '../storage/open-storage';
import type { DatasetSummary, FitResult, ModelCurve, SeedStabilityRequest, SeedStabilityResult, SweepRequest, SweepSummary } from '../worker/lab-api';
import type { JobProgress } from '../worker/progress';
import type { BatchOutcome } from '../ml/batch-predict';
import type { BatchRequest } from '../worker/lab-api';

import type { CsvPreviewRead, FinishedImport, ImportChoice, ImportIssues } from '../worker/csv-import';

// Features reach worker and storage types through the store, never those folders themselves.
export type { CsvPreview, ImportIssues } from '../worker/csv-import';
export type { DatasetMeta, ModelRef } from '../storage/repository';
export type { DatasetSummary, ModelCurve, SeedStabilityRequest, SeedStabilityResult, SweepSummary } from '../worker/lab-api';
export type { ModelEntry, ModelRecord } from '../storage/repository';
export { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../storage/model-record';

/** The sweep slice's long job. */
export interface SweepServices {
  /** Starts a sweep; a long one may report progress through `onProgress`. */
  sweep: (request: SweepRequest, onProgress: (progress: JobProgress) => void) => Promise<SweepSummary>;
  /** Stops the latest sweep (and nothing else); its promise must reject with a CancelledError. */
  cancel: () => void;
  now: () => number;
}

/** What the registry, prediction and history slices use. */
export interface StorageServices {
  /** The storage, opened once: IndexedDB, or memory when that fails (its state says which). */
  storage: () => Promise<KnnStorage>;
  /** Fits these settings at k (the best k when omitted), or in radius mode at `radius` (the best radius when omitted), off the main thread. */
  fit: (request: SweepRequest, k?: number, radius?: number) => Promise<FitResult>;
  /** One dataset row's feature values, in dataset order. */
  datasetRow: (name: string, row: number) => Promise<number[]>;
  describe: (name: string) => Promise<DatasetSummary>;
  /** A saved model's interval calibration and out-of-range distance, off the main thread; `sha256` is its record hash (the cache key). */
  intervals: (model: FittedModel, sha256: string) => Promise<ModelIntervals>;
  /** A saved model's error curve against k (its split's test MSE, or the K-fold mean), off the main thread. */
  modelCurve: (request: SweepRequest) => Promise<ModelCurve>;
}

/** What the error plots' slice uses. */
export interface RowsServices {
  /** Each test row's recorded price and its price at k, off the main thread. */
  rows: (request: SweepRequest, k: number, radius?: number) => Promise<RowSample>;
}

/** The seed-stability slice's long job. */
export interface StabilityServices {
  /** Starts a run over a range of seeds; `cancel` stops its own worker only, and `promise` then rejects with a CancelledError. */
  seedStability: (request: SeedStabilityRequest, onProgress: (progress: JobProgress) => void) => { promise: Promise<SeedStabilityResult>; cancel: () => void };
}

/** The import slice's jobs, in the import worker: parse a file, then ask about it and build from it. */
export interface ImportServices {
  parseCsv: (file: Blob, onProgress: (progress: JobProgress) => void) => { promise: Promise<CsvPreviewRead>; cancel: () => void };
  importIssues: (choice: ImportChoice) => Promise<ImportIssues>;
  finishImport: (choice: ImportChoice) => Promise<FinishedImport>;
}

/** The batch slice's long job: a file priced by a saved model in a worker of its own. */
export interface BatchServices {
  /** `cancel` stops this job's worker only, and `promise` then rejects with a CancelledError. */
  batchPredict: (request: BatchRequest, onProgress: (progress: JobProgress) => void) => { promise: Promise<BatchOutcome>; cancel: () => void };
}

// Stability is optional so that tests of the other slices need not fake it; without it, Run says it is unavailable.
export type LabServices = SweepServices & StorageServices & RowsServices & Partial<StabilityServices> & Partial<ImportServices> & Partial<BatchServices>;
