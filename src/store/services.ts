// What the store needs from outside: the worker and storage in the app, fakes in tests. Several slices use each,
// so they live here rather than in any one slice.
import type { DatasetName } from '../ml/dataset-meta';
import type { KnnStorage } from '../storage/open-storage';
import type { DatasetSummary, FitResult, SweepRequest, SweepSummary } from '../worker/lab-api';
import type { JobProgress } from '../worker/progress';

// Features reach worker and storage types through the store, never those folders themselves.
export type { DatasetSummary, SweepSummary } from '../worker/lab-api';
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
  /** Fits these settings at k (the best k when omitted), off the main thread. */
  fit: (request: SweepRequest, k?: number) => Promise<FitResult>;
  /** One dataset row's feature values, in dataset order. */
  datasetRow: (name: DatasetName, row: number) => Promise<number[]>;
  describe: (name: DatasetName) => Promise<DatasetSummary>;
}

export type LabServices = SweepServices & StorageServices;
