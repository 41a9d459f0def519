import type { PredictionRecord } from '../storage/repository';
import type { Notice, StorageServices } from './registry-slice';
import type { Slice } from './slice';

export const HISTORY_PAGE_SIZE = 50;

export interface HistoryState {
  loaded: boolean;
  /** Newest first; grows a page at a time. */
  items: PredictionRecord[];
  next: number | null;
  /** Only this model version's predictions, or all. */
  filter: number | null;
  total: number;
  busy: boolean;
  notice: Notice;
}

export interface HistorySlice {
  history: HistoryState;
  loadHistory: (filter?: number | null) => Promise<void>;
  loadMoreHistory: () => Promise<void>;
  /** The shown history as CSV, with a file name. */
  exportHistory: () => Promise<{ fileName: string; text: string }>;
  clearHistory: () => Promise<boolean>;
}

export const createHistorySlice =
  (services: StorageServices): Slice<HistorySlice> =>
  (set, get) => {
    const patch = (p: Partial<HistoryState>) => set({ history: { ...get().history, ...p } });
    const filterArg = (filter: number | null) => (filter === null ? {} : { modelVersion: filter });
    return {
      history: { loaded: false, items: [], next: null, filter: null, total: 0, busy: false, notice: null },

      loadHistory: async (filter = get().history.filter) => {
        patch({ busy: true, filter });
        const storage = await services.storage();
        const [page, total] = await Promise.all([
          storage.predictions.page({ limit: HISTORY_PAGE_SIZE, ...filterArg(filter) }),
          storage.predictions.count(filter ?? undefined),
        ]);
        // A newer filter may have been chosen while this one loaded.
        if (get().history.filter !== filter) return;
        patch({ loaded: true, busy: false, items: page.items, next: page.next, total });
      },

      loadMoreHistory: async () => {
        const { next, filter, items } = get().history;
        if (next === null) return;
        patch({ busy: true });
        const storage = await services.storage();
        const page = await storage.predictions.page({ limit: HISTORY_PAGE_SIZE, after: next, ...filterArg(filter) });
        if (get().history.filter !== filter) return;
        patch({ busy: false, items: [...items, ...page.items], next: page.next });
      },

      exportHistory: async () => {
        const { filter } = get().history;
        const storage = await services.storage();
        const text = await storage.predictions.exportCsv(filter ?? undefined);
        const stamp = new Date().toISOString().slice(0, 10);
        return { fileName: `knn-lab-predictions${filter === null ? '' : `-v${filter}`}-${stamp}.csv`, text };
      },

      clearHistory: async () => {
        const storage = await services.storage();
        const result = await storage.predictions.clear();
        patch({ notice: result.ok ? { tone: 'success', text: 'History cleared.' } : { tone: 'error', text: result.error.message } });
        await get().loadHistory(null);
        return result.ok;
      },
    };
  };
