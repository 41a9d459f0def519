// `npm run bench`: engine speed in Node, every figure measured in this run, ratios against baselines
// measured in the same run. Not part of `npm test`: shared machines are too noisy for timed assertions.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import KNN from 'ml-knn';
import { crossValidate } from '../src/ml/cross-validation';
import { FEATURE_CODES } from '../src/ml/dataset-meta';
import { datasetFromRows, loadDataset, type Dataset } from '../src/ml/datasets';
import { buildDesign } from '../src/ml/design';
import { DEFAULT_PARAMS, type KnnParams } from '../src/ml/params';
import { radiusCurve } from '../src/ml/radius';
import { Mt19937 } from '../src/ml/rng';
import { testRowPredictions } from '../src/ml/row-predictions';
import { seedStability } from '../src/ml/seed-stability';
import { median } from '../src/ml/stats';
import { trainTestSplit } from '../src/ml/split';
import { predictionsForEveryK } from '../src/ml/estimate';
import { baselineScores, rSquared, totalSumOfSquares } from '../src/ml/metrics';
import { buildNeighbourIndex, sortedTrainingNeighbours } from '../src/ml/neighbour-index';
import { argsortInto, distancesToAll } from '../src/ml/neighbours';
import { sweep, sweepFromNeighbours, Sweeper, tieContinuesPast, type SortedNeighbourSource, type SweepResult, type SweepSettings } from '../src/ml/sweep';
import { benchIntervals } from './bench-intervals';
import { benchPredict } from './bench-predict';
import { HOUSING_FEATURES, housingRows } from './housing-data';
import { timeProcesses, type TimedCommand } from './process-timing';

const dataset = loadDataset('boston');
const params = { ...DEFAULT_PARAMS, features: [...FEATURE_CODES] };
const settings = { ...params, seed: 42, testFraction: 0.1 };

/** Median wall time of fn in ms, after warm-up runs that let the JIT settle. */
function time(fn: (i: number) => void, runs: number, warmup = Math.min(50, runs)): number {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Medians of a and b timed alternately, run after run, after warm-up runs of both. */
function timePair(a: () => void, b: () => void, runs: number, warmup = 300): [number, number] {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < warmup + runs; i++) {
    for (const [j, fn] of [a, b].entries()) {
      const t0 = performance.now();
      fn();
      if (i >= warmup) samples[j].push(performance.now() - t0);
    }
  }
  return [median(samples[0]), median(samples[1])];
}

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(3)} ms` : `${ms.toFixed(1)} ms`);
const row = (label: string, value: string, note = '') => console.log(`${label.padEnd(52)} ${value.padStart(12)}  ${note}`);

console.log(`KNN Lab engine benchmark — Node ${process.version}, Boston (${dataset.nRows} rows), test size 0.1, k = 1..454\n`);

// Tie counting rides in the sweep's one pass; before it, the same pass without that step, on the cached-index sweep
// where the rest of the work is smallest and the added step weighs the most.
{
  const index = buildNeighbourIndex(dataset, params.features, params.metric);
  const split42 = trainTestSplit(dataset.nRows, 0.1, 42);
  const isTest = new Uint8Array(dataset.nRows);
  for (const r of split42.test) isTest[r] = 1;
  const trainY = Float64Array.from(split42.train, (r) => dataset.y[r]);
  const testY = Float64Array.from(split42.test, (r) => dataset.y[r]);
  const source: SortedNeighbourSource = (t, count, d, y) => sortedTrainingNeighbours(index, split42.test[t], isTest, dataset.y, count, d, y);
  const kMax = trainY.length - 1;
  // Interleaved, so both see the same machine state and JIT warmth.
  const [withoutTies, withTies] = timePair(() => scoresWithoutTies(source, trainY, testY, kMax), () => sweepFromNeighbours(source, trainY, testY, params.weights, kMax, params.metric), 3000);
  row('cached-index pass without counting ties (median of 3000)', fmt(withoutTies), '(before tiedRows)');
  row('cached-index pass counting tiedRows (median of 3000)', fmt(withTies), `(after: ${(((withTies - withoutTies) / withoutTies) * 100).toFixed(0)} % more)`);
}


const cold = time(() => sweep(dataset, settings), 400);
row('one full sweep from scratch (median of 400)', fmt(cold), cold <= 2 ? '(target ≤ 2 ms: met)' : '(target ≤ 2 ms: MISSED)');

const sweeper = new Sweeper(dataset);
let seed = 0;
const warm = time(() => sweeper.sweep({ ...settings, seed: seed++ }), 1000);
row('one full sweep, neighbour index cached (median of 1000)', fmt(warm), '(what a seed or test-size change costs)');

const scaled = time(() => sweep(dataset, { ...settings, scale: 'standard' }), 300);
row('one full sweep with standard scaling (median of 300)', fmt(scaled));

const tenFold = time(() => crossValidate(dataset, params, 10, 42), 60, 5);
row('10-fold cross-validation, every k (median of 60)', fmt(tenFold), `${tenFold <= 30 ? '(target ≤ 30 ms: met)' : '(target ≤ 30 ms: MISSED)'}; ${(tenFold / cold).toFixed(1)}× one split's sweep`);

const seeds = Array.from({ length: 1000 }, (_, i) => i);
const thousand = time(() => seedStability(dataset, params, 0.1, seeds), 5, 1);
row('seeds 0–999, best k per seed (median of 5)', fmt(thousand), thousand <= 1000 ? '(target ≤ 1 s: met)' : '(target ≤ 1 s: MISSED)');
const stability = time(() => seedStability(dataset, params, 0.1, Array.from({ length: 10_000 }, (_, i) => i)), 5, 1);
row('seeds 0–9,999, best k per seed (median of 5)', fmt(stability), `${stability <= 1000 ? '(target ≤ 1 s: met)' : '(target ≤ 1 s: MISSED)'}; ${((warm * 10_000) / stability).toFixed(1)}× faster than 10,000 cached-index sweeps`);

// A second baseline in JavaScript: ml-knn is a classifier (its predict is a vote among prices, not a mean) that scans
// every row per query; timed here only as "a new model per k", learn.py's loop, in this language. — a new model per k, predicting every test row.
const split = trainTestSplit(dataset.nRows, 0.1, 42);
const rowsOf = (idx: Uint32Array) => Array.from(idx, (r) => Array.from(dataset.x.subarray(r * 13, r * 13 + 13)));
const trainX = rowsOf(split.train);
const trainY = Array.from(split.train, (r) => dataset.y[r]);
const testX = rowsOf(split.test);
const budgetMs = 4000;
const perK: number[] = [];
const started = performance.now();
for (let k = 1; k <= 454 && performance.now() - started < budgetMs; k++) {
  const t0 = performance.now();
  new KNN(trainX, trainY, { k }).predict(testX);
  perK.push(performance.now() - t0);
}
// Cost grows with k (a larger heap per query), so extrapolate from the mean of the measured k, a lower bound.
const naiveFull = (perK.reduce((a, b) => a + b, 0) / perK.length) * 454;
row(`naive: new ml-knn classifier per k (full scan, not a regressor) (k = 1..${perK.length} measured)`, fmt(naiveFull), `extrapolated to 454 k (${perK.length} k in ${fmt(performance.now() - started)})`);

const original = originalScriptLoop();

console.log('');
if (original) row('speed-up, one-pass sweep vs the original script (scikit-learn)', `${((original * 1000) / cold).toFixed(0)}×`);
row('speed-up, one-pass sweep vs naive refit per k', `${(naiveFull / cold).toFixed(0)}×`);
row('speed-up, cached-index sweep vs naive refit per k', `${(naiveFull / warm).toFixed(0)}×`);
row('speed-up, cached-index vs from-scratch sweep', `${(cold / warm).toFixed(1)}×`);

/** sweepFromNeighbours as it was before tiedRows: the same scores, best k and baseline, without countTieAffected. */
function scoresWithoutTies(source: SortedNeighbourSource, trainY: Float64Array, testY: Float64Array, kMax: number) {
  const nTrain = trainY.length;
  const nTest = testY.length;
  const sse = new Float64Array(kMax);
  const sae = new Float64Array(kMax);
  const count = Math.min(kMax + 1, nTrain);
  const sortedDist = new Float64Array(count);
  const sortedY = new Float64Array(count);
  const pred = new Float64Array(kMax);
  for (let t = 0; t < nTest; t++) {
    source(t, count, sortedDist, sortedY);
    predictionsForEveryK(sortedDist, sortedY, kMax, params.weights, pred);
    const yt = testY[t];
    for (let k = 0; k < kMax; k++) {
      const e = yt - pred[k];
      sse[k] += e * e;
      sae[k] += Math.abs(e);
    }
  }
  const ssTot = totalSumOfSquares(testY);
  const mse = new Float64Array(kMax);
  const mae = new Float64Array(kMax);
  const r2 = new Float64Array(kMax);
  let bestIndex = 0;
  for (let k = 0; k < kMax; k++) {
    mse[k] = sse[k] / nTest;
    mae[k] = sae[k] / nTest;
    r2[k] = rSquared(sse[k], ssTot, nTest);
    if (mse[k] < mse[bestIndex]) bestIndex = k;
  }
  return { mse, mae, r2, bestIndex, baseline: baselineScores(trainY, testY) };
}

/**
 * The original learn.py loop in scikit-learn (a new KNeighborsRegressor per k = 1..454 on seed 42's split), timed
 * by tools/parity/sklearn_reference.py in this same run; seconds, or null when no Python with scikit-learn is here.
 */
function originalScriptLoop(): number | null {
  const script = fileURLToPath(new URL('../tools/parity/sklearn_reference.py', import.meta.url));
  const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find(
    (candidate) => candidate && spawnSync(candidate, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) {
    row('original script: scikit-learn refit per k', 'skipped', 'no Python with scikit-learn (apt-get install -y python3-sklearn, or set PYTHON)');
    return null;
  }
  const run = spawnSync(python, [script, 'original-loop', '--repeats', '3'], { encoding: 'utf8' });
  if (run.status !== 0) {
    row('original script: scikit-learn refit per k', 'skipped', `the reference script failed: ${run.stderr.trim().split('\n').pop()}`);
    return null;
  }
  const report = JSON.parse(run.stdout) as { medianSeconds: number; bestK: number };
  row('original script: scikit-learn refit per k, k = 1..454 (median of 3)', fmt(report.medianSeconds * 1000), `(best k ${report.bestK}, as learn.py found it)`);
  return report.medianSeconds;
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 10's scale: 20,000 rows × 8 features, as an imported California-housing-like file would give.

const LARGE_ROWS = 20_000;
const LARGE_K_MAX = 1000;

/** The rows as CSV text: a header, then numbers in their shortest round-trip form. */
function toCsv(rows: readonly Record<string, number>[], columns: readonly string[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n') + '\n';
}

/** The file's text read by the app's own CSV import, or null (with the reason) when that import cannot be loaded. */
async function datasetFromCsvText(text: string, columns: readonly string[]): Promise<{ dataset: Dataset; parseMs: number } | { error: string }> {
  try {
    const { readCsv } = await import('../src/ml/csv-read');
    const { datasetFromTable } = await import('../src/ml/csv-dataset');
    const choice = { name: 'bench housing', target: 'value', features: columns.filter((c) => c !== 'value'), leaveOutBadRows: false };
    const parse = async () => {
      const read = await readCsv(text);
      if (!read.ok) throw new Error(read.error);
      const built = datasetFromTable(read.table, choice);
      if (!built.ok) throw new Error(built.error);
      return built.dataset;
    };
    const dataset = await parse();
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await parse();
      samples.push(performance.now() - t0);
    }
    return { dataset, parseMs: median(samples) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The sweep before partial ordering: every test row's distances to all training rows, then one full sort. */
function fullSortSweep(data: Dataset, settings: SweepSettings & { kMax: number }): SweepResult {
  const split = trainTestSplit(data.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(data, settings.features, settings.scale, split.train, split.test);
  const nTrain = split.train.length;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const source: SortedNeighbourSource = (t, count, sortedDist, sortedY) => {
    distancesToAll(settings.metric, design.testX, t, design.trainX, nTrain, design.nCols, dist);
    argsortInto(dist, order, nTrain, split.train);
    for (let i = 0; i < count; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = design.trainY[order[i]];
    }
    return tieContinuesPast(dist, design.trainY, order, count, nTrain);
  };
  return sweepFromNeighbours(source, design.trainY, design.testY, settings.weights, settings.kMax, settings.metric);
}

/** Peak of V8's heap plus typed-array buffers while fn runs (sampled through `probe`), above the level before it, MB. */
function peakMemoryMb(fn: (probe: () => void) => void): number {
  collectGarbage();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  let peak = before;
  const probe = () => {
    peak = Math.max(peak, used());
  };
  fn(probe);
  probe();
  return (peak - before) / 2 ** 20;
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function largeDatasetBenchmarks(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const columns = [...HOUSING_FEATURES.map((f) => f.code), 'value'];
  const rows = housingRows(LARGE_ROWS, new Mt19937(2024));
  const text = toCsv(rows, columns);
  const csvPath = join(tmpdir(), `knn-lab-bench-housing-${LARGE_ROWS}.csv`);
  writeFileSync(csvPath, text);
  const built = datasetFromRows('bench-housing', 'Housing-like benchmark data', rows, HOUSING_FEATURES, 'value', 'price, $1000s');
  console.log(`\n${LARGE_ROWS.toLocaleString('en-GB')} rows × ${HOUSING_FEATURES.length} features (housing-like, seeded, 3 % duplicated rows), written to ${csvPath}`);
  console.log(`test size 0.1 (${LARGE_ROWS * 0.9} training rows), k = 1..${LARGE_K_MAX}; every figure a median after a warm-up run\n`);

  // The CSV import (src/ml/csv-read.ts, csv-dataset.ts) when it loads; the rows as built here otherwise.
  let large = built;
  const parsed = await datasetFromCsvText(text, columns);
  if ('error' in parsed) {
    row('CSV text → dataset (csv-read, csv-dataset)', 'skipped', `(${parsed.error}); using datasetFromRows`);
  } else {
    const same = parsed.dataset.sha256 === built.sha256;
    row(`CSV text (${(text.length / 2 ** 20).toFixed(1)} MB) → dataset via readCsv + datasetFromTable (median of 5)`, fmt(parsed.parseMs), same ? '(same rows as generated)' : '(DIFFERS from the generated rows: using those)');
    if (same) large = parsed.dataset;
  }

  const params: KnnParams = { weights: 'uniform', scale: 'standard', metric: 'euclidean', features: HOUSING_FEATURES.map((f) => f.code) };
  const split = { ...params, seed: 42, testFraction: 0.1, kMax: LARGE_K_MAX };
  const runs = 7;
  const partial: Record<string, number> = {};
  for (const weights of ['uniform', 'distance'] as const) {
    partial[weights] = time(() => sweep(large, { ...split, weights }), runs, 1);
    row(`single split, ${weights} weights, standard scaling (median of ${runs})`, fmt(partial[weights]), partial[weights] <= 2000 ? '(target ≤ 2 s: met)' : '(target ≤ 2 s: MISSED)');
  }
  const fullSort = time(() => fullSortSweep(large, split), runs, 1);
  const same = sameCurve(sweep(large, split), fullSortSweep(large, split));
  row(`  the same with a full sort per test row (median of ${runs})`, fmt(fullSort), `(${(fullSort / partial.uniform).toFixed(1)}× the partial ordering; curves ${same ? 'identical' : 'DIFFER'})`);

  const foldRuns = 5;
  const cv = time(() => crossValidate(large, params, 5, 42, LARGE_K_MAX), foldRuns, 1);
  row(`5-fold cross-validation, uniform, standard (median of ${foldRuns})`, fmt(cv), cv <= 5000 ? '(target ≤ 5 s: met)' : '(target ≤ 5 s: MISSED)');

  const rowsAtK = time(() => testRowPredictions(large, { ...split, weights: 'distance' }, 10), runs, 1);
  row(`test-row predictions at k = 10 (median of ${runs})`, fmt(rowsAtK));

  const radiusRuns = 5;
  const radius = time(() => radiusCurve(large, { ...split, weights: 'distance' }), radiusRuns, 1);
  row(`radius sweep over 60 radii, distance weights (median of ${radiusRuns})`, fmt(radius), radius <= 10_000 ? '(hoped ≤ 10 s: met)' : '(hoped ≤ 10 s: MISSED)');

  // Memory: each operation once more, its peak sampled at every progress report (every 32 test rows) and at its end.
  const memory = [
    ['single split', peakMemoryMb((probe) => sweep(large, split, probe))],
    ['5-fold cross-validation', peakMemoryMb((probe) => crossValidate(large, params, 5, 42, LARGE_K_MAX, undefined, probe))],
    ['radius sweep (sampled at its end only)', peakMemoryMb(() => radiusCurve(large, { ...split, weights: 'distance' }))],
  ] as const;
  for (const [label, mb] of memory) row(`peak heap + typed arrays above the start, ${label}`, `${mb.toFixed(1)} MB`, '(process.memoryUsage(): heapUsed + arrayBuffers)');
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  row('peak resident set of this whole run', mb(process.resourceUsage().maxRSS * 1024), `(process.resourceUsage().maxRSS; ${mb(rssBefore)} before this section)`);
}

function sameCurve(a: SweepResult, b: SweepResult): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  return same(a.mse, b.mse) && same(a.mae, b.mae) && same(a.tiedRows, b.tiedRows) && same(a.bruteRows, b.bruteRows);
}

// ---------------------------------------------------------------------------------------------------------------
// Process start: `learn` as a user runs it, a whole process from spawn to exit.

function processStartBenchmarks(): void {
  const runs = 15;
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  console.log(`\nprocess start: learn --help as whole processes (spawnSync), medians of ${runs} runs taking turns, after one warm-up round\n`);
  // The launcher builds dist-cli/learn.mjs when it is missing or stale, so every row below runs today's code.
  const ready = spawnSync(process.execPath, ['tools/learn.mjs', '--help'], { cwd, encoding: 'utf8' });
  if (ready.status !== 0) {
    row('process start', 'skipped', `(tools/learn.mjs failed: ${ready.stderr.trim().split('\n').pop()})`);
    return;
  }
  const node = (...args: string[]): TimedCommand => ({ command: process.execPath, args, cwd });
  const commands: [string, TimedCommand][] = [
    ['node -e 0 (Node alone)', node('-e', '0')],
    ['node dist-cli/learn.mjs --help (the bundle)', node('dist-cli/learn.mjs', '--help')],
    ['node tools/learn.mjs --help (check + bundle)', node('tools/learn.mjs', '--help')],
    ['npm run --silent learn -- --help', { command: 'npm', args: ['run', '--silent', 'learn', '--', '--help'], cwd }],
    ['npx tsx cli/learn.ts --help (before)', { command: 'npx', args: ['tsx', 'cli/learn.ts', '--help'], cwd }],
  ];
  const [floor, bundle, launcher, npmRun, tsx] = timeProcesses(commands.map(([, command]) => command), runs).map((t) => t.medianMs);
  const against = (ms: number) => `(${(ms / tsx).toFixed(2)}× the tsx start, ${(tsx / ms).toFixed(1)}× faster)`;
  // Differences of medians, so a small one can come out below zero on a busy machine.
  const more = (ms: number) => `${ms < 0 ? '−' : '+'}${fmt(Math.abs(ms))}`;
  row(commands[0][0], fmt(floor), '(Node starting and exiting: the floor for any build)');
  row(commands[1][0], fmt(bundle), `${against(bundle)}; ${more(bundle - floor)} over Node alone`);
  row(commands[2][0], fmt(launcher), `${against(launcher)}; ${more(launcher - bundle)} for the launcher and its staleness check`);
  row(commands[3][0], fmt(npmRun), `${against(npmRun)}; ${more(npmRun - launcher)} for npm itself`);
  row(commands[4][0], fmt(tsx), '(baseline: TypeScript compiled at every start, as `npm run learn` did before)');
}

// Last, once the constants above are initialised.
await largeDatasetBenchmarks();
console.log('');
for (const line of await benchIntervals()) console.log(line);
processStartBenchmarks();
console.log('');
for (const line of await benchPredict()) console.log(line);
