import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BATCH_OUTPUT_COLUMNS } from '../src/ml/batch-predict';
import { BUILT_IN_CATALOGUE, catalogueWith, isDatasetName, type DatasetInfo } from '../src/ml/dataset-meta';
import { DEFAULT_INTERVAL_LEVEL, INTERVAL_LEVELS, type IntervalLevel } from '../src/ml/intervals';
import { fraction } from '../src/ml/setting-kinds';
import {
  CLI_NAMES, DEFAULT_SETTINGS, LAB_SETTINGS, readSettings,
  type CliName, type LabSettings, type SettingName, type SettingsTable,
} from '../src/ml/settings-schema';
import { MAX_SEED } from '../src/ml/split';
import { MAX_SEED_RUNS } from '../src/ml/seed-stability';

/** A mistake in how learn was called (an argument, a file it names): exit code 2 and one line on stderr. */
export class UsageError extends Error {}

/**
 * A CSV file named by --dataset, and how to read it: --target, the dataset's columns (--columns, else --features;
 * null: every numeric column but the target), --drop-bad-rows. `modelFeatures` is true when --columns is given, so
 * --features picks the model's features among those columns (as a model saved in the lab may use fewer than its
 * dataset has).
 */
export interface CsvSource {
  path: string;
  target: string;
  features: string[] | null;
  dropBadRows: boolean;
  modelFeatures: boolean;
}

/** A CSV dataset learn has read for --dataset FILE.csv: the path as given and what the settings need to know of it. */
export interface ReadCsvDataset {
  path: string;
  info: DatasetInfo;
}


/** The lab settings learn shares (same names, same rules unless CLI_RULES says otherwise), and learn's own options. */
export type LearnOptions = Omit<Pick<LabSettings, CliName>, 'seed'> & {
  /** Null: draw one at random (and report it). */
  seed: number | null;
  /** Set when --dataset names a CSV file; `dataset` is then the id of the dataset read from it. */
  csv: CsvSource | null;
  seeds: { from: number; to: number } | null;
  json: boolean;
  /** Also list each test row's recorded and predicted price at the best k. */
  rows: boolean;
  /** Score RadiusNeighborsRegressor at these radii instead of k nearest neighbours. */
  radii: number[] | null;
  out: string | null;
  help: boolean;
};

/** `learn --predict`: the model file, the houses (one as JSON, or a CSV file of them) and how to report. */
export interface PredictOptions {
  model: string;
  /** --input: one house as JSON text, not yet read. */
  input: string | null;
  /** --input-csv: a CSV file of houses. */
  inputCsv: string | null;
  /** --output: where the CSV goes instead of stdout. */
  output: string | null;
  level: IntervalLevel;
  json: boolean;
}

// The lab's slider spans 0.05 to 0.5; learn, like learn.py, takes any fraction strictly between 0 and 1 (learn.ts
// then checks that the split leaves two training rows).
const CLI_RULES: Partial<SettingsTable> = {
  testFraction: fraction({ ...LAB_SETTINGS.testFraction, min: 0, max: 1, open: true }),
};
const ruleOf = <K extends CliName>(name: K) => CLI_RULES[name] ?? LAB_SETTINGS[name];
const optionOf = (name: CliName) => LAB_SETTINGS[name].cli!;
// learn.py drew a seed when none was given; learn still does, and reports it.
const SEED_DEFAULT = 'random, reported';

const OWN_VALUE_OPTIONS = ['target', 'columns', 'seeds', 'radius', 'out'];
const PREDICT_OPTIONS = ['predict', 'input', 'input-csv', 'output', 'level'];
const VALUE_OPTIONS = [...CLI_NAMES.map(optionOf), ...OWN_VALUE_OPTIONS, ...PREDICT_OPTIONS];
const FLAG_OPTIONS = ['drop-bad-rows', 'json', 'rows', 'help'];
const OPTIONS = Object.fromEntries([
  ...VALUE_OPTIONS.map((name) => [name, { type: 'string' as const }]),
  ...FLAG_OPTIONS.map((name) => [name, { type: 'boolean' as const }]),
]);

function sharedUsage(name: CliName): [string, string] {
  if (name === 'dataset') return ['--dataset NAME|FILE.csv', `${[...BUILT_IN_CATALOGUE.keys()].join(' or ')}, or a CSV file of your own (with --target) (default boston)`];
  if (name === 'features') return ['--features a,b,...', 'features the model uses, matched ignoring case; with a CSV, its numeric columns (default all features, or every numeric column but the target)'];
  const rule = ruleOf(name);
  // A choice's metavar lists its values already.
  const allowed = rule.kind === 'choice' ? '' : `, ${rule.allowed(DEFAULT_SETTINGS)}`;
  return [`--${optionOf(name)} ${rule.metavar}`, `${rule.description}${allowed} (default ${name === 'seed' ? SEED_DEFAULT : rule.defaultLabel})`];
}

const OWN_USAGE: [string, string][] = [
  ['--target COL', 'with a CSV --dataset: the column to predict (required)'],
  ['--columns a,b,...', 'with a CSV --dataset: the feature columns its dataset is built from, as chosen when the app imported it (default: --features, else every numeric column but the target); --features then picks among them'],
  ['--drop-bad-rows', 'with a CSV --dataset: leave out rows with a blank or unreadable value in the chosen columns'],
  ['--seeds A-B', `seed stability: sweep every seed from A to B (at most ${MAX_SEED_RUNS})`],
  ['--radius R1,R2,...', 'score radius neighbours (every training row within R) at these radii instead of k'],
  ['--json', 'print one JSON object instead of a summary'],
  ['--rows', 'also list the test rows at the best k: actual and predicted price (the largest errors without --json)'],
  ['--out DIR', 'write DIR/model.json and DIR/model-info.json'],
  ['--help', 'show this help'],
];

const levels = INTERVAL_LEVELS.map((l) => l * 100);
const PREDICT_USAGE: [string, string][] = [
  ['--predict MODEL.json', 'the model file to predict with, as --out writes it or the app exports it'],
  ['--input JSON', `one house: every feature the model uses, e.g. '{"crim": 0.63, "zn": 0, ...}'; prints its price and interval`],
  ['--input-csv FILE', `a CSV file with a column per feature (named as the features; other columns pass through); prints it with the columns ${BATCH_OUTPUT_COLUMNS.join(', ')} added`],
  ['--output FILE', 'with --input-csv: write the CSV to FILE instead of stdout'],
  ['--level ' + levels.join('|'), `the prediction interval's coverage in % (default ${DEFAULT_INTERVAL_LEVEL * 100})`],
  ['--json', 'with --input: print one JSON object: price, interval, nearestDistance, outOfRangeDistance, outOfRange, neighbours'],
];
const usageLines = (rows: [string, string][]) => rows.map(([option, help]) => `  ${option.padEnd(36)}${help}`);

export const USAGE = [
  'usage: npm run --silent learn -- [options]',
  ...usageLines([...CLI_NAMES.map(sharedUsage), ...OWN_USAGE]),
  '',
  `   or: npm run --silent learn -- --predict MODEL.json (--input JSON | --input-csv FILE [--output FILE]) [--level ${levels.join('|')}] [--json]`,
  ...usageLines(PREDICT_USAGE),
  '',
  'exit codes: 0 done; 1 an internal error; 2 a bad argument or file; 3 with --predict: a house or CSV row could not be priced (the others were)',
].join('\n');

type Parsed = { ok: true; options: LearnOptions } | { ok: false; error: string };

type Token =
  | { kind: 'option'; name: string; rawName: string; value?: string; inlineValue?: boolean }
  | { kind: 'positional'; value: string }
  | { kind: 'option-terminator' };

const looseTokens = (argv: readonly string[]): Token[] =>
  parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens;

/** The first mistake parseArgs' strict mode refuses, in learn's words; null when there is none. */
function tokenProblem(tokens: Token[]): string | null {
  for (const token of tokens) {
    if (token.kind === 'positional') return `unexpected argument "${token.value}"; options start with --, see --help`;
    if (token.kind !== 'option') continue;
    if (!Object.hasOwn(OPTIONS, token.name)) {
      return `unknown option "${token.rawName}"; known: ${[...VALUE_OPTIONS, ...FLAG_OPTIONS].map((o) => `--${o}`).join(', ')}`;
    }
    const takesValue = OPTIONS[token.name].type === 'string';
    if (!takesValue && token.value !== undefined) return `${token.rawName} takes no value`;
    if (takesValue && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))) return `${token.rawName} needs a value`;
  }
  return null;
}

/** The options given: values by option name and flags. parseArgs in strict mode, its refusals in learn's words. */
function readArgv(argv: readonly string[]): { values: Map<string, string>; flags: Set<string> } | string {
  let tokens: Token[];
  try {
    tokens = parseArgs({ args: [...argv], options: OPTIONS, strict: true, tokens: true }).tokens;
  } catch (error) {
    tokens = looseTokens(argv);
    const problem = tokenProblem(tokens);
    if (problem) return problem;
    // What strict mode also refuses is a value that starts with one dash (`--seed -1`, which it calls ambiguous).
    // Taken as the value, as `--seed=-1` would be, the option's own rule then says what is allowed.
    if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return (error as Error).message.split('\n')[0];
  }
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.value === undefined) flags.add(token.name);
    else if (values.has(token.name)) return `${token.rawName} is given twice`;
    else values.set(token.name, token.value);
  }
  return { values, flags };
}

const isWholeNumber = (text: string) => /^\d+$/.test(text);

function parseSeed(text: string, what: string): number | string {
  if (!isWholeNumber(text) || Number(text) > MAX_SEED) return `${what} must be a whole number from 0 to ${MAX_SEED}, got "${text}"`;
  return Number(text);
}

/** True when a --dataset value means a CSV file: not a built-in name, and ending in .csv or naming an existing file. */
export function isCsvDataset(value: string): boolean {
  if (isDatasetName(value)) return false;
  return /\.csv$/i.test(value) || (existsSync(value) && statSync(value).isFile());
}

/** The CSV file --dataset names, with --target, --features and --drop-bad-rows; null for a built-in dataset. */
function csvSourceFrom(raw: Map<string, string>, flags: Set<string>): CsvSource | null | string {
  const path = raw.get('dataset');
  if (path === undefined || !isCsvDataset(path)) {
    for (const [given, option] of [[raw.has('target'), '--target'], [raw.has('columns'), '--columns'], [flags.has('drop-bad-rows'), '--drop-bad-rows']] as const) {
      if (given) return `${option} is for a CSV file of your own; give --dataset FILE.csv (a built-in dataset has its own target)`;
    }
    return null;
  }
  const target = raw.get('target')?.trim();
  if (!target) return `--target COL is required with a CSV --dataset: name the column to predict`;
  const listed = raw.has('columns') ? 'columns' : 'features';
  let features: string[] | null = null;
  if (raw.has(listed)) {
    features = raw.get(listed)!.split(',').map((name) => name.trim());
    if (features.some((name) => name === '')) return `--${listed} must be a comma list of column names, got "${raw.get(listed)!.slice(0, 200)}"`;
  }
  return { path, target, features, dropBadRows: flags.has('drop-bad-rows'), modelFeatures: raw.has('columns') };
}

/** The CSV file the arguments name (to read before parseLearnArgs), or null, and whether --help is given; or the mistake in them. */
export function csvSourceOf(argv: readonly string[]): { ok: true; csv: CsvSource | null; help: boolean } | { ok: false; error: string } {
  const given = readArgv(argv);
  if (typeof given === 'string') return { ok: false, error: given };
  const csv = csvSourceFrom(given.values, given.flags);
  return typeof csv === 'string' ? { ok: false, error: csv } : { ok: true, csv, help: given.flags.has('help') };
}

// Options that train or score: a saved model has its own settings, so --predict takes none of them.
const TRAINING_OPTIONS = [...CLI_NAMES.map(optionOf), ...OWN_VALUE_OPTIONS, 'drop-bad-rows', 'rows'];

/** Why a predict-only option given without --predict is refused, or null. */
function predictOnlyProblem(values: Map<string, string>): string | null {
  const given = PREDICT_OPTIONS.find((o) => o !== 'predict' && values.has(o));
  return given ? `--${given} is for predicting with a saved model: give --predict MODEL.json too` : null;
}

/**
 * The --predict options (null when --predict is not given, or --help is), or the mistake in them. Every training
 * option is refused next to --predict, and the houses come from exactly one of --input and --input-csv.
 */
export function parsePredictArgs(argv: readonly string[]): { ok: true; options: PredictOptions | null } | { ok: false; error: string } {
  const given = readArgv(argv);
  if (typeof given === 'string') return { ok: false, error: given };
  const { values, flags } = given;
  if (flags.has('help')) return { ok: true, options: null };
  const model = values.get('predict');
  if (model === undefined) {
    const problem = predictOnlyProblem(values);
    return problem ? { ok: false, error: problem } : { ok: true, options: null };
  }
  const fail = (error: string) => ({ ok: false as const, error });
  if (model === '') return fail('--predict needs the path of a model file');
  const training = TRAINING_OPTIONS.find((o) => values.has(o) || flags.has(o));
  if (training) return fail(`--predict uses the settings saved in the model file, so it cannot be combined with --${training}; leave the training options out`);
  const input = values.get('input') ?? null;
  const inputCsv = values.get('input-csv') ?? null;
  const output = values.get('output') ?? null;
  if (input === null && inputCsv === null) return fail(`--predict needs the houses to price: --input '{"feature": value, ...}' or --input-csv FILE`);
  if (input !== null && inputCsv !== null) return fail('--input and --input-csv cannot be combined; give one');
  if (inputCsv === '') return fail('--input-csv needs the path of a CSV file');
  if (output !== null && inputCsv === null) return fail('--output is for --input-csv (where the CSV goes); with --input the price is printed');
  if (output === '') return fail('--output needs a file path');
  const json = flags.has('json');
  if (json && inputCsv !== null) return fail('--json is for --input; --input-csv writes CSV');
  let level: IntervalLevel = DEFAULT_INTERVAL_LEVEL;
  const levelText = values.get('level');
  if (levelText !== undefined) {
    const found = INTERVAL_LEVELS.find((l) => levelText.trim() === String(l * 100));
    if (found === undefined) return fail(`--level must be ${levels.slice(0, -1).join(', ')} or ${levels.at(-1)} (the interval's coverage in %), got "${levelText.slice(0, 40)}"`);
    level = found;
  }
  return { ok: true, options: { model, input, inputCsv, output, level, json } };
}

/**
 * Parses learn's arguments; every mistake becomes one message saying what is wrong and what is allowed. When
 * --dataset names a CSV file, `read` is the dataset read from it (see csvSourceOf): the settings then check k,
 * k-max and features against that dataset, as the lab does for an imported one.
 */
export function parseLearnArgs(argv: readonly string[], read: ReadCsvDataset | null = null): Parsed {
  const given = readArgv(argv);
  if (typeof given === 'string') return { ok: false, error: given };
  const { values: raw, flags } = given;
  if (raw.has('predict')) throw new Error('--predict is read by parsePredictArgs, before parseLearnArgs');
  const predictOnly = predictOnlyProblem(raw);
  if (predictOnly) return { ok: false, error: predictOnly };
  const csv = csvSourceFrom(raw, flags);
  if (typeof csv === 'string') return { ok: false, error: csv };
  if (csv && csv.path !== read?.path) throw new Error(`read ${csv.path} (csvSourceOf) before parsing the other arguments`);

  const catalogue = csv ? catalogueWith([read!.info]) : BUILT_IN_CATALOGUE;
  const textOf = (name: SettingName) => {
    if (!CLI_NAMES.includes(name as CliName)) return null;
    // A CSV's features were chosen when it was read: the dataset holds exactly them.
    if (csv && name === 'dataset') return read!.info.id;
    if (csv && name === 'features' && !csv.modelFeatures) return null;
    return raw.get(optionOf(name as CliName)) ?? null;
  };
  const { settings, problems } = readSettings(textOf, CLI_RULES, catalogue);
  if (problems.length > 0) {
    const [{ name, text, allowed }] = problems;
    return { ok: false, error: `--${optionOf(name as CliName)} must be ${allowed}, got "${text}"` };
  }
  const shared = Object.fromEntries(CLI_NAMES.map((name) => [name, settings[name]])) as Pick<LabSettings, CliName>;
  const seed = raw.has(optionOf('seed')) ? settings.seed : null;
  const { kMax } = shared;

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
  const rows = flags.has('rows');
  if (rows && seeds) return { ok: false, error: "--rows lists one split's test rows, so it cannot be combined with --seeds" };
  if (rows && shared.cv !== null) return { ok: false, error: "--rows lists one split's test rows, so it cannot be combined with --cv" };

  let radii: number[] | null = null;
  if (raw.has('radius')) {
    const text = raw.get('radius')!;
    const list = text.split(',').map((r) => r.trim());
    const bad = list.find((r) => !/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(r) || !(Number(r) > 0) || !Number.isFinite(Number(r)));
    if (bad !== undefined) return { ok: false, error: `--radius must be a comma list of numbers greater than 0, got "${bad.slice(0, 40)}"` };
    if (list.length > 1000) return { ok: false, error: `--radius lists ${list.length} radii; at most 1000 are allowed` };
    radii = list.map(Number);
    for (const [on, option] of [[seeds, '--seeds'], [shared.cv, '--cv'], [rows || null, '--rows'], [kMax, '--k-max'], [shared.k, '--k']] as const) {
      if (on !== null) return { ok: false, error: `--radius cannot be combined with ${option}; run them separately` };
    }
  }

  return { ok: true, options: { ...shared, seed, csv, seeds, json: flags.has('json'), rows, radii, out, help: flags.has('help') } };
}
