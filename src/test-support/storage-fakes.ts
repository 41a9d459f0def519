// Test support: storage and worker services that run in Node, over memory storage and src/ml directly.
import { createMemoryStorage, type KnnStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import type { BatchServices, RowsServices, StorageServices } from '../store/services';

/** Memory storage and in-process fitting; pass `storage` to share one between two "tabs". */
export function fakeStorageServices(storage: KnnStorage = createMemoryStorage()): StorageServices & RowsServices & { store: KnnStorage } {
  return {
    store: storage,
    storage: async () => storage,
    fit: async (request, k, radius) => labApi.fit(request, k, radius),
    datasetRow: async (name: string, row: number) => labApi.datasetRow(name, row),
    describe: async (name: string) => labApi.describe(name),
    intervals: async (model) => labApi.modelIntervals(model),
    modelCurve: async (request) => labApi.modelCurve(request),
    rows: async (request, k, radius) => labApi.rowPredictions(request, k, radius),
  };
}

/** The batch job in-process; `cancel` rejects its promise with a CancelledError at once, as the bridge's does. */
export function fakeBatchServices(): BatchServices {
  return {
    batchPredict: (request, onProgress) => {
      let cancel!: () => void;
      const cancelled = new Promise<never>((_, reject) => {
        cancel = () => reject(Object.assign(new Error('Cancelled.'), { name: 'CancelledError' }));
      });
      return { promise: Promise.race([labApi.batchPredict(request, onProgress), cancelled]), cancel };
    },
  };
}
