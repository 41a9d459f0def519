// The one place that opens KNN Lab's IndexedDB database: its schema, version and migrations.
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DatasetMeta, DatasetRows } from './dataset-record';
import { recordHash, type ModelRecord } from './model-record';
import type { BatchSummary, PredictionRecord } from './repository';

export const DB_NAME = 'knn-lab';

/**
 * Schema history (append only; each step is in MIGRATIONS):
 * 1. models (key = version), meta (nextVersion, activeVersion), predictions (auto id, index by-at).
 * 2. predictions index by-model [modelVersion, id] for filtered paging; models gain `note` (re-hashed).
 * 3. imported datasets: datasets (metadata, key = id) and dataset-rows (the numbers, same key), so listing
 *    never reads rows; models index by-dataset [dataset.name, dataset.sha256].
 * 4. batch predictions: batches (summaries, auto id) and batch-outputs (each one's CSV, same key), so History lists
 *    batches without reading outputs of up to 50 MB each.
 */
export const DB_VERSION = 4;

export type MetaKey = 'nextVersion' | 'activeVersion';

export interface KnnLabSchema extends DBSchema {
  models: { key: number; value: ModelRecord; indexes: { 'by-created': number; 'by-dataset': [string, string] } };
  meta: { key: MetaKey; value: number };
  predictions: {
    key: number;
    value: PredictionRecord;
    indexes: { 'by-at': number; 'by-model': [number, number] };
  };
  datasets: { key: string; value: DatasetMeta };
  'dataset-rows': { key: string; value: DatasetRows };
  batches: { key: number; value: BatchSummary };
  'batch-outputs': { key: number; value: { id: number; csv: string } };
}

export type KnnDb = IDBPDatabase<KnnLabSchema>;
type UpgradeTx = IDBPTransaction<KnnLabSchema, StoreNames<KnnLabSchema>[], 'versionchange'>;
type Migration = (db: KnnDb, tx: UpgradeTx) => void;

/** MIGRATIONS[v] takes the database from version v to v + 1. Only IndexedDB work may be awaited in them. */
export const MIGRATIONS: readonly Migration[] = [
  (db) => {
    const models = db.createObjectStore('models', { keyPath: 'version' });
    models.createIndex('by-created', 'createdAt');
    db.createObjectStore('meta');
    const predictions = db.createObjectStore('predictions', { keyPath: 'id', autoIncrement: true });
    predictions.createIndex('by-at', 'at');
  },
  (_db, tx) => {
    // The generated id is part of the value before index keys are taken, so [modelVersion, id] pages by version.
    tx.objectStore('predictions').createIndex('by-model', ['modelVersion', 'id']);
    void addNotes(tx);
  },
  (db, tx) => {
    db.createObjectStore('datasets', { keyPath: 'id' });
    db.createObjectStore('dataset-rows', { keyPath: 'id' });
    // Which models use a dataset, without reading every model's training rows.
    tx.objectStore('models').createIndex('by-dataset', ['dataset.name', 'dataset.sha256']);
  },
  (db) => {
    // No index by model version: batches are few (one per file a person picks), so the list is filtered in memory.
    db.createObjectStore('batches', { keyPath: 'id', autoIncrement: true });
    db.createObjectStore('batch-outputs', { keyPath: 'id' });
  },
];

// Version-1 records had no note. A record whose v1 hash still matches is given note '' and re-hashed;
// one that did not match stays unmatched, so migrating never turns a damaged record into a valid one.
async function addNotes(tx: UpgradeTx): Promise<void> {
  try {
    let cursor = await tx.objectStore('models').openCursor();
    while (cursor) {
      const old = cursor.value as ModelRecord & { note?: string };
      if (old && typeof old === 'object' && old.note === undefined) {
        const intact = typeof old.sha256 === 'string' && recordHash(old) === old.sha256;
        const next = { ...old, note: '' };
        await cursor.update(intact ? { ...next, sha256: recordHash(next) } : next);
      }
      cursor = await cursor.continue();
    }
  } catch {
    tx.abort();
  }
}

/** Runs the migrations from `oldVersion` up to `newVersion`, one version at a time. */
export function upgrade(db: KnnDb, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) MIGRATIONS[v](db, tx);
}

export interface OpenOptions {
  /** Default: the global indexedDB. Tests pass their own; a missing one means storage is unavailable. */
  factory?: IDBFactory;
  name?: string;
  /** Give up after this long (default 4 s): some browsers never answer an open (private modes, broken profiles). */
  timeoutMs?: number;
  /** Another tab holds an older version open and has not closed it yet: this open is waiting. */
  onBlocked?: () => void;
  /** Another tab wants a newer version: the connection has been closed; this tab should reload. */
  onBlocking?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  onTerminated?: () => void;
}

export type OpenFailure = { reason: 'unsupported' | 'error' | 'timeout' | 'blocked'; message: string };
export type OpenOutcome = { ok: true; db: KnnDb } | ({ ok: false } & OpenFailure);

export const DEFAULT_OPEN_TIMEOUT_MS = 4000;

/** Opens (creating or upgrading) the database; resolves with a failure value instead of throwing or hanging. */
export function openKnnDb(options: OpenOptions = {}): Promise<OpenOutcome> {
  const { name = DB_NAME, timeoutMs = DEFAULT_OPEN_TIMEOUT_MS } = options;
  const factory = 'factory' in options ? options.factory : globalThis.indexedDB;
  if (!factory) return Promise.resolve({ ok: false, reason: 'unsupported', message: 'This browser has no IndexedDB.' });
  return new Promise((resolve) => {
    let settled = false;
    let blocked = false;
    const finish = (outcome: OpenOutcome) => {
      if (settled) {
        // Opened after we gave up: let go at once so this late connection blocks nobody.
        if (outcome.ok) outcome.db.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish(
        blocked
          ? { ok: false, reason: 'blocked', message: 'Another KNN Lab tab is holding an older version of the database open. Close or reload the other tabs, then reload this one.' }
          : { ok: false, reason: 'timeout', message: `The browser's database did not open within ${Math.round(timeoutMs / 1000)} s.` },
      );
    }, timeoutMs);

    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      finish({ ok: false, reason: 'error', message: `The browser refused to open its database (${describe(error)}).` });
      return;
    }
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as unknown as KnnDb;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTx;
      try {
        upgrade(db, event.oldVersion, event.newVersion ?? DB_VERSION, tx);
      } catch {
        tx.abort();
      }
    });
    request.addEventListener('blocked', () => {
      blocked = true;
      options.onBlocked?.();
    });
    request.addEventListener('error', (event) => {
      event.preventDefault();
      finish({ ok: false, reason: 'error', message: `The browser's database could not be opened (${describe(request.error)}).` });
    });
    request.addEventListener('success', () => {
      const raw = request.result;
      raw.addEventListener('versionchange', () => {
        raw.close();
        options.onBlocking?.();
      });
      raw.addEventListener('close', () => options.onTerminated?.());
      finish({ ok: true, db: wrap(raw) as unknown as KnnDb });
    });
  });
}

export function describe(error: unknown): string {
  if (error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)) {
    return error.message ? `${error.name}: ${error.message}` : error.name;
  }
  return String(error);
}
