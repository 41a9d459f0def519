import type { DatasetCatalogue, FeatureInfo } from '../ml/dataset-meta';
import { explainPrediction } from '../ml/explain';
import type { Prediction } from '../ml/model';
import { DEFAULT_INTERVAL_LEVEL, intervalFor, isIntervalLevel, type IntervalLevel, type ModelIntervals } from '../ml/intervals';
import { checkInputs, distanceLimits, trainingMedians, trainingRanges } from '../ml/prediction-inputs';
import type { ModelRecord } from '../storage/repository';
import type { Notice } from './notice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export interface ResultNeighbour {
  /** Row index in the dataset the model was trained on. */
  row: number;
  distance: number;
  /** Its price, in the target's units. */
  priceThousands: number;
  /** Its share of the prediction (all weights sum to 1). */
  weight: number;
  /** Each feature's share of its distance, summing to 1 (all 0 at distance 0); see ExplainedNeighbour.shares. */
  shares: Record<string, number>;
}

export interface PredictionResult {
  priceThousands: number;
  neighbours: ResultNeighbour[];
  exactMatch: boolean;
  tie: Prediction['tie'];
  version: number;
  modelName: string;
  inputs: Record<string, number>;
  /** At `prediction.level`, in the target's units; null while calibrating, when it failed, or when too few training rows back that level. */
  interval: { low: number; high: number; level: IntervalLevel } | null;
  nearestDistance: number;
  /** The model's out-of-range distance; null until its calibration is here, and when it could not be computed. */
  outOfRangeDistance: number | null;
  /** Nearest training row farther than outOfRangeDistance; null when that distance is unknown. */
  outOfRange: boolean | null;
  /** The calibration the interval came from, kept so a level change restates it without predicting again. */
  calibration: ModelIntervals | null;
  /** True while the calibration is being worked out (the price and neighbours are already final). */
  calibrating: boolean;
  /** Why there is no calibration (the worker failed), or null. */
  calibrationProblem: string | null;
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
  /** The level every prediction's interval is stated at (the form, a batch, a comparison). */
  level: IntervalLevel;
}

export interface PredictionSlice {
  prediction: PredictionState;
  /** Fills the form with the dataset medians unless it already holds values for that dataset. */
  loadPredictionDefaults: (dataset: string, force?: boolean) => Promise<void>;
  setPredictionField: (code: string, text: string) => void;
  fillPredictionFromRow: (row: number) => Promise<void>;
  /**
   * Validates, predicts with the active model, logs the prediction, then adds its interval and out-of-range check
   * when the model's calibration arrives (resolving after both). Invalid input never predicts or logs.
   */
  predict: () => Promise<boolean>;
  setIntervalLevel: (level: IntervalLevel) => void;
  /** Starts the active model's interval calibration before the first Predict needs it (seconds for a large model; cached). */
  prepareIntervals: () => void;
}

const compact = (v: number) => String(Number(v.toPrecision(8)));

// explainPrediction needs a calibration; until the worker has one (or when it fails), this stands in, and the result
// keeps none of what depends on it (interval, out-of-range distance).
const UNCALIBRATED: ModelIntervals = {
  method: 'cv-conformal', folds: 0, seed: 0, residuals: 0, halfWidths: { '0.8': null, '0.9': null, '0.95': null }, nearestDistanceP95: Number.POSITIVE_INFINITY,
};

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
    // Each press that shows a price; a calibration answers only the latest one.
    let presses = 0;
    const calibrate = async (press: number, active: ModelRecord, raw: number[]) => {
      let calibration: ModelIntervals | null = null;
      let calibrationProblem: string | null = null;
      try {
        calibration = await services.intervals(active.model, active.sha256);
      } catch (error) {
        calibrationProblem = error instanceof Error && error.message ? error.message : String(error);
      }
      // A field edited or a fill meanwhile cleared the result, or a later press replaced it: the answer is for
      // nothing on screen.
      const { result, level } = get().prediction;
      if (press !== presses || !result) return;
      const now = get().registry.active;
      if (now?.version !== active.version || now.sha256 !== active.sha256) {
        // Another model is active: this result is hidden, and must not come back later as if calibrated.
        patch({ result: { ...result, calibrating: false, calibrationProblem: 'another model became active before the interval was worked out' } });
        return;
      }
      // At the level chosen by then; explained again with the calibration, which costs next to nothing beside it.
      const explained = calibration ? explainPrediction(active.model, calibration, raw, level) : null;
      const p = explained?.ok ? explained.prediction : null;
      patch({
        result: {
          ...result,
          interval: p?.interval ?? null,
          outOfRangeDistance: p?.outOfRangeDistance ?? null,
          outOfRange: p?.outOfRange ?? null,
          calibration,
          calibrating: false,
          calibrationProblem,
        },
      });
    };
    return {
      prediction: { texts: {}, filledFor: null, source: '', errors: {}, warnings: {}, result: null, notice: null, busy: false, level: DEFAULT_INTERVAL_LEVEL },

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
        const raw = active.features.map((code) => values[code]);
        // The price, its neighbours and any refusal (none within the radius, no finite price) do not depend on the
        // calibration: they are final without it.
        const first = explainPrediction(active.model, UNCALIBRATED, raw, get().prediction.level);
        if (!first.ok) {
          if (first.nearestDistance !== undefined) {
            return refuse({
              errors: {},
              warnings: check.warnings,
              notice: { tone: 'error', text: `No training row lies within the model’s radius (${(active.model.radius ?? Number.NaN).toPrecision(4)}) of these values; the nearest is at ${first.nearestDistance.toPrecision(4)}. Nothing was predicted.` },
            });
          }
          // The field limits keep every distance finite; this guards the arithmetic after them all the same.
          return refuse({ errors: {}, warnings: check.warnings, notice: { tone: 'error', text: 'These values give no finite price (a distance is too large, or so close to zero that its weight overflows): nothing was predicted.' } });
        }
        const p = first.prediction;
        const inputs = Object.fromEntries(active.features.map((code) => [code, values[code]]));
        const shown: PredictionResult = {
          priceThousands: p.price,
          neighbours: p.neighbours.map((n) => ({ row: n.row, distance: n.distance, priceThousands: n.target, weight: n.weight, shares: n.shares })),
          exactMatch: p.exactMatch,
          tie: p.tie,
          version: active.version,
          modelName: active.name,
          inputs,
          interval: null,
          nearestDistance: p.nearestDistance,
          outOfRangeDistance: null,
          outOfRange: null,
          calibration: null,
          calibrating: true,
          calibrationProblem: null,
        };
        // The price is shown at once; the interval follows when the calibration arrives (O(nTrain²) the first time
        // for each model: seconds at 20,000 rows, cached after).
        const press = ++presses;
        patch({ errors: {}, warnings: check.warnings, notice: null, busy: true, result: shown });
        const calibrated = calibrate(press, active, raw);
        try {
          const storage = await services.storage();
          const logged = await storage.predictions.add({
            modelVersion: active.version, modelName: active.name, target: active.model.dataset.target, inputs, priceThousands: p.price,
          });
          patch({ notice: logged.ok ? null : { tone: 'error', text: `Predicted, but not logged: ${logged.error.message}` } });
        } finally {
          patch({ busy: false });
        }
        await calibrated;
        return true;
      },

      prepareIntervals: () => {
        const active = get().registry.active;
        // A failure here is reported by the Predict that needs the calibration, which asks again.
        if (active) services.intervals(active.model, active.sha256).catch(() => {});
      },

      setIntervalLevel: (level) => {
        if (!isIntervalLevel(level)) return;
        // The half-widths for every level came with the result: restating it is O(1), and it is not a new prediction.
        const { result } = get().prediction;
        const interval = result?.calibration ? intervalFor(result.priceThousands, result.calibration, level) : null;
        patch({ level, result: result && { ...result, interval } });
      },
    };
  };
