// The lab's settings, declared once. Types, defaults, URL reading and writing, the sweep-or-not decision, the
// settings kept with a saved model and the options `learn` shares with the lab all derive from LAB_SETTINGS.
import {
  BUILT_IN_CATALOGUE, FEATURE_CODES, LARGE_DATASET_K_MAX, LARGE_DATASET_ROWS, datasetInfo, resolveKMax, type DatasetCatalogue,
} from './dataset-meta';
import { DEFAULT_PARAMS, DEFAULT_TEST_FRACTION, METRICS, SCALES, WEIGHTS } from './params';
import { choice, fraction, positiveDecimal, subset, wholeNumber, type Columns, type SettingSpec } from './setting-kinds';
import { MAX_SEED, largestFoldK, testCount } from './split';

export const SHOWN_METRICS = ['mse', 'rmse', 'mae', 'r2'] as const;
export type ShownMetric = (typeof SHOWN_METRICS)[number];
export const K_AXES = ['linear', 'log'] as const;
/** k nearest training rows, or every training row within a radius (RadiusNeighborsRegressor). */
export const NEIGHBOURHOODS = ['k', 'radius'] as const;
export type Neighbourhood = (typeof NEIGHBOURHOODS)[number];
export type KAxis = (typeof K_AXES)[number];

/** The lab's test-size range (slider and links). `learn` takes any fraction strictly between 0 and 1. */
export const MIN_TEST_FRACTION = 0.05;
export const MAX_TEST_FRACTION = 0.5;

/** Training and test row counts for scikit-learn's split of a catalogued dataset at this fraction. O(1). */
export function splitCounts(dataset: string, testFraction: number, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): { nTrain: number; nTest: number } {
  const { nRows } = datasetInfo(catalogue, dataset);
  const nTest = testCount(nRows, testFraction);
  return { nTrain: nRows - nTest, nTest };
}

/** Largest k a single split can score: nTrain − 1. O(1). */
export function maxK(dataset: string, testFraction: number, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): number {
  return splitCounts(dataset, testFraction, catalogue).nTrain - 1;
}

/** Fewest and most folds of K-fold cross-validation the lab offers. */
export const MIN_FOLDS = 2;
export const MAX_FOLDS = 20;

/** Largest k K-fold cross-validation can score: the smallest training fold (n − the largest fold) − 1. O(1). */
export function maxKForFolds(dataset: string, folds: number, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): number {
  return largestFoldK(datasetInfo(catalogue, dataset).nRows, folds);
}

type LimitInput = { dataset: string; testFraction: number; cv: number | null };

/** The largest k these settings could score: of the split, or of the folds in K-fold mode. O(1). */
export function kLimit(s: LimitInput, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): number {
  return kLimitForRows(datasetInfo(catalogue, s.dataset).nRows, s);
}

/** kLimit for a dataset of nRows rows. O(1). */
export function kLimitForRows(nRows: number, { testFraction, cv }: { testFraction: number; cv: number | null }): number {
  return cv === null ? nRows - testCount(nRows, testFraction) - 1 : largestFoldK(nRows, cv);
}

/** The largest k the sweep scores: the k-max setting, or by default every k (1..1000 above 5,000 rows). O(1). */
export function sweptKMax(s: LimitInput & { kMax: number | null }, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): number {
  return resolveKMax(s.kMax, datasetInfo(catalogue, s.dataset).nRows, kLimit(s, catalogue));
}

/** Every feature code of the settings' dataset, in dataset order. O(features). */
export function datasetFeatureCodes(s: { dataset: string }, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): string[] {
  return datasetInfo(catalogue, s.dataset).features.map((f) => f.code);
}

/**
 * Every lab setting, in URL order, for the datasets of a catalogue. A row gives the kind and allowed values, the
 * default, the URL key, whether a change needs a new sweep, the `learn` option (null: lab only), where a saved
 * model's record keeps it (null: not saved) and a one-line description. Text is read in table order, so a row's
 * bounds may read the rows above it (k's upper bound reads the dataset and test size); rows below still hold their
 * defaults at that point.
 */
function tableFor(catalogue: DatasetCatalogue) {
  return {
    dataset: choice([...catalogue.keys()], {
      url: 'dataset', sweep: true, cli: 'dataset', saved: 'dataset.name', default: 'boston',
      description: 'dataset: a built-in one or one imported in this browser',
    }),
    seed: wholeNumber({
      url: 'seed', sweep: true, cli: 'seed', saved: 'seed', default: 42, min: 0, max: MAX_SEED,
      description: 'seed of the train/test split',
    }),
    testFraction: fraction({
      url: 'testSize', sweep: true, cli: 'test-size', saved: 'testFraction', default: DEFAULT_TEST_FRACTION,
      min: MIN_TEST_FRACTION, max: MAX_TEST_FRACTION,
      description: 'share of the rows held out for testing',
    }),
    cv: wholeNumber({
      url: 'cv', sweep: true, cli: 'cv', saved: null, default: null, unset: { text: '0', label: 'a single split' },
      min: MIN_FOLDS, max: MAX_FOLDS,
      description: 'K-fold cross-validation folds, or 0 for a single train/test split',
    }),
    kMax: wholeNumber({
      url: 'kmax', sweep: true, cli: 'k-max', saved: null, default: null, unset: { text: 'auto', label: 'the default k range' },
      min: 1, max: (earlier: LimitInput) => kLimit(earlier, catalogue),
      description: `largest k the sweep scores (auto: every k, or 1..${LARGE_DATASET_K_MAX} above ${LARGE_DATASET_ROWS} rows)`,
    }),
    k: wholeNumber({
      url: 'k', sweep: false, cli: 'k', saved: 'k', default: null, unset: { text: 'best', label: 'the best k' },
      min: 1, max: (earlier: LimitInput & { kMax: number | null }) => sweptKMax(earlier, catalogue),
      description: 'number of neighbours to inspect (unset: follow the best k)',
    }),
    weights: choice(WEIGHTS, {
      url: 'weights', sweep: true, cli: 'weights', saved: 'weights', default: DEFAULT_PARAMS.weights,
      description: 'neighbour weights',
    }),
    scale: choice(SCALES, {
      url: 'scale', sweep: true, cli: 'scale', saved: 'scale', default: DEFAULT_PARAMS.scale,
      description: 'feature scaling fitted on the training rows',
    }),
    metric: choice(METRICS, {
      url: 'metric', sweep: true, cli: 'metric', saved: 'metric', default: DEFAULT_PARAMS.metric,
      description: 'distance between rows',
    }),
    features: subset({
      url: 'features', sweep: true, cli: 'features', saved: 'features', default: [...FEATURE_CODES], defaultLabel: 'all features',
      values: (earlier: { dataset: string }) => datasetFeatureCodes(earlier, catalogue), of: 'feature codes',
      defaultFor: (earlier: { dataset: string }) => datasetFeatureCodes(earlier, catalogue),
      description: 'features the model uses',
    }),
    neighbours: choice(NEIGHBOURHOODS, {
      url: 'neighbours', sweep: true, cli: null, saved: null, default: 'k',
      description: 'k nearest training rows, or all within a radius',
    }),
    radius: positiveDecimal({
      url: 'radius', sweep: false, cli: null, saved: null, default: null, unset: { text: 'best', label: 'the best radius' },
      description: 'radius to inspect, in the distance’s units (unset: follow the best radius)',
    }),
    show: choice(SHOWN_METRICS, {
      url: 'show', sweep: false, cli: null, saved: null, default: 'mse',
      description: 'score the chart plots',
    }),
    kAxis: choice(K_AXES, {
      url: 'axis', sweep: false, cli: null, saved: null, default: 'linear',
      description: 'scale of the chart’s k axis',
    }),
  };
}

const TABLE = tableFor(BUILT_IN_CATALOGUE);
type Table = typeof TABLE;
export type SettingName = keyof Table;

/** Everything the lab shows is a function of these; the URL holds all of them. */
export type LabSettings = { [K in SettingName]: Table[K] extends SettingSpec<infer T, never> ? T : never };

type NamesWhere<C extends keyof Columns, V> = { [K in SettingName]: Table[K][C] extends V ? K : never }[SettingName];
/** Settings whose change needs a new sweep. */
export type SweepName = NamesWhere<'sweep', true>;
/** Settings `learn` shares with the lab. */
export type CliName = NamesWhere<'cli', string>;
/** Settings kept with a saved model. */
export type SavedName = NamesWhere<'saved', string>;

/** Rows typed to read whole settings. */
export type SettingsTable = { readonly [K in SettingName]: SettingSpec<LabSettings[K], LabSettings> };

/** The table; assigning it to SettingsTable checks that every row's bounds read settings that exist. */
export const LAB_SETTINGS: SettingsTable = TABLE;

const tables = new WeakMap<DatasetCatalogue, SettingsTable>([[BUILT_IN_CATALOGUE, LAB_SETTINGS]]);

/** The table for a catalogue's datasets (the dataset row's choices, features and k bounds read it); built once per catalogue. */
export function settingsTable(catalogue: DatasetCatalogue): SettingsTable {
  let table = tables.get(catalogue);
  if (!table) tables.set(catalogue, (table = tableFor(catalogue)));
  return table;
}

export const SETTING_NAMES = Object.keys(TABLE) as SettingName[];
const namesWhere = (keep: (spec: SettingSpec<unknown, LabSettings>) => boolean) =>
  SETTING_NAMES.filter((name) => keep(LAB_SETTINGS[name] as SettingSpec<unknown, LabSettings>));
export const SWEEP_NAMES = namesWhere((spec) => spec.sweep) as SweepName[];
export const CLI_NAMES = namesWhere((spec) => spec.cli !== null) as CliName[];
export const SAVED_NAMES = namesWhere((spec) => spec.saved !== null) as SavedName[];

const copy = <T>(value: T): T => (Array.isArray(value) ? ([...value] as T) : value);
const specOf = (name: SettingName) => LAB_SETTINGS[name] as SettingSpec<unknown, LabSettings>;
const textOf = (name: SettingName, value: unknown) => specOf(name).format(value);

function pick<K extends SettingName>(s: LabSettings, names: readonly K[]): Pick<LabSettings, K> {
  return Object.fromEntries(names.map((name) => [name, copy(s[name])])) as Pick<LabSettings, K>;
}

/** A fresh copy of every default, arrays included, safe to change. O(settings). */
export function defaultSettings(): LabSettings {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, copy(LAB_SETTINGS[name].default)])) as LabSettings;
}

/** The old Python script's choices, seed 42. */
export const DEFAULT_SETTINGS: Readonly<LabSettings> = Object.freeze(defaultSettings());

export type SettingRead<T> = { ok: true; value: T } | { ok: false; allowed: string };

/** One setting's value for a text, checked against the settings above it; or what is allowed. O(text). */
export function readSetting<T>(spec: SettingSpec<T, LabSettings>, text: string, earlier: LabSettings): SettingRead<T> {
  const value = spec.parse(text, earlier);
  return value === undefined ? { ok: false, allowed: spec.allowed(earlier) } : { ok: true, value };
}

/** A text that was not allowed: the default was used instead. */
export interface SettingProblem {
  name: SettingName;
  text: string;
  allowed: string;
  /** How the default that replaced it is named ("42", "the best k"). */
  fallback: string;
}

/**
 * Reads every setting in table order; `textOf` gives a setting's text or null when it is not given (the default
 * stays). A text that is not allowed keeps the default and is reported. `rules` replaces rows' rules where a
 * caller allows other values (the CLI's wider test size). O(total text).
 */
export function readSettings(
  textOf: (name: SettingName) => string | null,
  rules: Partial<SettingsTable> = {},
  catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE,
): { settings: LabSettings; problems: SettingProblem[] } {
  const settings = defaultSettings();
  const table = settingsTable(catalogue);
  const problems: SettingProblem[] = [];
  for (const name of SETTING_NAMES) {
    const spec = (rules[name] ?? table[name]) as SettingSpec<unknown, LabSettings>;
    // A default that depends on the rows above (every feature of the chosen dataset) is taken in table order too.
    if (spec.defaultFor) (settings as Record<SettingName, unknown>)[name] = spec.defaultFor(settings);
    const text = textOf(name);
    if (text === null) continue;
    const read = readSetting(spec, text, settings);
    if (read.ok) (settings as Record<SettingName, unknown>)[name] = read.value;
    else problems.push({ name, text, allowed: read.allowed, fallback: spec.defaultLabel });
  }
  return { settings, problems };
}

/**
 * The settings moved to another dataset: every one of its features, the default k range and the best k (the old
 * dataset's feature list and k mean nothing there); the rest kept. O(features).
 */
export function settingsForDataset(s: LabSettings, dataset: string, catalogue: DatasetCatalogue): LabSettings {
  if (dataset === s.dataset) return s;
  // A dataset no longer in the catalogue (deleted) has unknown columns: never take them for the new one's.
  const before = catalogue.has(s.dataset) ? datasetFeatureCodes(s, catalogue) : [];
  const after = datasetFeatureCodes({ dataset }, catalogue);
  const sameColumns = before.length === after.length && before.every((code, i) => code === after[i]);
  return sameColumns ? { ...s, dataset } : { ...s, dataset, features: after, kMax: null, k: null, radius: null };
}

/** Every setting as the text `readSettings` reads back, in table order. O(settings). */
export function settingTexts(s: LabSettings): [SettingName, string][] {
  return SETTING_NAMES.map((name) => [name, textOf(name, s[name])]);
}

/** The settings a sweep depends on (the sweep column). */
export type SweepPart = Pick<LabSettings, SweepName>;

/** A copy of the settings a sweep depends on. O(settings). */
export function sweepPartOf(s: LabSettings): SweepPart {
  return pick(s, SWEEP_NAMES);
}

/** True when every setting flagged "needs a sweep" is equal, so a change from a to b needs no new sweep. O(settings). */
export function sameSweepPart(a: SweepPart, b: SweepPart): boolean {
  return SWEEP_NAMES.every((name) => textOf(name, a[name]) === textOf(name, b[name]));
}

/** The settings a saved model keeps (the saved column). */
export type SavedSettings = Pick<LabSettings, SavedName>;

/** A copy of the settings a saved model keeps. O(settings). */
export function savedSettingsOf(s: LabSettings): SavedSettings {
  return pick(s, SAVED_NAMES);
}

// Stored values are the settings' own values; reading them back through their text gives a record exactly the
// checks a link gets (k against the record's own split, a dataset the lab no longer has refused).
function storedText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  return null;
}

const at = (record: object, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);

/**
 * The lab settings a saved model's record holds, read from where the saved column says and checked as a link's
 * would be; a field that is missing or not allowed in the lab is left out. O(record settings).
 */
export function settingsFromSaved(record: object, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): Partial<LabSettings> {
  const earlier = defaultSettings();
  const table = settingsTable(catalogue);
  const found: Partial<Record<SettingName, unknown>> = {};
  for (const name of SAVED_NAMES) {
    const text = storedText(at(record, LAB_SETTINGS[name].saved!));
    const read = text === null ? null : readSetting(table[name] as SettingSpec<unknown, LabSettings>, text, earlier);
    if (read?.ok) (earlier as Record<SettingName, unknown>)[name] = found[name] = read.value;
  }
  return found as Partial<LabSettings>;
}
