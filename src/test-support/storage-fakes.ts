// Test support: storage and worker services that run in Node, over memory storage and src/ml directly.
import { createMemoryStorage, type KnnStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import type { RowsServices, StorageServices } from '../store/services';

/** Memory storage and in-process fitting; pass `storage` to share one between two "tabs". */
export function fakeStorageServices(storage: KnnStorage = createMemoryStorage()): StorageServices & RowsServices & { store: KnnStorage } {
  return {
    store: storage,
    storage: async () => storage,
    fit: async (request, k, radius) => labApi.fit(request, k, radius),
    datasetRow: async (name: string, row: number) => labApi.datasetRow(name, row),
    describe: async (name: string) => labApi.describe(name),
    rows: async (request, k, radius) => labApi.rowPredictions(request, k, radius),
  };
}
