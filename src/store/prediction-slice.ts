import { BOSTON_FEATURES, type DatasetName } from '../ml/dataset-meta';
import { predictOne, type Neighbour, type Prediction } from '../ml/model';
import { checkInputs, distanceLimits, trainingRanges } from '../ml/prediction-inputs';
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
  filledFor: DatasetName | null;
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
  loadPredictionDefaults: (dataset: DatasetName, force?: boolean) => Promise<void>;
  setPredictionField: (code: string, text: string) => void;
  fillPredictionFromRow: (row: number) => Promise<void>;
  /** Validates, predicts with the active model, logs the prediction. Invalid input never predicts or logs. */
  predict: () => Promise<boolean>;
}

const compact = (v: number) => String(Number(v.toPrecision(8)));

// Prediction and its logging live together: both need the active model and storage, and the log must hold
// exactly what was predicted.
export const createPredictionSlice =
  (services: StorageServices): Slice<PredictionSlice> =>
  (set, get) => {
    const patch = (p: Partial<PredictionState>) => set({ prediction: { ...get().prediction, ...p } });
    return {
      prediction: { texts: {}, filledFor: null, source: '', errors: {}, warnings: {}, result: null, notice: null, busy: false },

      loadPredictionDefaults: async (dataset, force = false) => {
        if (!force && get().prediction.filledFor === dataset) return;
        const summary = await services.describe(dataset);
        const texts: Record<string, string> = {};
        for (const f of summary.features) texts[f.code] = compact(f.median);
        patch({ texts, filledFor: dataset, source: 'dataset medians', errors: {}, warnings: {}, result: null });
      },

      setPredictionField: (code, text) => {
        const { errors, texts } = get().prediction;
        const { [code]: _cleared, ...rest } = errors;
        patch({ texts: { ...texts, [code]: text }, errors: rest, source: 'your values', result: null });
      },

      fillPredictionFromRow: async (row) => {
        const active = get().registry.active;
        const dataset = (active?.dataset.name ?? 'boston') as DatasetName;
        if (!Number.isInteger(row) || row < 0 || row > 505) {
          patch({ notice: { tone: 'error', text: 'Row must be a whole number from 0 to 505.' } });
          return;
        }
        const values = await services.datasetRow(dataset, row);
        const texts: Record<string, string> = {};
        BOSTON_FEATURES.forEach((f, i) => {
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
        const features = active.features.map((code) => BOSTON_FEATURES.find((f) => f.code === code) ?? { code });
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
          const logged = await storage.predictions.add({ modelVersion: active.version, modelName: active.name, inputs, priceThousands: prediction.priceThousands });
          patch({ notice: logged.ok ? null : { tone: 'error', text: `Predicted, but not logged: ${logged.error.message}` } });
        } finally {
          patch({ busy: false });
        }
        return true;
      },
    };
  };
