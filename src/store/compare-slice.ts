// Two saved versions side by side (the Models view). The slice holds the pair and what must be computed off the main
// thread for it: each model's interval calibration and, when they share a dataset, their error curves. Settings and
// scores are the records' own, and predictions are worked out from the Predict form's values whenever they are shown
// (predictionFor), so they always answer the values in the form now, never the values of some earlier moment.
import type { DatasetCatalogue } from '../ml/dataset-meta';
import { explainPrediction, type ExplainedPrediction } from '../ml/explain';
import type { IntervalLevel, ModelIntervals } from '../ml/intervals';
import type { Scores } from '../ml/metrics';
import { checkInputs, distanceLimits, trainingRanges } from '../ml/prediction-inputs';
import type { ModelEntry, ModelRecord } from '../storage/repository';
import type { ModelCurve, SweepRequest } from '../worker/lab-api';
import type { Notice } from './notice';
import { modelFields } from './prediction-slice';
import type { StorageServices } from './services';
import type { Slice } from './slice';

export type { ModelCurve };

export type CompareSide = 'first' | 'second';
const SIDES: readonly CompareSide[] = ['first', 'second'];

/** A value computed for the comparison, or why it could not be, in words a person can read. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ComparedVersion {
  record: ModelRecord;
  intervals: Loaded<ModelIntervals>;
}

export interface Comparison {
  first: ComparedVersion;
  second: ComparedVersion;
  /** Both error curves against k, or why they are not drawn together. */
  curves: Loaded<{ first: ModelCurve; second: ModelCurve }>;
}

export interface CompareState {
  first: number | null;
  second: number | null;
  /** True while the calibrations and curves for the picked pair are being computed. */
  loading: boolean;
  /** What was computed for the pair picked now, from the records stored now; null until it answers. */
  result: Comparison | null;
  notice: Notice;
}

export interface CompareSlice {
  compare: CompareState;
  /** Picks one of the two versions (null clears it); once two different versions are picked, computes what they need. */
  pickCompared: (side: CompareSide, version: number | null) => Promise<void>;
  dismissCompareNotice: () => void;
}

const recordOf = (entries: readonly ModelEntry[], version: number | null): ModelRecord | null => {
  const entry = version === null ? undefined : entries.find((e) => e.version === version);
  return entry?.status === 'ok' ? entry.record : null;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A dataset's name as the page shows it: its title, or its id when it is not in this browser. */
const datasetLabel = (record: ModelRecord, catalogue: DatasetCatalogue) => {
  const info = catalogue.get(record.dataset.name);
  return info ? `“${info.title}”` : `${record.dataset.name} (not in this browser)`;
};

/** The sweep that scored a saved model's k: its split, or its folds when K-fold chose k; the default k range. */
export function curveRequestOf(record: ModelRecord): SweepRequest {
  const kfold = record.chosenBy?.method === 'kfold' ? record.chosenBy : null;
  return {
    dataset: record.dataset.name,
    seed: kfold ? kfold.seed : record.seed,
    testFraction: record.testFraction,
    cv: kfold ? kfold.folds : null,
    kMax: null,
    weights: record.weights,
    scale: record.scale,
    metric: record.metric,
    features: [...record.features],
    neighbours: 'k',
  };
}

/** Why two versions' error curves cannot be drawn in one chart, or null when they can. */
export function curvesUnavailable(a: ModelRecord, b: ModelRecord, catalogue: DatasetCatalogue): string | null {
  if (a.dataset.name !== b.dataset.name || a.dataset.sha256 !== b.dataset.sha256) {
    return `Version ${a.version} was trained on ${datasetLabel(a, catalogue)} and version ${b.version} on ${datasetLabel(b, catalogue)}: their errors are measured on different rows, so their curves are not drawn together.`;
  }
  if (!catalogue.has(a.dataset.name)) {
    return `Their dataset (${a.dataset.name}) is not in this browser, so their error curves cannot be computed. Their saved scores and predictions still stand.`;
  }
  const radius = [a, b].find((r) => r.model.radius !== undefined);
  if (radius) return `Version ${radius.version} is a radius model: its error depends on the radius, not on k, so there is no curve against k to draw.`;
  return null;
}

/**
 * True when the two versions' prices are in the same units, so differences of prices and scores mean something:
 * the same dataset, or two built-in ones (both in $1000s).
 */
export function sameUnits(a: ModelRecord, b: ModelRecord, catalogue: DatasetCatalogue): boolean {
  if (a.dataset.name === b.dataset.name) return true;
  return Boolean(catalogue.get(a.dataset.name)?.builtIn && catalogue.get(b.dataset.name)?.builtIn);
}

/** Second − first for every score (MSE in the target's units squared, R² unitless). O(1). */
export function scoreDifferences(first: Scores, second: Scores): Scores {
  return { mse: second.mse - first.mse, rmse: second.rmse - first.rmse, mae: second.mae - first.mae, r2: second.r2 - first.r2 };
}

/** The features only one of the two versions uses, each in its own order. O(d²) on a dozen features. */
export function featuresOnlyIn(first: ModelRecord, second: ModelRecord): { first: string[]; second: string[] } {
  return { first: first.features.filter((f) => !second.features.includes(f)), second: second.features.filter((f) => !first.features.includes(f)) };
}

export type ComparedPrediction =
  | { ok: true; prediction: ExplainedPrediction; /** Fields outside the training range, each with its code. */ warnings: string[] }
  | { ok: false; reason: string };

/**
 * One version's prediction for the Predict form's values, checked by the form's own rules for this model (its
 * fields, hard limits and distance limits), with its interval at `level`; a refusal says why. O(nTrain · d).
 */
export function predictionFor(version: ComparedVersion, texts: Record<string, string>, level: IntervalLevel, catalogue: DatasetCatalogue): ComparedPrediction {
  const { record, intervals } = version;
  const { model } = record;
  const check = checkInputs(texts, modelFields(record, catalogue), trainingRanges(model), distanceLimits(model));
  if (!check.values) return { ok: false, reason: `The Predict form’s values do not suit this version: ${Object.values(check.errors).join(' ')}` };
  if (!intervals.ok) return { ok: false, reason: `Its prediction interval could not be calibrated: ${intervals.reason}` };
  const values = check.values;
  const explained = explainPrediction(model, intervals.value, model.features.map((code) => values[code]), level);
  if (!explained.ok) return { ok: false, reason: `Nothing predicted: ${explained.reason}.` };
  const warnings = Object.entries(check.warnings).map(([code, text]) => `${code.toUpperCase()}: ${text}`);
  return { ok: true, prediction: explained.prediction, warnings };
}

const IDLE: CompareState = { first: null, second: null, loading: false, result: null, notice: null };

export const createCompareSlice =
  (services: StorageServices): Slice<CompareSlice> =>
  (set, get, api) => {
    const patch = (p: Partial<CompareState>) => set({ compare: { ...get().compare, ...p } });
    // Every pick, and every change to a picked record, starts a new load; an answer that is not the latest's is
    // dropped, so a slow answer for an earlier pair can never be shown as the current pair's.
    let loads = 0;
    // The hashes of the two records the latest load read: a rename re-hashes a record, and the pair is read again.
    let loadedHashes: string | null = null;
    const hashesOf = (a: ModelRecord, b: ModelRecord) => `${a.sha256} ${b.sha256}`;

    const intervalsOf = (record: ModelRecord): Promise<Loaded<ModelIntervals>> =>
      services.intervals(record.model, record.sha256).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, reason: messageOf(error) }),
      );

    const curvesOf = async (a: ModelRecord, b: ModelRecord, catalogue: DatasetCatalogue): Promise<Comparison['curves']> => {
      const why = curvesUnavailable(a, b, catalogue);
      if (why) return { ok: false, reason: why };
      try {
        const [first, second] = await Promise.all([services.modelCurve(curveRequestOf(a)), services.modelCurve(curveRequestOf(b))]);
        return { ok: true, value: { first, second } };
      } catch (error) {
        return { ok: false, reason: `The error curves could not be computed: ${messageOf(error)}` };
      }
    };

    const load = async () => {
      const ticket = ++loads;
      loadedHashes = null;
      patch({ loading: true, result: null });
      // Whether an imported dataset is here decides whether a curve can be computed: know it first.
      if (!get().datasets.loaded) await get().loadDatasets();
      if (ticket !== loads) return;
      // The predictions answer the Predict form's values: a form never opened gets the values Predict would show.
      if (get().prediction.filledFor === null) void get().loadPredictionDefaults(get().registry.active?.dataset.name ?? 'boston');
      const { entries } = get().registry;
      const a = recordOf(entries, get().compare.first);
      const b = recordOf(entries, get().compare.second);
      if (!a || !b) {
        patch({ loading: false });
        return;
      }
      loadedHashes = hashesOf(a, b);
      const [first, second, curves] = await Promise.all([intervalsOf(a), intervalsOf(b), curvesOf(a, b, get().datasets.catalogue)]);
      if (ticket !== loads) return;
      patch({ loading: false, result: { first: { record: a, intervals: first }, second: { record: b, intervals: second }, curves } });
    };

    // A picked version deleted or damaged (in this tab or another: the registry follows both) is dropped and named;
    // a renamed one is computed again, so the names and hashes shown are the records stored now.
    const followRegistry = () => {
      const { compare, registry } = get();
      const lost: string[] = [];
      const kept = { first: compare.first, second: compare.second };
      for (const side of SIDES) {
        const version = compare[side];
        if (version === null) continue;
        const entry = registry.entries.find((e) => e.version === version);
        if (entry?.status === 'ok') continue;
        kept[side] = null;
        lost.push(entry ? `Version ${version} is damaged (${entry.reason}), so it is no longer compared.` : `Version ${version} was deleted, so it is no longer compared.`);
      }
      if (lost.length) {
        loads++;
        loadedHashes = null;
        patch({ ...kept, loading: false, result: null, notice: { tone: 'error', text: `${lost.join(' ')} Pick another version.` } });
        return;
      }
      const a = recordOf(registry.entries, compare.first);
      const b = recordOf(registry.entries, compare.second);
      if (loadedHashes !== null && a && b && hashesOf(a, b) !== loadedHashes) void load();
    };
    api.subscribe((state, previous) => {
      if (state.registry.entries !== previous.registry.entries && (state.compare.first !== null || state.compare.second !== null)) followRegistry();
    });

    return {
      compare: IDLE,

      pickCompared: async (side, version) => {
        loads++;
        loadedHashes = null;
        const entry = version === null ? undefined : get().registry.entries.find((e) => e.version === version);
        if (version !== null && entry?.status !== 'ok') {
          const why = entry ? `it is damaged (${entry.status === 'damaged' ? entry.reason : ''})` : 'it is no longer stored';
          patch({ [side]: null, loading: false, result: null, notice: { tone: 'error', text: `Version ${version} cannot be compared: ${why}.` } });
          return;
        }
        patch({ [side]: version, loading: false, result: null, notice: null });
        const { first, second } = get().compare;
        if (first === null || second === null) return;
        if (first === second) {
          patch({ notice: { tone: 'error', text: `Version ${first} is picked twice: pick two different versions to compare.` } });
          return;
        }
        await load();
      },

      dismissCompareNotice: () => patch({ notice: null }),
    };
  };
