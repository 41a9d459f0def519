import type { DatasetSummary, StorageServices } from './services';
import type { Slice } from './slice';

export interface DataSlice {
  /** The worker's description of a built-in dataset (statistics, first rows, fingerprint). */
  describeDataset: (name: string) => Promise<DatasetSummary>;
}

export const createDataSlice =
  (services: StorageServices): Slice<DataSlice> =>
  () => ({
    describeDataset: (name) => services.describe(name),
  });
