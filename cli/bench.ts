// `npm run bench`: engine speed in Node, every figure measured in this run, ratios against baselines
// measured in the same run. Not part of `npm test`: shared machines are too noisy for timed assertions.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import KNN from 'ml-knn';
import { crossValidate } from '../src/ml/cross-validation';
import { FEATURE_CODES } from '../src/ml/dataset-meta';
import { loadDataset } from '../src/ml/datasets';
import { DEFAULT_PARAMS } from '../src/ml/params';
import { seedStability } from '../src/ml/seed-stability';
import { median } from '../src/ml/stats';
import { trainTestSplit } from '../src/ml/split';
import { predictionsForEveryK } from '../src/ml/estimate';
import { baselineScores, rSquared, totalSumOfSquares } from '../src/ml/metrics';
import { buildNeighbourIndex, sortedTrainingNeighbours } from '../src/ml/neighbour-index';
import { sweep, sweepFromNeighbours, Sweeper, type SortedNeighbourSource } from '../src/ml/sweep';

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
  const source: SortedNeighbourSource = (t, d, y) => sortedTrainingNeighbours(index, split42.test[t], isTest, dataset.y, d, y);
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
  const sortedDist = new Float64Array(nTrain);
  const sortedY = new Float64Array(nTrain);
  const pred = new Float64Array(kMax);
  for (let t = 0; t < nTest; t++) {
    source(t, sortedDist, sortedY);
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
