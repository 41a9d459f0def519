// npm run parity: random settings through scikit-learn (sklearn_reference.py) and through our engine, every k
// compared. Exit 0 when every k that differs is explained by tied neighbours, 1 when one is not (or a split
// differs), 2 when it cannot run (no scikit-learn, a bad argument, the reference failed).
import { spawnSync } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { datasetFromTable, defaultFeatures } from '../../src/ml/csv-dataset';
import { readCsv } from '../../src/ml/csv-read';
import type { CsvTable } from '../../src/ml/csv-table';
import { DATASET_NAMES, FEATURE_CODES, type DatasetName } from '../../src/ml/dataset-meta';
import { loadDataset, type Dataset } from '../../src/ml/datasets';
import { METRICS, SCALES, WEIGHTS, type Metric, type Scale, type Weights } from '../../src/ml/params';
import { Mt19937 } from '../../src/ml/rng';
import { trainTestSplit } from '../../src/ml/split';
import { sweep } from '../../src/ml/sweep';
import { compareSweep, listMismatches } from '../../src/test-support/parity';
import { sweepSettingsOf, type SklearnSplitResult } from '../../src/test-support/sklearn-golden';

const REFERENCE = fileURLToPath(new URL('./sklearn_reference.py', import.meta.url));
// The generated CSV (sklearn_reference.py fixture), read as the app reads a user's file.
const FIXTURE = 'tools/parity/fixtures/generated.csv';
const FIXTURE_TARGET = 'price';
const JOBS = 2;
const MAX_SEED = 0xffffffff;

interface SplitCase {
  name: string;
  kind: 'split';
  dataset: DatasetName | 'csv';
  /** With dataset 'csv': the file, relative to the repository, and its target column. */
  csv?: string;
  target?: string;
  seed: number;
  testSize: number;
  weights: Weights;
  scale: Scale;
  metric: Metric;
  features: string[];
}

class UsageError extends Error {}

function fail(message: string, code: number): never {
  console.error(`parity: ${message}`);
  process.exit(code);
}

function parseCommandLine(): { count: number; drawSeed: number; drawSeedGiven: boolean } {
  let values: { count?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; usage: npm run parity -- [--count N] [--seed S]`);
  }
  if (values.help) {
    console.log('npm run parity -- [--count N] [--seed S]\n  --count N  settings to draw (default 20)\n  --seed S   seed of the draw, 0..4294967295 (default: random, printed)');
    process.exit(0);
  }
  const integer = (text: string, what: string, low: number, high: number) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= low && value <= high)) throw new UsageError(`${what} must be an integer from ${low} to ${high}, got "${text}"`);
    return value;
  };
  const count = values.count === undefined ? 20 : integer(values.count, '--count', 1, 1000);
  const drawSeed = values.seed === undefined ? crypto.getRandomValues(new Uint32Array(1))[0] : integer(values.seed, '--seed', 0, MAX_SEED);
  return { count, drawSeed, drawSeedGiven: values.seed !== undefined };
}

/** The first interpreter among $PYTHON, python3 and /usr/bin/python3 that can import scikit-learn. */
function findPython(): string | null {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
    if (python === process.env.PYTHON) console.error(`parity: PYTHON=${python} cannot import sklearn; trying the others`);
  }
  return null;
}

/**
 * `count` settings on the built-in datasets, then one on the generated CSV for every ten (at least one), drawn from
 * the seeded generator: the same seed gives the same settings, and the built-in ones are those it always gave.
 */
function drawSettings(count: number, drawSeed: number, csvFeatures: readonly string[]): SplitCase[] {
  const rng = new Mt19937(drawSeed);
  const pick = <T>(items: readonly T[]): T => items[rng.interval(items.length - 1)];
  const draw = (name: string, dataset: SplitCase['dataset'], all: readonly string[]): SplitCase => {
    // A random subset of the features: a partial Fisher–Yates shuffle, then dataset order.
    const size = 1 + rng.interval(all.length - 1);
    const codes = [...all];
    for (let j = 0; j < size; j++) {
      const swap = j + rng.interval(codes.length - 1 - j);
      [codes[j], codes[swap]] = [codes[swap], codes[j]];
    }
    const chosen = new Set(codes.slice(0, size));
    return {
      name,
      kind: 'split',
      dataset,
      ...(dataset === 'csv' && { csv: FIXTURE, target: FIXTURE_TARGET }),
      seed: rng.nextUint32(),
      testSize: (50 + rng.interval(450)) / 1000,
      weights: pick(WEIGHTS),
      scale: pick(SCALES),
      metric: pick(METRICS),
      features: all.filter((code) => chosen.has(code)),
    };
  };
  const builtIn = Array.from({ length: count }, (_, i) => draw(`setting-${i + 1}`, DATASET_NAMES[i % DATASET_NAMES.length], FEATURE_CODES));
  const onCsv = Array.from({ length: Math.max(1, Math.round(count / 10)) }, (_, i) => draw(`csv-setting-${i + 1}`, 'csv', csvFeatures));
  return [...builtIn, ...onCsv];
}

/** The generated CSV's table, read as the app reads a file. */
async function fixtureTable(): Promise<CsvTable> {
  const read = await readCsv(await openAsBlob(fileURLToPath(new URL(`../../${FIXTURE}`, import.meta.url))));
  if (!read.ok) fail(`${FIXTURE}: ${read.error}`, 2);
  return read.table;
}

/** The dataset a setting sweeps: a built-in one, or the CSV imported with the setting's features. */
function datasetOf(c: SplitCase, table: CsvTable): Dataset {
  if (c.dataset !== 'csv') return loadDataset(c.dataset);
  const made = datasetFromTable(table, { name: c.name, target: c.target!, features: c.features, leaveOutBadRows: false });
  if (!made.ok) fail(`${c.name}: ${made.error}`, 2);
  return made.dataset;
}

function runReference(python: string, cases: SplitCase[]): SklearnSplitResult[] {
  const run = spawnSync(python, [REFERENCE, 'cases', '--jobs', String(JOBS)], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (run.error) fail(`could not run ${python} ${REFERENCE}: ${run.error.message}`, 2);
  if (run.status !== 0) fail(`${REFERENCE} exited with code ${run.status}`, 2);
  return JSON.parse(run.stdout) as SklearnSplitResult[];
}

function describeSetting(c: SplitCase): string {
  const features = c.features.length === FEATURE_CODES.length ? 'all 13' : c.features.length <= 3 ? c.features.join(',') : `${c.features.length}: ${c.features.slice(0, 2).join(',')},…`;
  const dataset = c.dataset === 'csv' ? 'csv' : c.dataset === 'boston' ? 'boston' : 'corrected';
  return `${dataset} seed ${c.seed} test ${c.testSize.toFixed(3)} ${c.weights.slice(0, 4)}/${c.scale === 'standard' ? 'std' : 'none'}/${c.metric.slice(0, 3)} [${features}]`;
}

/** First index at which two row lists differ, or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine();
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, 2);
    throw error;
  }
  const python = findPython();
  if (!python) {
    fail(
      'no Python with scikit-learn found (tried $PYTHON, python3, /usr/bin/python3).\n' +
        '  On Debian or Ubuntu: apt-get install -y python3-sklearn   (installs it for /usr/bin/python3)\n' +
        '  Or name an interpreter that has it: PYTHON=/path/to/python npm run parity',
      2,
    );
  }

  const fixture = await fixtureTable();
  const cases = drawSettings(args.count, args.drawSeed, defaultFeatures(fixture, FIXTURE_TARGET));
  console.log(`parity: ${cases.length} random settings (${cases.length - args.count} on ${FIXTURE}), draw seed ${args.drawSeed}${args.drawSeedGiven ? '' : ' (random)'}; repeat with npm run parity -- --count ${args.count} --seed ${args.drawSeed}`);
  console.log(`scikit-learn via ${python}, ${JOBS} processes…`);
  const started = performance.now();
  const reference = runReference(python, cases);
  const referenceSeconds = (performance.now() - started) / 1000;

  const oursStarted = performance.now();
  const outcomes = cases.map((c, i) => {
    const sklearn = reference[i];
    const dataset = datasetOf(c, fixture);
    const ours = sweep(dataset, sweepSettingsOf(sklearn));
    const testRows = trainTestSplit(dataset.nRows, c.testSize, c.seed).test;
    const splitDiff = firstDifference(testRows, sklearn.testRows);
    const splitProblem = splitDiff < 0 ? null : `${c.name}: test row ${splitDiff} is ${testRows[splitDiff]} here, ${sklearn.testRows[splitDiff]} in scikit-learn (${testRows.length} vs ${sklearn.testRows.length} test rows)`;
    return { c, comparison: compareSweep(c.name, ours, sklearn), splitProblem };
  });
  const oursSeconds = (performance.now() - oursStarted) / 1000;

  const header = ['#', 'setting', 'k compared', 'exact', 'tie-affected', 'brute-affected', 'mismatched-and-untied', 'split'];
  const total = { compared: 0, exact: 0, tied: 0, brute: 0, untied: 0, splits: 0 };
  const rows = outcomes.map(({ c, comparison: r, splitProblem }, i) => {
    total.compared += r.compared;
    total.exact += r.exact;
    total.tied += r.tieAffected.length;
    total.brute += r.bruteAffected.length;
    total.untied += r.untied.length;
    if (splitProblem) total.splits++;
    return [String(i + 1), describeSetting(c), String(r.compared), String(r.exact), String(r.tieAffected.length), String(r.bruteAffected.length), String(r.untied.length), splitProblem ? 'DIFFERS' : 'same'];
  });
  const totals = ['', 'total', String(total.compared), String(total.exact), String(total.tied), String(total.brute), String(total.untied), total.splits ? `${total.splits} differ` : 'all same'];
  console.log();
  console.log(table([header, ...rows, totals]));
  console.log();
  console.log('exact: MSE, MAE and R² within 1e-9 of scikit-learn (R² of max(|R²|, 1)). tie-affected: differs where equidistant');
  console.log('neighbours were flagged (tiedRows > 0), so either tie choice is legitimate. brute-affected: differs where a test row has');
  console.log('an identical training row and scikit-learn, searching by brute force (k ≥ n_train // 2), measured that distance as');
  console.log('slightly above 0 (bruteRows > 0). mismatched-and-untied: differs with neither flag (a bug).');

  const failures = outcomes.filter((o) => o.splitProblem || o.comparison.untied.length > 0);
  for (const { c, comparison, splitProblem } of failures) {
    console.log(`\n${c.name} (${describeSetting(c)}):`);
    if (splitProblem) console.log(splitProblem);
    if (comparison.untied.length) console.log(listMismatches(comparison.untied, 5));
  }
  console.log(`\nscikit-learn ${referenceSeconds.toFixed(1)} s (${JOBS} processes), ours ${oursSeconds.toFixed(2)} s.`);
  if (failures.length) {
    console.log(`FAIL: ${total.untied} k mismatched with no tie, ${total.splits} split(s) differ.`);
    process.exit(1);
  }
  console.log('OK: every k that differs from scikit-learn is flagged (tie- or brute-affected); every split is scikit-learn\'s.');
}

void main();
