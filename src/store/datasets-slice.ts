import { BUILT_IN_CATALOGUE, catalogueWith, type DatasetCatalogue, type DatasetInfo } from '../ml/dataset-meta';
import { quoted } from '../ml/quote';
import { settingsForDataset } from '../ml/settings-schema';
import type { DatasetMeta, ModelRef } from '../storage/dataset-record';
import type { Notice } from './notice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export interface DatasetsState {
  /** Datasets imported in this browser, oldest first (rows stay in storage until a worker needs them). */
  imported: DatasetMeta[];
  /** Built-in and imported datasets by id: what settings, links and labels are checked against. */
  catalogue: DatasetCatalogue;
  /** True once storage has been read (or found unusable); links naming an imported dataset wait for it. */
  loaded: boolean;
  notice: Notice;
}

export interface DatasetsSlice {
  datasets: DatasetsState;
  /** Reads the imported datasets' descriptions; moves the lab back to Boston if its dataset is gone. */
  loadDatasets: () => Promise<void>;
  /** Saved model versions trained on a dataset (they keep working: a model carries its own training rows). */
  modelsTrainedOn: (id: string) => Promise<ModelRef[]>;
  /** Deletes an imported dataset from this browser. */
  deleteDataset: (id: string) => Promise<boolean>;
  dismissDatasetsNotice: () => void;
}

/** What the lab needs to know of an imported dataset, from its stored description. */
export function importedInfo(meta: DatasetMeta): DatasetInfo {
  return {
    id: meta.id,
    title: meta.name,
    nRows: meta.nRows,
    features: meta.features.map((code) => ({ code, description: '', unit: '' })),
    target: meta.target,
    targetDescription: '',
    dollarThousands: false,
    builtIn: false,
  };
}

export const createDatasetsSlice =
  (services: StorageServices): Slice<DatasetsSlice> =>
  (set, get) => {
    const patch = (p: Partial<DatasetsState>) => set({ datasets: { ...get().datasets, ...p } });
    let reads = 0;
    let latest: Promise<void> = Promise.resolve();
    let following = false;

    const follow = async () => {
      if (following) return;
      following = true;
      const storage = await services.storage();
      storage.changes.subscribe((change) => {
        if (change.type === 'datasets-changed') void get().loadDatasets();
      });
    };

    const readDatasets = async (read: number) => {
      let imported: DatasetMeta[] = [];
      try {
        const storage = await services.storage();
        void follow();
        imported = await storage.datasets.list();
      } catch {
        // Without storage there are only the built-in datasets; the storage banner says why.
      }
      if (read !== reads) return; // a newer read answers
      const catalogue = catalogueWith(imported.map(importedInfo));
      patch({ imported, catalogue, loaded: true });
      const { settings } = get();
      if (!catalogue.has(settings.dataset)) {
        // Deleted here or in another tab while the lab was on it.
        get().setLinkProblems([...get().linkProblems, `The dataset ${quoted(settings.dataset)} is not in this browser; the lab is back on Boston.`]);
        get().replaceSettings(settingsForDataset(settings, 'boston', catalogue));
      }
    };

    return {
      datasets: { imported: [], catalogue: BUILT_IN_CATALOGUE, loaded: false, notice: null },

      loadDatasets: async () => {
        latest = readDatasets(++reads);
        // Resolve once the newest read has landed, so a caller waiting on an older one sees the answer.
        let waited: Promise<void>;
        do {
          waited = latest;
          await waited;
        } while (waited !== latest);
      },

      modelsTrainedOn: async (id) => {
        const meta = get().datasets.imported.find((d) => d.id === id);
        if (!meta) return [];
        const storage = await services.storage();
        return storage.datasets.modelsTrainedOn(id, meta.sha256);
      },

      deleteDataset: async (id) => {
        const meta = get().datasets.imported.find((d) => d.id === id);
        const storage = await services.storage();
        const result = await storage.datasets.delete(id);
        if (!result.ok) {
          patch({ notice: { tone: 'error', text: `Not deleted: ${result.error.message}` } });
          return false;
        }
        patch({ notice: { tone: 'success', text: `Deleted the dataset “${meta?.name ?? id}” from this browser.` } });
        await get().loadDatasets();
        return true;
      },

      dismissDatasetsNotice: () => patch({ notice: null }),
    };
  };
