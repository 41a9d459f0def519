import type { DatasetName } from '../ml/dataset-meta';
import type { DatasetSummary, StorageServices } from './services';
import type { Slice } from './slice';

export interface DataSlice {
  /** The worker's description of a built-in dataset (statistics, first rows, fingerprint). */
  describeDataset: (name: DatasetName) => Promise<DatasetSummary>;
}

export const createDataSlice =
  (services: StorageServices): Slice<DataSlice> =>
  () => ({
    describeDataset: (name) => services.describe(name),
  });
