import { modelFileFrom, modelFileName, modelFileSizeProblem, parseModelFile, serialiseModelFile, sourceOfModelFile } from '../ml/model-file';
import { savedSettingsOf } from '../ml/settings-schema';
import { recordFromDraft } from '../storage/model-record';
import type { KnnStorage, StorageState } from '../storage/open-storage';
import type { ModelEntry, ModelRecord } from '../storage/repository';
import { DEFAULT_SETTINGS, sweepRequestOf } from './lab-settings';
import { seedStanding } from '../ml/chosen-by';
import type { Notice } from './notice';
import { stabilityIsCurrent } from './stability-slice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export interface RegistryState {
  storage: StorageState;
  loaded: boolean;
  /** Every version, newest first. */
  entries: ModelEntry[];
  /** The active version's verified record; null when there is none or it is damaged. */
  active: ModelRecord | null;
  activeVersion: number | null;
  /** Why the active version cannot be used, when it is damaged. */
  activeProblem: string | null;
  busy: boolean;
  notice: Notice;
}

export interface RegistrySlice {
  registry: RegistryState;
  /** Opens storage, creates version 1 on a first visit, loads the list and follows changes from other tabs. */
  startRegistry: () => Promise<void>;
  /**
   * Reads the model list again, once per storage change: the change feed asks when a change is published and the
   * action that made it asks once it is stored; both are answered by the same read.
   */
  refreshModels: () => Promise<void>;
  /** Saves the lab's current settings at the selected k as a new version. */
  saveModel: (name: string, note?: string) => Promise<boolean>;
  activateModel: (version: number) => Promise<boolean>;
  renameModel: (version: number, name: string, note?: string) => Promise<boolean>;
  deleteModel: (version: number) => Promise<boolean>;
  /** A saved version as a model file: its file name and JSON text; null (with a notice) when it cannot be exported. */
  exportModel: (version: number) => Promise<{ fileName: string; text: string } | null>;
  /**
   * Reads a model file (picked, dropped or pasted) and stores it as a new version. A refused file says where and why
   * and changes nothing; imports run one at a time, so the same file given twice is stored once.
   */
  importModelFile: (file: ModelFileInput) => Promise<boolean>;
  dismissRegistryNotice: () => void;
}

/** What importing needs of a file: a File, a Blob, or pasted text wrapped alike. */
export interface ModelFileInput {
  name: string;
  /** Bytes: a file over the limit is refused before it is read. */
  size: number;
  text: () => Promise<string>;
}

/** A file name as a notice quotes it: a name of hundreds of characters would bury the reason. */
const shortName = (name: string) => (name.length > 80 ? `${name.slice(0, 60)}…${name.slice(-12)}` : name);

const OPENING: StorageState = { kind: 'opening', available: false, persistent: false, message: 'Opening storage…' };

export const DEFAULT_MODEL_NAME = 'Default: the old script’s settings';

export const createRegistrySlice =
  (services: StorageServices): Slice<RegistrySlice> =>
  (set, get) => {
    const patch = (p: Partial<RegistryState>) => set({ registry: { ...get().registry, ...p } });
    let started: Promise<void> | null = null;
    let askedPersistence = false;
    // What this tab saved last, so a repeated gesture (a second Enter after the first save settled) does not
    // store the same model again as a new version.
    let lastSaved: { version: number; settingsKey: string } | null = null;
    // Reads of the model list: one running (and the count of storage changes seen when it began), one queued.
    let changesSeen = 0;
    let runningRead: { promise: Promise<void>; after: number } | null = null;
    let queuedRead: Promise<void> | null = null;
    // Imports one after another: the second of two drops of one file must see the first one stored.
    let imports: Promise<unknown> = Promise.resolve();

    const importOne = async (file: ModelFileInput): Promise<boolean> => {
      const refuse = (why: string) => {
        patch({ notice: { tone: 'error', text: `“${shortName(file.name)}” was not imported: ${why}. Nothing was changed.` } });
        return false;
      };
      const tooBig = modelFileSizeProblem(file.size);
      if (tooBig) return refuse(tooBig);
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        return refuse(`it could not be read (${error instanceof Error ? error.message : String(error)})`);
      }
      const parsed = parseModelFile(text);
      if (!parsed.ok) return refuse(parsed.error);
      const draft = sourceOfModelFile(parsed.file);
      const storage = await services.storage();
      await get().refreshModels();
      const sha256 = recordFromDraft(draft).sha256;
      const alreadyStored = () => {
        const same = get().registry.entries.find((e) => e.status === 'ok' && e.record.sha256 === sha256);
        return same ? refuse(`it is already stored as version ${same.version}`) : null;
      };
      const early = alreadyStored();
      if (early !== null) return early;
      // The write checks again: another tab may store the same file between this read and the save.
      const saved = await storage.models.save(draft, { unlessStored: true });
      if (!saved.ok && saved.error.kind === 'exists') {
        await get().refreshModels();
        return alreadyStored() ?? refuse('another tab stored the same model meanwhile');
      }
      if (!saved.ok) return refuse(saved.error.message);
      await get().refreshModels();
      const elsewhere = get().datasets.catalogue.has(draft.model.dataset.name) ? '' : ' Its dataset is not in this browser: it predicts from its own training rows, but the lab cannot sweep it.';
      patch({ notice: { tone: 'success', text: `Imported “${draft.name}” as version ${saved.value.version}. Activate it to predict with it.${elsewhere}` } });
      await afterSave(storage);
      return true;
    };

    const readModels = async () => {
      const storage = await services.storage();
      try {
        const entries = (await storage.models.list()).reverse();
        const activeEntry = entries.find((e) => e.active) ?? null;
        patch({
          loaded: true,
          entries,
          activeVersion: activeEntry?.version ?? null,
          active: activeEntry?.status === 'ok' ? activeEntry.record : null,
          activeProblem: activeEntry?.status === 'damaged' ? `Version ${activeEntry.version} is damaged (${activeEntry.reason}); activate another version to predict.` : null,
        });
      } catch (error) {
        patch({ loaded: true, notice: { tone: 'error', text: `Could not read the saved models: ${error instanceof Error ? error.message : String(error)}` } });
      }
    };

    const afterSave = async (storage: KnnStorage) => {
      if (askedPersistence) return;
      askedPersistence = true;
      await storage.requestPersistence();
      patch({ storage: storage.getState() });
    };

    return {
      registry: { storage: OPENING, loaded: false, entries: [], active: null, activeVersion: null, activeProblem: null, busy: false, notice: null },

      startRegistry: () => {
        started ??= (async () => {
          const storage = await services.storage();
          patch({ storage: storage.getState() });
          storage.subscribe((state) => patch({ storage: state }));
          storage.changes.subscribe((change) => {
            if (change.type !== 'models-changed' && change.type !== 'active-changed') return;
            changesSeen++;
            void get().refreshModels();
          });
          const makeDefault = async () => {
            const fit = await services.fit(sweepRequestOf(DEFAULT_SETTINGS));
            return { name: DEFAULT_MODEL_NAME, note: 'Created on the first visit: distance weights, no scaling, 10 % test, seed 42, best k.', seed: DEFAULT_SETTINGS.seed, testFraction: DEFAULT_SETTINGS.testFraction, metrics: fit.metrics, chosenBy: fit.chosenBy, model: fit.model };
          };
          try {
            const created = await storage.models.ensureDefaultModel(makeDefault);
            if (!created.ok) patch({ notice: { tone: 'error', text: created.error.message } });
          } catch (error) {
            patch({ notice: { tone: 'error', text: `Could not create the first model: ${error instanceof Error ? error.message : String(error)}` } });
          }
          await get().refreshModels();
        })();
        return started;
      },

      refreshModels: () => {
        // A read that began after the last change already shows it: the action that made the change joins it.
        if (runningRead && runningRead.after === changesSeen) return runningRead.promise;
        queuedRead ??= (runningRead?.promise ?? Promise.resolve()).then(() => {
          queuedRead = null;
          const read = { promise: readModels(), after: changesSeen };
          runningRead = read;
          void read.promise.finally(() => {
            if (runningRead === read) runningRead = null;
          });
          return read.promise;
        });
        return queuedRead;
      },

      saveModel: async (name, note = '') => {
        // One gesture, one version: a second submit while a save is in flight (double Enter, repeated clicks)
        // is dropped here, whatever the button shows.
        if (get().registry.busy) return false;
        const { settings } = get();
        const trimmed = name.trim();
        if (!trimmed) {
          patch({ notice: { tone: 'error', text: 'Give the model a name before saving it.' } });
          return false;
        }
        const kept = savedSettingsOf(settings);
        const settingsKey = JSON.stringify([kept, settings.cv, settings.neighbours, settings.radius]);
        if (lastSaved?.settingsKey === settingsKey && get().registry.entries.some((e) => e.version === lastSaved?.version)) {
          patch({ notice: { tone: 'error', text: `These settings are already saved as version ${lastSaved.version}. Change a setting to save another version, or rename version ${lastSaved.version} in Models.` } });
          return false;
        }
        patch({ busy: true, notice: null });
        try {
          const storage = await services.storage();
          // The fit runs on the settings as they are now; without a selected k it finds their own best k, so a
          // save pressed before the sweep for new settings has answered never takes the previous settings' k.
          const fit = await services.fit(sweepRequestOf(settings), settings.k ?? undefined, settings.radius ?? undefined);
          // The draft takes what the fitted model does not carry (seed, test size); the record takes the rest from the model.
          // The Stability view's last run, when it used these settings, places this model's test MSE among its seeds.
          const stability = stabilityIsCurrent(get()) ? get().stability.result : null;
          const seedStandingOf = stability && fit.chosenBy.method === 'split' && fit.model.radius === undefined ? seedStanding(stability.seeds, stability.mse, fit.metrics.mse) : undefined;
          const saved = await storage.models.save({ ...kept, name: trimmed, note: note.trim(), metrics: fit.metrics, chosenBy: fit.chosenBy, seedStanding: seedStandingOf, model: fit.model });
          if (!saved.ok) {
            patch({ busy: false, notice: { tone: 'error', text: saved.error.message } });
            return false;
          }
          lastSaved = { version: saved.value.version, settingsKey };
          // Busy until the list shows the new version: a second Enter in between must find it there and be refused.
          await get().refreshModels();
          const chosen = fit.model.radius === undefined ? `k = ${fit.k}` : `radius ${fit.model.radius.toPrecision(4)}`;
          patch({ busy: false, notice: { tone: 'success', text: `Saved as version ${saved.value.version} (${chosen}). Activate it in Models to predict with it.` } });
          await afterSave(storage);
          return true;
        } catch (error) {
          patch({ busy: false, notice: { tone: 'error', text: `Could not save: ${error instanceof Error ? error.message : String(error)}` } });
          return false;
        }
      },

      activateModel: async (version) => {
        const storage = await services.storage();
        const result = await storage.models.activate(version);
        patch({ notice: result.ok ? { tone: 'success', text: `Version ${version} is now active: predictions use it.` } : { tone: 'error', text: result.error.message } });
        await get().refreshModels();
        return result.ok;
      },

      renameModel: async (version, name, note) => {
        if (!name.trim()) {
          patch({ notice: { tone: 'error', text: 'A model name cannot be empty.' } });
          return false;
        }
        const storage = await services.storage();
        const result = await storage.models.rename(version, { name: name.trim(), note: note?.trim() });
        patch({ notice: result.ok ? { tone: 'success', text: `Version ${version} renamed.` } : { tone: 'error', text: result.error.message } });
        await get().refreshModels();
        return result.ok;
      },

      deleteModel: async (version) => {
        const storage = await services.storage();
        const result = await storage.models.delete(version);
        patch({ notice: result.ok ? { tone: 'success', text: `Version ${version} deleted.` } : { tone: 'error', text: result.error.message } });
        await get().refreshModels();
        return result.ok;
      },

      exportModel: async (version) => {
        const entry = get().registry.entries.find((e) => e.version === version);
        if (!entry || entry.status !== 'ok') {
          patch({ notice: { tone: 'error', text: `Version ${version} cannot be exported: ${entry ? 'it is damaged' : 'it is no longer stored'}.` } });
          return null;
        }
        try {
          const intervals = await services.intervals(entry.record.model, entry.record.sha256);
          return { fileName: modelFileName(entry.record.name), text: `${serialiseModelFile(modelFileFrom(entry.record, intervals))}\n` };
        } catch (error) {
          patch({ notice: { tone: 'error', text: `Version ${version} could not be exported: ${error instanceof Error ? error.message : String(error)}` } });
          return null;
        }
      },

      importModelFile: (file) => {
        const next = imports.then(() => importOne(file));
        imports = next.catch(() => {});
        return next.catch((error: unknown) => {
          patch({ notice: { tone: 'error', text: `“${shortName(file.name)}” was not imported: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.` } });
          return false;
        });
      },

      dismissRegistryNotice: () => patch({ notice: null }),
    };
  };
