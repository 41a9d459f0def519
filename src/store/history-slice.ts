import { isVersionNumber } from '../storage/prediction-rules';
import type { BatchSummary, PredictionRecord } from '../storage/repository';
import { downloadNameFor } from './batch-slice';
import type { Notice } from './notice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export const HISTORY_PAGE_SIZE = 50;

export interface HistoryState {
  loaded: boolean;
  /** Newest first; grows a page at a time. */
  items: PredictionRecord[];
  next: number | null;
  /** Only this model version's predictions, or all. Always null or one of `versions` or a stored version. */
  filter: number | null;
  /** Versions with logged predictions, ascending: deleted versions stay filterable while their predictions exist. */
  versions: number[];
  total: number;
  busy: boolean;
  notice: Notice;
  /** Batch predictions kept in History, newest first (summaries only: outputs are read on download). */
  batches: BatchSummary[];
  batchesLoaded: boolean;
}

export interface HistorySlice {
  history: HistoryState;
  /** Loads the first page for `filter`; a filter that is not a known version is refused with a notice. */
  loadHistory: (filter?: number | null) => Promise<void>;
  loadMoreHistory: () => Promise<void>;
  /** The shown history as CSV, with a file name. */
  exportHistory: () => Promise<{ fileName: string; text: string }>;
  /** Clears logged predictions and kept batches. */
  clearHistory: () => Promise<boolean>;
  /** Reads the batches' summaries; from the first call on, re-reads them whenever any tab keeps or deletes one. */
  loadBatches: () => Promise<void>;
  /** A kept batch's output exactly as it was first offered, with its file name; null (with a notice) when it cannot be read. */
  downloadBatch: (id: number) => Promise<{ fileName: string; text: string } | null>;
}

export const createHistorySlice =
  (services: StorageServices): Slice<HistorySlice> =>
  (set, get) => {
    const patch = (p: Partial<HistoryState>) => set({ history: { ...get().history, ...p } });
    const filterArg = (filter: number | null) => (filter === null ? {} : { modelVersion: filter });
    let latestLoad = 0;
    let latestBatches = 0;
    let followingBatches = false;
    return {
      history: { loaded: false, items: [], next: null, filter: null, versions: [], total: 0, busy: false, notice: null, batches: [], batchesLoaded: false },

      loadHistory: async (requested = get().history.filter) => {
        // Latest call wins: the view reloads on mount and whenever the stored versions change, and a person may
        // pick a filter meanwhile; an older call finishing last must not put its filter back.
        const id = ++latestLoad;
        patch({ busy: true, filter: requested !== null && isVersionNumber(requested) ? requested : null });
        const storage = await services.storage();
        const versions = await storage.predictions.versions();
        if (id !== latestLoad) return;
        const known = (v: number) => versions.includes(v) || get().registry.entries.some((e) => e.version === v);
        let filter = requested;
        let notice = get().history.notice;
        if (filter !== null && !(isVersionNumber(filter) && known(filter))) {
          // A version that is gone with no predictions left (or never was) cannot filter anything: say so and show all.
          notice = { tone: 'error', text: `There is no model version ${String(filter).slice(0, 20)} with predictions; showing all versions.` };
          filter = null;
        }
        patch({ filter, versions, notice });
        const [page, total] = await Promise.all([
          storage.predictions.page({ limit: HISTORY_PAGE_SIZE, ...filterArg(filter) }),
          storage.predictions.count(filter ?? undefined),
        ]);
        if (id !== latestLoad) return;
        patch({ loaded: true, busy: false, items: page.items, next: page.next, total });
      },

      loadMoreHistory: async () => {
        const { next, filter, items, busy } = get().history;
        if (next === null || busy) return;
        const id = latestLoad;
        patch({ busy: true });
        const storage = await services.storage();
        const page = await storage.predictions.page({ limit: HISTORY_PAGE_SIZE, after: next, ...filterArg(filter) });
        if (id !== latestLoad) return; // a reload replaced the list meanwhile
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
        const predictions = await storage.predictions.clear();
        const batches = await storage.batches.clear();
        const failed = [predictions, batches].flatMap((r) => (r.ok ? [] : [r.error.message]));
        patch({ notice: failed.length === 0 ? { tone: 'success', text: 'History cleared.' } : { tone: 'error', text: failed.join(' ') } });
        await Promise.all([get().loadHistory(null), get().loadBatches()]);
        return failed.length === 0;
      },

      loadBatches: async () => {
        const id = ++latestBatches;
        const storage = await services.storage();
        if (!followingBatches) {
          followingBatches = true;
          storage.changes.subscribe((change) => {
            if (change.type === 'batches-changed') void get().loadBatches();
          });
        }
        const batches = await storage.batches.list();
        // Latest read wins: a clear and a keep announced together must not leave the older list on screen.
        if (id === latestBatches) patch({ batches, batchesLoaded: true });
      },

      downloadBatch: async (id) => {
        const storage = await services.storage();
        const read = await storage.batches.csv(id);
        if (!read.ok) {
          patch({ notice: { tone: 'error', text: read.error.message } });
          return null;
        }
        const summary = get().history.batches.find((b) => b.id === id);
        return { fileName: downloadNameFor(summary?.fileName ?? `batch-${id}`), text: read.value };
      },
    };
  };
