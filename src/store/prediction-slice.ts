import type { DatasetCatalogue, FeatureInfo } from '../ml/dataset-meta';
import { predictOne, type Neighbour, type Prediction } from '../ml/model';
import { checkInputs, distanceLimits, trainingMedians, trainingRanges } from '../ml/prediction-inputs';
import type { ModelRecord } from '../storage/repository';
import type { Notice } from './notice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export interface PredictionResult {
  priceThousands: number;
  neighbours: Neighbour[];
  exactMatch: boolean;
  tie: Prediction['tie'];
  version: number;
  modelName: string;
  inputs: Record<string, number>;
}

export interface PredictionState {
  /** What is typed in each field, by feature code (all features, so switching models keeps what was typed). */
  texts: Record<string, string>;
  /** Dataset whose medians filled the form; refilled when the active model uses another dataset. */
  filledFor: string | null;
  /** Where the current values came from, e.g. "dataset medians" or "row 12". */
  source: string;
  errors: Record<string, string>;
  warnings: Record<string, string>;
  /** The answer to the inputs now in the form; cleared the moment they change or a prediction is refused. */
  result: PredictionResult | null;
  notice: Notice;
  busy: boolean;
}

export interface PredictionSlice {
  prediction: PredictionState;
  /** Fills the form with the dataset medians unless it already holds values for that dataset. */
  loadPredictionDefaults: (dataset: string, force?: boolean) => Promise<void>;
  setPredictionField: (code: string, text: string) => void;
  fillPredictionFromRow: (row: number) => Promise<void>;
  /** Validates, predicts with the active model, logs the prediction. Invalid input never predicts or logs. */
  predict: () => Promise<boolean>;
}

const compact = (v: number) => String(Number(v.toPrecision(8)));

/**
 * The form's fields for a model: its features as its dataset describes them (Boston's descriptions, units and hard
 * limits), or by column name alone for an imported dataset, with no limits but the data's.
 */
export function modelFields(model: Pick<ModelRecord, 'features' | 'dataset'>, catalogue: DatasetCatalogue): (FeatureInfo & { hardLimit?: null })[] {
  const info = catalogue.get(model.dataset.name);
  return model.features.map((code) => {
    const known = info?.features.find((f) => f.code === code);
    if (info?.builtIn && known) return known;
    return { code, description: known?.description ?? '', unit: known?.unit ?? '', hardLimit: null };
  });
}

// Prediction and its logging live together: both need the active model and storage, and the log must hold
// exactly what was predicted.
export const createPredictionSlice =
  (services: StorageServices): Slice<PredictionSlice> =>
  (set, get) => {
    const patch = (p: Partial<PredictionState>) => set({ prediction: { ...get().prediction, ...p } });
    // The latest fill wins: medians for a model that is no longer active must not land over the new model's.
    let fills = 0;
    // Fields typed into while a fill was on its way: the fill must not overwrite what a person just typed.
    let typed = new Set<string>();
    const landFill = (medians: Record<string, string>, dataset: string, source: string) => {
      const { texts } = get().prediction;
      const kept = [...typed].filter((code) => Object.hasOwn(texts, code));
      for (const code of kept) medians[code] = texts[code];
      patch({ texts: medians, filledFor: dataset, source: kept.length ? `${source} and your values` : source, errors: {}, warnings: {}, result: null });
    };
    return {
      prediction: { texts: {}, filledFor: null, source: '', errors: {}, warnings: {}, result: null, notice: null, busy: false },

      loadPredictionDefaults: async (dataset, force = false) => {
        if (!force && get().prediction.filledFor === dataset) return;
        const fill = ++fills;
        typed = new Set();
        const texts: Record<string, string> = {};
        // Whether an imported dataset is here decides where the medians come from: know it first.
        if (!get().datasets.loaded && !get().datasets.catalogue.has(dataset)) await get().loadDatasets();
        if (fill !== fills) return;
        const active = get().registry.active;
        if (!get().datasets.catalogue.has(dataset) && active?.dataset.name === dataset) {
          // The model's dataset is not in this browser (deleted, or the model came from elsewhere): its own rows.
          for (const [code, value] of trainingMedians(active.model)) texts[code] = compact(value);
          landFill(texts, dataset, 'medians of the model’s training rows');
          return;
        }
        const summary = await services.describe(dataset);
        if (fill !== fills) return;
        for (const f of summary.features) texts[f.code] = compact(f.median);
        landFill(texts, dataset, 'dataset medians');
      },

      setPredictionField: (code, text) => {
        const { errors, texts } = get().prediction;
        const { [code]: _cleared, ...rest } = errors;
        typed.add(code);
        patch({ texts: { ...texts, [code]: text }, errors: rest, source: 'your values', result: null });
      },

      fillPredictionFromRow: async (row) => {
        const active = get().registry.active;
        const dataset = active?.dataset.name ?? 'boston';
        const info = get().datasets.catalogue.get(dataset);
        if (!info) {
          patch({ notice: { tone: 'error', text: 'The dataset this model was trained on is not in this browser, so its rows cannot be filled in.' } });
          return;
        }
        if (!Number.isInteger(row) || row < 0 || row >= info.nRows) {
          patch({ notice: { tone: 'error', text: `Row must be a whole number from 0 to ${info.nRows - 1}.` } });
          return;
        }
        const fill = ++fills;
        const values = await services.datasetRow(dataset, row);
        if (fill !== fills) return;
        const texts: Record<string, string> = {};
        info.features.forEach((f, i) => {
          texts[f.code] = compact(values[i]);
        });
        patch({ texts, filledFor: dataset, source: `dataset row ${row}`, errors: {}, warnings: {}, notice: null, result: null });
      },

      predict: async () => {
        // One press, one logged prediction: a second Enter while the first is being logged is ignored.
        if (get().prediction.busy) return false;
        const active = get().registry.active;
        const refuse = (p: Partial<PredictionState>) => {
          patch({ ...p, result: null });
          return false;
        };
        if (!active) return refuse({ notice: { tone: 'error', text: get().registry.activeProblem ?? 'No usable model is active. Activate one in Models.' } });
        const features = modelFields(active, get().datasets.catalogue);
        const check = checkInputs(get().prediction.texts, features, trainingRanges(active.model), distanceLimits(active.model));
        if (!check.values) {
          return refuse({ errors: check.errors, warnings: check.warnings, notice: { tone: 'error', text: 'Fix the marked fields: nothing was predicted.' } });
        }
        const values = check.values;
        const prediction = predictOne(active.model, active.features.map((code) => values[code]));
        if (prediction.noneWithin) {
          const { radius, nearestDistance } = prediction.noneWithin;
          return refuse({
            errors: {},
            warnings: check.warnings,
            notice: { tone: 'error', text: `No training row lies within the model’s radius (${radius.toPrecision(4)}) of these values; the nearest is at ${nearestDistance.toPrecision(4)}. Nothing was predicted.` },
          });
        }
        // The field limits keep every distance finite; this guards the arithmetic after them all the same.
        const finite = Number.isFinite(prediction.priceThousands) && prediction.neighbours.every((n) => Number.isFinite(n.distance) && Number.isFinite(n.weight));
        if (!finite) {
          return refuse({ errors: {}, warnings: check.warnings, notice: { tone: 'error', text: 'These values give no finite price (a distance is too large, or so close to zero that its weight overflows): nothing was predicted.' } });
        }
        const inputs = Object.fromEntries(active.features.map((code) => [code, values[code]]));
        patch({
          errors: {},
          warnings: check.warnings,
          notice: null,
          busy: true,
          result: { ...prediction, version: active.version, modelName: active.name, inputs },
        });
        try {
          const storage = await services.storage();
          const logged = await storage.predictions.add({
            modelVersion: active.version, modelName: active.name, target: active.model.dataset.target, inputs, priceThousands: prediction.priceThousands,
          });
          patch({ notice: logged.ok ? null : { tone: 'error', text: `Predicted, but not logged: ${logged.error.message}` } });
        } finally {
          patch({ busy: false });
        }
        return true;
      },
    };
  };
