// The app's entry point to storage: opens IndexedDB, or falls back to memory with a state that says why.
import { createIdbBatchRepository } from './batches';
import { createChangeFeed, type ChangeFeed } from './changes';
import { createIdbDatasetRepository } from './datasets';
import { openKnnDb, type OpenOptions } from './db';
import { createMemoryBatchRepository, createMemoryDatasetRepository, createMemoryModelRepository, createMemoryPredictionRepository, createMemoryStore } from './memory';
import { createIdbModelRepository } from './models';
import { isPersisted, requestPersistence } from './persistence';
import { createIdbPredictionRepository } from './predictions';
import type { BatchRepository, DatasetRepository, ModelRepository, PredictionRepository } from './repository';

export type StorageStateKind =
  | 'opening'
  | 'blocked' // waiting for another tab to close an older version of the database
  | 'ready'
  | 'unavailable' // working from memory: nothing will be kept
  | 'reload-to-update'; // another tab upgraded the database; this tab let go of it

export interface StorageState {
  kind: StorageStateKind;
  /** True only while models, datasets and history are being written to IndexedDB. */
  available: boolean;
  /** True when the browser promised not to evict this site's data. */
  persistent: boolean;
  /** What to tell the user; empty when ready. */
  message: string;
}

export interface KnnStorage {
  models: ModelRepository;
  predictions: PredictionRepository;
  /** Imported datasets: metadata to list, rows read on demand. */
  datasets: DatasetRepository;
  /** Batch predictions kept in History: summaries to list, each output read on demand. */
  batches: BatchRepository;
  /** Changes from this tab and others: refresh lists / the active model when they arrive. */
  changes: ChangeFeed;
  getState(): StorageState;
  subscribe(listener: (state: StorageState) => void): () => void;
  /** Asks for persistent storage (call after the first save); updates `persistent`. */
  requestPersistence(): Promise<boolean>;
  close(): void;
}

export interface OpenStorageOptions extends Pick<OpenOptions, 'factory' | 'name' | 'timeoutMs'> {
  /** Sees every state from 'opening' on, including 'blocked' while the open waits. */
  onState?: (state: StorageState) => void;
  changes?: ChangeFeed;
  storageManager?: Pick<StorageManager, 'persist' | 'persisted'>;
}

const MEMORY_NOTE = 'KNN Lab is working from memory: models, imported datasets, predictions and batches will be lost when this tab closes.';

/**
 * Opens IndexedDB within the timeout; on any failure returns memory repositories with state 'unavailable'.
 * Never rejects.
 */
export async function openStorage(options: OpenStorageOptions = {}): Promise<KnnStorage> {
  const changes = options.changes ?? createChangeFeed();
  const state = createStateCell({ kind: 'opening', available: false, persistent: false, message: 'Opening storage…' });
  if (options.onState) state.subscribe(options.onState);
  options.onState?.(state.get());

  const outcome = await openKnnDb({
    factory: 'factory' in options ? options.factory : globalThis.indexedDB,
    name: options.name,
    timeoutMs: options.timeoutMs,
    onBlocked: () => state.set({ kind: 'blocked', available: false, persistent: false, message: 'Waiting for other KNN Lab tabs to close an older version of the database. Close or reload them.' }),
    onBlocking: () => state.set({ kind: 'reload-to-update', available: false, persistent: false, message: 'KNN Lab was updated in another tab. Reload this tab to keep saving.' }),
    onTerminated: () => state.set({ kind: 'unavailable', available: false, persistent: false, message: `The browser closed the database. Reload to try again. ${MEMORY_NOTE}` }),
  });

  if (!outcome.ok) {
    state.set({ kind: 'unavailable', available: false, persistent: false, message: `${outcome.message} ${MEMORY_NOTE}` });
    return memoryStorage(state, changes);
  }

  const { db } = outcome;
  const persisted = await isPersisted(options.storageManager ?? globalThis.navigator?.storage);
  state.set({ kind: 'ready', available: true, persistent: persisted.persistent, message: '' });
  return {
    models: createIdbModelRepository(db, changes),
    predictions: createIdbPredictionRepository(db, changes),
    datasets: createIdbDatasetRepository(db, changes),
    batches: createIdbBatchRepository(db, changes),
    changes,
    getState: state.get,
    subscribe: state.subscribe,
    async requestPersistence() {
      const result = await requestPersistence(options.storageManager ?? globalThis.navigator?.storage);
      const current = state.get();
      if (current.kind === 'ready') state.set({ ...current, persistent: result.persistent });
      return result.persistent;
    },
    close() {
      db.close();
      changes.close();
    },
  };
}

/** A memory-only KnnStorage, e.g. for tests of the UI or an explicit "don't keep anything" mode. */
export function createMemoryStorage(message = MEMORY_NOTE, changes: ChangeFeed = createChangeFeed()): KnnStorage {
  return memoryStorage(createStateCell({ kind: 'unavailable', available: false, persistent: false, message }), changes);
}

function memoryStorage(state: StateCell, changes: ChangeFeed): KnnStorage {
  const store = createMemoryStore();
  return {
    models: createMemoryModelRepository(store, changes),
    predictions: createMemoryPredictionRepository(store, changes),
    datasets: createMemoryDatasetRepository(store, changes),
    batches: createMemoryBatchRepository(store, changes),
    changes,
    getState: state.get,
    subscribe: state.subscribe,
    requestPersistence: async () => false,
    close: () => changes.close(),
  };
}

type StateCell = ReturnType<typeof createStateCell>;

function createStateCell(initial: StorageState) {
  let current = initial;
  const listeners = new Set<(state: StorageState) => void>();
  return {
    get: () => current,
    set(next: StorageState) {
      current = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe(listener: (state: StorageState) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
