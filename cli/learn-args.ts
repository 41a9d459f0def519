import { DATASET_NAMES, FEATURE_CODES, isDatasetName, type DatasetName } from '../src/ml/dataset-meta';
import { DEFAULT_PARAMS, DEFAULT_TEST_FRACTION, METRICS, SCALES, WEIGHTS, isMetric, isScale, isWeights, type Metric, type Scale, type Weights } from '../src/ml/params';
import { MAX_SEED } from '../src/ml/split';

export const MAX_SEED_RUNS = 10_000;

export interface LearnOptions {
  dataset: DatasetName;
  /** Null: draw one at random (and report it). */
  seed: number | null;
  testFraction: number;
  weights: Weights;
  scale: Scale;
  metric: Metric;
  features: string[];
  kMax: number | null;
  seeds: { from: number; to: number } | null;
  json: boolean;
  out: string | null;
  help: boolean;
}

export const USAGE = `usage: npm run --silent learn -- [options]
  --dataset boston|boston-corrected   built-in dataset (default boston)
  --seed N                            split seed, integer 0..${MAX_SEED} (default: random, reported)
  --test-size F                       test fraction in (0, 1) (default ${DEFAULT_TEST_FRACTION})
  --weights uniform|distance          neighbour weights (default ${DEFAULT_PARAMS.weights})
  --scale none|standard               feature scaling fitted on training rows (default ${DEFAULT_PARAMS.scale})
  --metric euclidean|manhattan        distance (default ${DEFAULT_PARAMS.metric})
  --features crim,zn,...              features to use (default all ${FEATURE_CODES.length})
  --k-max N                           largest k to score, 1..n_train-1 (default n_train-1)
  --seeds A-B                         seed stability: sweep every seed from A to B (at most ${MAX_SEED_RUNS})
  --json                              print one JSON object instead of a summary
  --out DIR                           write DIR/model.json and DIR/model-info.json
  --help                              show this help`;

type Parsed = { ok: true; options: LearnOptions } | { ok: false; error: string };

const VALUE_OPTIONS = ['dataset', 'seed', 'test-size', 'weights', 'scale', 'metric', 'features', 'k-max', 'seeds', 'out'] as const;
const FLAG_OPTIONS = ['json', 'help'] as const;

const isWholeNumber = (text: string) => /^\d+$/.test(text);

function parseSeed(text: string, what: string): number | string {
  if (!isWholeNumber(text) || Number(text) > MAX_SEED) return `${what} must be an integer from 0 to ${MAX_SEED}, got "${text}"`;
  return Number(text);
}

/** Parses learn's arguments; every mistake becomes one message saying what is wrong and what is allowed. */
export function parseLearnArgs(argv: readonly string[]): Parsed {
  const raw = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) return { ok: false, error: `unexpected argument "${arg}"; options start with --, see --help` };
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (eq >= 0) return { ok: false, error: `--${name} takes no value` };
      flags.add(name);
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      return { ok: false, error: `unknown option "--${name}"; known: ${[...VALUE_OPTIONS, ...FLAG_OPTIONS].map((o) => `--${o}`).join(', ')}` };
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return { ok: false, error: `--${name} needs a value` };
    if (raw.has(name)) return { ok: false, error: `--${name} is given twice` };
    raw.set(name, value);
  }

  const dataset = raw.get('dataset') ?? 'boston';
  if (!isDatasetName(dataset)) return { ok: false, error: `unknown dataset "${dataset}"; allowed: ${DATASET_NAMES.join(', ')}` };

  let seed: number | null = null;
  if (raw.has('seed')) {
    const parsed = parseSeed(raw.get('seed')!, '--seed');
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    seed = parsed;
  }

  let testFraction = DEFAULT_TEST_FRACTION;
  if (raw.has('test-size')) {
    const text = raw.get('test-size')!;
    testFraction = /^(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (!(testFraction > 0 && testFraction < 1)) return { ok: false, error: `--test-size must be a number strictly between 0 and 1, got "${text}"` };
  }

  const weights = raw.get('weights') ?? DEFAULT_PARAMS.weights;
  if (!isWeights(weights)) return { ok: false, error: `--weights must be one of ${WEIGHTS.join(', ')}, got "${weights}"` };
  const scale = raw.get('scale') ?? DEFAULT_PARAMS.scale;
  if (!isScale(scale)) return { ok: false, error: `--scale must be one of ${SCALES.join(', ')}, got "${scale}"` };
  const metric = raw.get('metric') ?? DEFAULT_PARAMS.metric;
  if (!isMetric(metric)) return { ok: false, error: `--metric must be one of ${METRICS.join(', ')}, got "${metric}"` };

  let features = [...FEATURE_CODES];
  if (raw.has('features')) {
    const list = raw.get('features')!.split(',').map((f) => f.trim().toLowerCase());
    if (list.some((f) => f === '')) return { ok: false, error: `--features must be a comma list of feature codes (${FEATURE_CODES.join(',')})` };
    const unknown = list.find((f) => !FEATURE_CODES.includes(f));
    if (unknown) return { ok: false, error: `unknown feature "${unknown}"; allowed: ${FEATURE_CODES.join(', ')}` };
    if (new Set(list).size !== list.length) return { ok: false, error: '--features lists a feature twice' };
    // Dataset order keeps a model's columns independent of how the user typed the list.
    features = FEATURE_CODES.filter((f) => list.includes(f));
  }

  let kMax: number | null = null;
  if (raw.has('k-max')) {
    const text = raw.get('k-max')!;
    if (!isWholeNumber(text) || Number(text) < 1) return { ok: false, error: `--k-max must be a whole number of at least 1, got "${text}"` };
    kMax = Number(text);
  }

  let seeds: LearnOptions['seeds'] = null;
  if (raw.has('seeds')) {
    const text = raw.get('seeds')!;
    const match = /^(\d+)-(\d+)$/.exec(text);
    if (!match) return { ok: false, error: `--seeds must be a range A-B of integers 0..${MAX_SEED}, got "${text}"` };
    const from = parseSeed(match[1], '--seeds start');
    const to = parseSeed(match[2], '--seeds end');
    if (typeof from === 'string') return { ok: false, error: from };
    if (typeof to === 'string') return { ok: false, error: to };
    if (to < from) return { ok: false, error: `--seeds range ${text} is reversed; write the smaller seed first` };
    if (to - from + 1 > MAX_SEED_RUNS) return { ok: false, error: `--seeds ${text} spans ${to - from + 1} seeds; at most ${MAX_SEED_RUNS} are allowed` };
    seeds = { from, to };
    if (seed !== null) return { ok: false, error: '--seed and --seeds cannot be combined; use one' };
  }

  const out = raw.get('out') ?? null;
  if (out !== null && seeds) return { ok: false, error: '--out saves one model, so it cannot be combined with --seeds' };
  if (out === '') return { ok: false, error: '--out needs a directory path' };

  return {
    ok: true,
    options: { dataset, seed, testFraction, weights, scale, metric, features, kMax, seeds, json: flags.has('json'), out, help: flags.has('help') },
  };
}
