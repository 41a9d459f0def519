// Test support: storage and worker services that run in Node, over memory storage and src/ml directly.
import type { DatasetName } from '../ml/dataset-meta';
import { createMemoryStorage, type KnnStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import type { StorageServices } from '../store/services';

/** Memory storage and in-process fitting; pass `storage` to share one between two "tabs". */
export function fakeStorageServices(storage: KnnStorage = createMemoryStorage()): StorageServices & { store: KnnStorage } {
  return {
    store: storage,
    storage: async () => storage,
    fit: async (request, k) => labApi.fit(request, k),
    datasetRow: async (name: DatasetName, row: number) => labApi.datasetRow(name, row),
    describe: async (name: DatasetName) => labApi.describe(name),
  };
}
