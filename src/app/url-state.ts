import { FEATURE_CODES, isDatasetName } from '../ml/dataset-meta';
import { isMetric, isScale, isWeights } from '../ml/params';
import { quoted } from '../ml/quote';
import { isValidSeed, MAX_SEED } from '../ml/split';
import {
  DEFAULT_SETTINGS, K_AXES, MAX_TEST_FRACTION, MIN_TEST_FRACTION, SHOWN_METRICS, maxK,
  type KAxis, type LabSettings, type ShownMetric,
} from '../store/lab-settings';

/** Settings read from a query string, and what had to be replaced by a default (for the visible notice). */
export interface ParsedUrlState {
  settings: LabSettings;
  problems: string[];
}

const isShown = (v: string): v is ShownMetric => (SHOWN_METRICS as readonly string[]).includes(v);
const isKAxis = (v: string): v is KAxis => (K_AXES as readonly string[]).includes(v);
const INTEGER = /^\d+$/;
const DECIMAL = /^\d*\.?\d+$/;

/** Reads every setting from a query string; a missing one takes its default, a bad one its default plus a problem. */
export function parseUrlState(search: string): ParsedUrlState {
  const q = new URLSearchParams(search);
  const s: LabSettings = { ...DEFAULT_SETTINGS, features: [...DEFAULT_SETTINGS.features] };
  const problems: string[] = [];
  const bad = (name: string, value: string, rule: string, fallback: unknown) =>
    problems.push(`${name} ${quoted(value)} is not ${rule}; using ${String(fallback)}.`);

  const pick = <T extends string>(name: string, valid: (v: string) => v is T, key: keyof LabSettings, rule: string) => {
    const v = q.get(name);
    if (v === null) return;
    if (valid(v)) (s as unknown as Record<string, unknown>)[key] = v;
    else bad(name, v, rule, DEFAULT_SETTINGS[key]);
  };
  pick('dataset', isDatasetName, 'dataset', 'boston or boston-corrected');
  pick('weights', isWeights, 'weights', 'uniform or distance');
  pick('scale', isScale, 'scale', 'none or standard');
  pick('metric', isMetric, 'metric', 'euclidean or manhattan');
  pick('show', isShown, 'show', 'mse, rmse, mae or r2');
  pick('axis', isKAxis, 'kAxis', 'linear or log');

  const seed = q.get('seed');
  if (seed !== null) {
    if (INTEGER.test(seed) && isValidSeed(Number(seed))) s.seed = Number(seed);
    else bad('seed', seed, `a whole number from 0 to ${MAX_SEED}`, DEFAULT_SETTINGS.seed);
  }

  const testSize = q.get('testSize');
  if (testSize !== null) {
    const f = Number(testSize);
    if (DECIMAL.test(testSize) && f >= MIN_TEST_FRACTION && f <= MAX_TEST_FRACTION) s.testFraction = f;
    else bad('testSize', testSize, `a fraction from ${MIN_TEST_FRACTION} to ${MAX_TEST_FRACTION}`, DEFAULT_SETTINGS.testFraction);
  }

  const features = q.get('features');
  if (features !== null) {
    const codes = features.toLowerCase().split(',').map((c) => c.trim()).filter(Boolean);
    const unknown = codes.filter((c) => !FEATURE_CODES.includes(c));
    if (unknown.length === 0 && codes.length > 0) s.features = FEATURE_CODES.filter((c) => codes.includes(c));
    else bad('features', features, 'a comma list of known feature codes', 'all features');
  }

  // k last: its upper bound depends on the dataset and test size read above.
  const k = q.get('k');
  if (k !== null && k !== 'best') {
    const kMax = maxK(s.dataset, s.testFraction);
    if (INTEGER.test(k) && Number(k) >= 1 && Number(k) <= kMax) s.k = Number(k);
    else bad('k', k, `a whole number from 1 to ${kMax}`, 'the best k');
  }
  return { settings: s, problems };
}

/** Writes every setting, in a fixed order, so equal settings give equal URLs. */
export function serialiseUrlState(s: LabSettings): string {
  const q = new URLSearchParams();
  q.set('dataset', s.dataset);
  q.set('seed', String(s.seed));
  q.set('testSize', String(s.testFraction));
  q.set('k', s.k === null ? 'best' : String(s.k));
  q.set('weights', s.weights);
  q.set('scale', s.scale);
  q.set('metric', s.metric);
  q.set('features', s.features.join(','));
  q.set('show', s.show);
  q.set('axis', s.kAxis);
  // Commas are legal in a query; keeping them makes the feature list readable in the address bar.
  return q.toString().replaceAll('%2C', ',');
}
