import type { BatchRefusal } from '../ml/batch-predict';
import { csvSizeProblem } from '../ml/csv-table';
import type { IntervalLevel } from '../ml/intervals';
import { batchOutputProblem } from '../storage/batches';
import type { Notice } from './notice';
import { modelFields } from './prediction-slice';
import type { BatchServices, StorageServices } from './services';
import type { Slice } from './slice';

/** How many refused rows the result lists; the rest are counted (all of them are in the output's `error` column). */
export const LISTED_REFUSALS = 100;

/** A finished batch as the Predict view shows it: made by the model it names, whatever is active now. */
export interface BatchResult {
  fileName: string;
  /** `<input name>-predictions.csv`. */
  downloadName: string;
  rows: number;
  predicted: number;
  outOfRange: number;
  refusedCount: number;
  /** The first LISTED_REFUSALS refused rows, by file line. */
  refused: BatchRefusal[];
  /** The output: the input's columns, then predicted_price … error. */
  csv: string;
  modelVersion: number;
  modelName: string;
  level: IntervalLevel;
  /** History's id for it, or null when it was not kept (the notice says why). */
  historyId: number | null;
}

export interface BatchState {
  /** running: the file is being read and priced in the batch worker (or the model's intervals calibrated first). */
  phase: 'idle' | 'running';
  fileName: string;
  /** Share of rows priced, while running. */
  progress: number;
  /** The model version the running batch uses. */
  runningVersion: number | null;
  result: BatchResult | null;
  /** Why the file was refused; nothing was kept. */
  error: string | null;
  notice: Notice;
}

export interface BatchSlice {
  batch: BatchState;
  /**
   * Prices every row of `file` with the active model in the batch worker and keeps the batch in History as one
   * entry. A file picked while another runs replaces it: the first is stopped and nothing of it is kept.
   */
  predictFile: (file: File) => Promise<void>;
  /** Stops a running batch at once (its worker is stopped); nothing is kept. */
  cancelBatch: () => void;
}

const IDLE: BatchState = { phase: 'idle', fileName: '', progress: 0, runningVersion: null, result: null, error: null, notice: null };

const isCancel = (e: unknown) => e instanceof Error && e.name === 'CancelledError';
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `houses.csv` → `houses-predictions.csv`. */
export const downloadNameFor = (fileName: string): string => `${fileName.replace(/\.(csv|tsv|txt)$/i, '') || 'batch'}-predictions.csv`;

export const createBatchSlice =
  (services: Partial<BatchServices> & StorageServices): Slice<BatchSlice> =>
  (set, get) => {
    const patch = (p: Partial<BatchState>) => set({ batch: { ...get().batch, ...p } });
    // A new file or a cancel makes every answer about the previous one stale.
    let session = 0;
    let cancelJob: (() => void) | null = null;

    const stopRunning = () => {
      session++;
      cancelJob?.();
      cancelJob = null;
    };

    return {
      batch: IDLE,

      predictFile: async (file) => {
        const before = get().batch;
        const replaced = before.phase === 'running' ? before.fileName : null;
        stopRunning();
        const mine = session;
        const refuse = (error: string) => set({ batch: { ...IDLE, fileName: file.name, error } });
        const active = get().registry.active;
        if (!active) return refuse(get().registry.activeProblem ?? 'No usable model is active, so nothing can be predicted. Activate a model in Models, then pick the file again.');
        if (!services.batchPredict) return refuse('Predicting a file is not available here.');
        const tooBig = csvSizeProblem(file.size);
        if (tooBig) return refuse(tooBig);
        const level = get().prediction.level;
        set({
          batch: {
            ...IDLE, phase: 'running', fileName: file.name, runningVersion: active.version,
            notice: replaced === null ? null : { tone: 'success', text: `Stopped “${replaced}” to predict “${file.name}”; nothing of “${replaced}” was kept.` },
          },
        });
        const started = performance.now();
        try {
          const intervals = await services.intervals(active.model, active.sha256);
          if (mine !== session) return;
          const job = services.batchPredict(
            { model: active.model, intervals, level, input: file, features: modelFields(active, get().datasets.catalogue) },
            (progress) => {
              if (mine === session) patch({ progress: progress.fraction });
            },
          );
          cancelJob = job.cancel;
          const outcome = await job.promise;
          if (mine !== session) return;
          cancelJob = null;
          if (!outcome.ok) return refuse(`${outcome.error} Nothing was predicted or kept.`);
          // `npm run bench:ui` and the e2e timing read this: reading and pricing the file, before storing.
          performance.measure('batch-predict', { start: started, end: performance.now() });
          const result: BatchResult = {
            fileName: file.name, downloadName: downloadNameFor(file.name), rows: outcome.rows, predicted: outcome.predicted, outOfRange: outcome.outOfRange,
            refusedCount: outcome.refused.length, refused: outcome.refused.slice(0, LISTED_REFUSALS), csv: outcome.csv,
            modelVersion: active.version, modelName: active.name, level, historyId: null,
          };
          // The results are shown before they are kept, so a slow or failing write never hides them.
          set({ batch: { ...IDLE, fileName: file.name, result } });
          const tooLarge = batchOutputProblem(outcome.csv);
          if (tooLarge) {
            patch({ notice: { tone: 'error', text: tooLarge } });
            return;
          }
          const storage = await services.storage();
          const kept = await storage.batches.add({
            fileName: file.name, rows: outcome.rows, predicted: outcome.predicted, refused: outcome.refused.length, outOfRange: outcome.outOfRange,
            modelVersion: active.version, modelName: active.name, level, csv: outcome.csv,
          });
          // Kept either way; what this tab shows may have moved on to another file meanwhile.
          if (mine !== session) return;
          patch(
            kept.ok
              ? { result: { ...result, historyId: kept.value.id }, notice: { tone: 'success', text: 'Kept in History as one entry.' } }
              : { notice: { tone: 'error', text: `Predicted, but not kept in History: ${kept.error.message} Download the results now.` } },
          );
        } catch (e) {
          if (mine !== session) return;
          cancelJob = null;
          refuse(isCancel(e) ? `Predicting “${file.name}” was stopped. Nothing was kept.` : `The batch stopped: ${messageOf(e).replace(/\.$/, '')}. Nothing was kept; pick the file again.`);
        }
      },

      cancelBatch: () => {
        const { phase, fileName } = get().batch;
        if (phase !== 'running') return;
        stopRunning();
        set({ batch: { ...IDLE, notice: { tone: 'success', text: `Cancelled “${fileName}”: nothing was predicted or kept.` } } });
      },
    };
  };
