// The storage interfaces the UI programs against. IndexedDB (models.ts, predictions.ts) and memory (memory.ts)
// both implement them, so the app switches to memory when storage fails without changing any calling code.
import type { DatasetMeta, DatasetRows, ModelRef } from './dataset-record';
import type { ModelDraft, ModelEntry, ModelRecord } from './model-record';

export type StorageErrorKind =
  | 'quota' // the browser refused to store more
  | 'not-found'
  | 'damaged' // the record failed its integrity check
  | 'active' // the active model cannot be deleted
  | 'conflict' // another tab changed the record meanwhile
  | 'exists' // the same content is already stored (only when the save asked to be refused for it)
  | 'closed' // the connection was closed (another tab upgraded the database): reload
  | 'invalid' // refused before writing: the value is not storable
  | 'failed';

/** A storage failure a person can read; returned as a value, never thrown. */
export interface StorageError {
  kind: StorageErrorKind;
  message: string;
}

export type StorageResult<T> = { ok: true; value: T } | { ok: false; error: StorageError };

export interface ModelRepository {
  /**
   * Stores a new version; its number is allocated inside the write, so concurrent saves never share one. With
   * `unlessStored`, a record with the same hash already stored refuses the save (kind 'exists'), checked inside the
   * same write, so two tabs importing one file at the same moment store it once.
   */
  save(draft: ModelDraft, options?: { unlessStored?: boolean }): Promise<StorageResult<ModelRecord>>;
  /** Every version, oldest first, each verified independently. */
  list(): Promise<ModelEntry[]>;
  get(version: number): Promise<ModelEntry | null>;
  /** Makes a verified version the champion; refuses damaged or missing ones. */
  activate(version: number): Promise<StorageResult<ModelRecord>>;
  /** The active version (verified: check `status` before predicting), or null when none is active. */
  getActive(): Promise<ModelEntry | null>;
  /** Changes name and/or note and re-hashes; refuses damaged records. */
  rename(version: number, changes: { name?: string; note?: string }): Promise<StorageResult<ModelRecord>>;
  /** Deletes a version; refuses the active one unless it is damaged. */
  delete(version: number): Promise<StorageResult<void>>;
  /**
   * First visit: when no version exists, builds one with `factory` (outside any transaction), stores it and
   * activates it. When another tab got there first, nothing is written and `created` is false.
   */
  ensureDefaultModel(factory: () => ModelDraft | Promise<ModelDraft>): Promise<StorageResult<{ created: boolean; active: ModelEntry | null }>>;
}

/** One logged prediction. `inputs` maps feature code → raw value; `at` is ms since the epoch. */
export interface PredictionRecord {
  id: number;
  at: number;
  modelVersion: number;
  /** The model's name when the prediction was made (absent in records logged before names were kept). */
  modelName?: string;
  /** The model's target column ("medv", or an imported dataset's); absent in records logged before datasets could be imported. */
  target?: string;
  inputs: Record<string, number>;
  priceThousands: number;
}

export type NewPrediction = Omit<PredictionRecord, 'id' | 'at'> & { at?: number };

export interface PageRequest {
  /** Page size; default 50. */
  limit?: number;
  /** Continue after this cursor (the `next` of the previous page). */
  after?: number | null;
  /** Only predictions made with this model version (a positive integer). */
  modelVersion?: number;
}

/** Newest first; `next` is null on the last page. */
export interface PredictionPage {
  items: PredictionRecord[];
  next: number | null;
}

export interface PredictionRepository {
  add(prediction: NewPrediction): Promise<StorageResult<PredictionRecord>>;
  page(request?: PageRequest): Promise<PredictionPage>;
  count(modelVersion?: number): Promise<number>;
  /** Every model version that has logged predictions, ascending (deleted versions included). */
  versions(): Promise<number[]>;
  clear(): Promise<StorageResult<void>>;
  /** The whole history (or one version's) as CSV text, newest first. */
  exportCsv(modelVersion?: number): Promise<string>;
}

/**
 * A file predicted in one go and kept in History as one entry: what was predicted, with which model, and the output
 * CSV (stored apart, so listing never reads it). `at` is ms since the epoch.
 */
export interface BatchSummary {
  id: number;
  at: number;
  /** The input file's name, as picked. */
  fileName: string;
  /** Data rows in the file; every one is either predicted or refused. */
  rows: number;
  predicted: number;
  refused: number;
  /** Predicted rows farther from the training data than the model's out-of-range distance. */
  outOfRange: number;
  modelVersion: number;
  /** The model's name when the batch ran. */
  modelName: string;
  /** The interval level of `interval_low` and `interval_high` (0.8, 0.9 or 0.95). */
  level: number;
  /** The output's length in characters, so the list can say how big it is without reading it. */
  csvLength: number;
}

export type NewBatch = Omit<BatchSummary, 'id' | 'at' | 'csvLength'> & { at?: number; csv: string };

export interface BatchRepository {
  /** Stores summary and output CSV in one write; refuses invalid counts and outputs over the size limit ('invalid'). */
  add(batch: NewBatch): Promise<StorageResult<BatchSummary>>;
  /** Every sound batch's summary, newest first; reads no output. */
  list(): Promise<BatchSummary[]>;
  /** A batch's output CSV, exactly as stored. */
  csv(id: number): Promise<StorageResult<string>>;
  /** Removes one batch, summary and output together. */
  delete(id: number): Promise<StorageResult<void>>;
  /** Removes every batch. */
  clear(): Promise<StorageResult<void>>;
}

export interface DatasetRepository {
  /**
   * Stores an imported dataset, metadata and rows in one write. Refuses invalid values ('invalid') and an id
   * already stored ('conflict': the same content is already there), changing nothing.
   */
  add(meta: DatasetMeta, rows: DatasetRows): Promise<StorageResult<DatasetMeta>>;
  /** Every sound dataset's metadata, oldest import first; reads no rows. */
  list(): Promise<DatasetMeta[]>;
  /** The metadata, or null when missing or unreadable. */
  get(id: string): Promise<DatasetMeta | null>;
  /** The numbers, checked against the metadata's shapes and for finiteness (not re-hashed). */
  rows(id: string): Promise<StorageResult<DatasetRows>>;
  rename(id: string, name: string): Promise<StorageResult<DatasetMeta>>;
  /** Removes metadata and rows together. Models trained on it keep their own training rows. */
  delete(id: string): Promise<StorageResult<void>>;
  /** Saved model versions whose record names this dataset and fingerprint, ascending; no hash check. */
  modelsTrainedOn(id: string, sha256: string): Promise<ModelRef[]>;
}

export type { DatasetMeta, DatasetRows, ModelDraft, ModelEntry, ModelRecord, ModelRef };
