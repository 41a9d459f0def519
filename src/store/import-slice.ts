import { csvSizeProblem } from '../ml/csv-table';
import { settingsForDataset } from '../ml/settings-schema';
import type { JobProgress } from '../worker/progress';
import type { Notice } from './notice';
import type { CsvPreview, ImportIssues, ImportServices, StorageServices } from './services';
import type { Slice } from './slice';

export interface ImportState {
  /** idle: nothing chosen; parsing: the worker reads the file; review: choose columns; saving: building and storing. */
  phase: 'idle' | 'parsing' | 'review' | 'saving';
  fileName: string;
  /** Share of the file read, while parsing. */
  progress: number;
  preview: CsvPreview | null;
  /** The dataset's name in this browser (the file name without .csv by default). */
  name: string;
  target: string | null;
  features: string[];
  /** Rows the current choice cannot use; null while they are being counted. */
  issues: ImportIssues | null;
  /** Why the file or the choice is refused; nothing was stored. */
  error: string | null;
  notice: Notice;
}

export interface ImportSlice {
  importing: ImportState;
  /** Reads a CSV in the import worker; a file over the size limit is refused before any work starts. */
  startImport: (file: File) => void;
  /** Stops a parse at once (its worker is stopped), or drops the file under review. */
  cancelImport: () => void;
  setImportChoice: (choice: Partial<Pick<ImportState, 'name' | 'target' | 'features'>>) => void;
  /**
   * Builds the dataset from the choice (leaving out the listed rows only when `leaveOutBadRows`), stores it and
   * opens the lab on it. Resolves to the new dataset's id, or null when refused.
   */
  acceptImport: (leaveOutBadRows: boolean) => Promise<string | null>;
}

const IDLE: ImportState = { phase: 'idle', fileName: '', progress: 0, preview: null, name: '', target: null, features: [], issues: null, error: null, notice: null };

const isCancel = (e: unknown) => e instanceof Error && e.name === 'CancelledError';
// `npm run bench:ui` reads these: reading a file (import-parse) and building and storing the dataset (import-store).
const measureSince = (name: string, start: number) => performance.measure(name, { start, end: performance.now() });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The target a person most likely means: a column named like a price, else the last numeric column. */
function likelyTarget(preview: CsvPreview): string | null {
  const numeric = preview.columns.filter((c) => c.numeric).map((c) => c.name);
  return numeric.find((name) => /^(price|medv|cmedv|median_house_value|target|y)$/i.test(name)) ?? numeric.at(-1) ?? null;
}

export const createImportSlice =
  (services: Partial<ImportServices> & StorageServices): Slice<ImportSlice> =>
  (set, get) => {
    const unavailable = () => Promise.reject(new Error('importing is not available here'));
    const imports: ImportServices = {
      parseCsv: services.parseCsv ?? (() => ({ promise: unavailable(), cancel: () => {} })),
      importIssues: services.importIssues ?? unavailable,
      finishImport: services.finishImport ?? unavailable,
    };
    const patch = (p: Partial<ImportState>) => set({ importing: { ...get().importing, ...p } });
    let cancelParse: (() => void) | null = null;
    let issuesAsked = 0;
    // A new file or a cancel makes every answer about the old one stale.
    let session = 0;

    const countIssues = () => {
      const { target, features, name } = get().importing;
      const asked = ++issuesAsked;
      if (target === null || features.length === 0) {
        patch({ issues: null });
        return;
      }
      patch({ issues: null });
      imports.importIssues({ name, target, features, leaveOutBadRows: false }).then(
        (issues) => {
          if (asked === issuesAsked) patch({ issues });
        },
        (e: unknown) => {
          if (asked === issuesAsked) patch({ error: `The file can no longer be read (${messageOf(e)}): choose it again.` });
        },
      );
    };

    return {
      importing: IDLE,

      startImport: (file) => {
        cancelParse?.();
        const mine = ++session;
        const tooBig = csvSizeProblem(file.size);
        if (tooBig) {
          set({ importing: { ...IDLE, fileName: file.name, error: tooBig } });
          return;
        }
        set({ importing: { ...IDLE, phase: 'parsing', fileName: file.name } });
        const started = performance.now();
        const job = imports.parseCsv(file, (progress: JobProgress) => {
          if (mine === session) patch({ progress: progress.fraction });
        });
        cancelParse = job.cancel;
        job.promise.then(
          (read) => {
            if (mine !== session) return;
            cancelParse = null;
            if (!read.ok) {
              set({ importing: { ...IDLE, fileName: file.name, error: read.error } });
              return;
            }
            measureSince('import-parse', started);
            const preview = read.preview;
            const target = likelyTarget(preview);
            const features = preview.columns.filter((c) => c.numeric && c.name !== target).map((c) => c.name);
            const name = file.name.replace(/\.(csv|tsv|txt)$/i, '').trim().slice(0, 120) || 'Imported data';
            set({ importing: { ...IDLE, phase: 'review', fileName: file.name, preview, name, target, features } });
            countIssues();
          },
          (e: unknown) => {
            if (mine !== session) return;
            cancelParse = null;
            set({
              importing: isCancel(e)
                ? { ...IDLE, notice: { tone: 'success', text: `Import of “${file.name}” cancelled; nothing was stored.` } }
                : { ...IDLE, fileName: file.name, error: `The file could not be read (${messageOf(e)}). Nothing was stored.` },
            });
          },
        );
      },

      cancelImport: () => {
        const { phase, fileName } = get().importing;
        session++;
        issuesAsked++;
        if (phase === 'parsing') cancelParse?.();
        cancelParse = null;
        set({ importing: { ...IDLE, notice: phase === 'idle' ? null : { tone: 'success', text: `Import of “${fileName}” cancelled; nothing was stored.` } } });
      },

      setImportChoice: (choice) => {
        const before = get().importing;
        if (before.phase !== 'review') return;
        const next = { ...before, ...choice, error: null };
        // The target is never also a feature.
        if (choice.target !== undefined && choice.target !== null) {
          next.features = choice.features ?? before.features.filter((f) => f !== choice.target);
          if (before.target !== null && before.target !== choice.target && !next.features.includes(before.target) && choice.features === undefined) {
            const order = before.preview!.columns.map((c) => c.name);
            next.features = order.filter((n) => n === before.target || next.features.includes(n));
          }
        }
        set({ importing: next });
        if (choice.target !== undefined || choice.features !== undefined) countIssues();
      },

      acceptImport: async (leaveOutBadRows) => {
        const state = get().importing;
        if (state.phase !== 'review' || state.target === null) return null;
        const mine = session;
        const { name, target, features, fileName } = state;
        if (features.length === 0) {
          patch({ error: 'Choose at least one feature column besides the target.' });
          return null;
        }
        patch({ phase: 'saving', error: null });
        const started = performance.now();
        const refuse = (error: string) => {
          if (mine === session) patch({ phase: 'review', error });
          return null;
        };
        try {
          const built = await imports.finishImport({ name, target, features, leaveOutBadRows });
          if (mine !== session) return null;
          if (!built.ok) return refuse(built.error);
          const { payload, source } = built;
          const storage = await services.storage();
          const stored = await storage.datasets.add(
            {
              id: payload.id, name, fileName, importedAt: Date.now(), nRows: payload.y.length, nFeatures: payload.features.length,
              features: payload.features, target: payload.target, sha256: payload.sha256, source,
            },
            { id: payload.id, x: payload.x, y: payload.y },
          );
          if (!stored.ok && stored.error.kind !== 'conflict') return refuse(`Not stored: ${stored.error.message}`);
          await get().loadDatasets();
          if (mine !== session) return null;
          measureSince('import-store', started);
          const notice: Notice = stored.ok
            ? { tone: 'success', text: `Imported “${name}”: ${payload.y.length.toLocaleString('en-GB')} rows, ${payload.features.length} features${source.leftOutCount ? `, ${source.leftOutCount} rows left out` : ''}.` }
            : { tone: 'success', text: `${stored.error.message} The lab uses the stored copy.` };
          set({ importing: { ...IDLE, notice } });
          get().replaceSettings(settingsForDataset(get().settings, payload.id, get().datasets.catalogue));
          return payload.id;
        } catch (e) {
          return refuse(`The dataset could not be built (${messageOf(e)}). Nothing was stored.`);
        }
      },
    };
  };

