// `npm run bench`: engine speed in Node, every figure measured in this run, ratios against baselines
// measured in the same run. Not part of `npm test`: shared machines are too noisy for timed assertions.
import KNN from 'ml-knn';
import { FEATURE_CODES } from '../src/ml/dataset-meta';
import { loadDataset } from '../src/ml/datasets';
import { DEFAULT_PARAMS } from '../src/ml/params';
import { seedStability } from '../src/ml/seed-stability';
import { median } from '../src/ml/stats';
import { trainTestSplit } from '../src/ml/split';
import { sweep, Sweeper } from '../src/ml/sweep';

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

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(3)} ms` : `${ms.toFixed(1)} ms`);
const row = (label: string, value: string, note = '') => console.log(`${label.padEnd(52)} ${value.padStart(12)}  ${note}`);

console.log(`KNN Lab engine benchmark — Node ${process.version}, Boston (${dataset.nRows} rows), test size 0.1, k = 1..454\n`);

const cold = time(() => sweep(dataset, settings), 400);
row('one full sweep from scratch (median of 400)', fmt(cold), cold <= 2 ? '(target ≤ 2 ms: met)' : '(target ≤ 2 ms: MISSED)');

const sweeper = new Sweeper(dataset);
let seed = 0;
const warm = time(() => sweeper.sweep({ ...settings, seed: seed++ }), 1000);
row('one full sweep, neighbour index cached (median of 1000)', fmt(warm), '(what a seed or test-size change costs)');

const scaled = time(() => sweep(dataset, { ...settings, scale: 'standard' }), 300);
row('one full sweep with standard scaling (median of 300)', fmt(scaled));

const seeds = Array.from({ length: 1000 }, (_, i) => i);
const thousand = time(() => seedStability(dataset, params, 0.1, seeds), 5, 1);
row('seeds 0–999, full sweep each (median of 5)', fmt(thousand), thousand <= 1000 ? '(target ≤ 1 s: met)' : '(target ≤ 1 s: MISSED)');

// The naive baseline: what learn.py did, with ml-knn — a new model per k, predicting every test row.
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
row(`naive: new ml-knn model per k (k = 1..${perK.length} measured)`, fmt(naiveFull), `extrapolated to 454 k (${perK.length} k in ${fmt(performance.now() - started)})`);

console.log('');
row('speed-up, one-pass sweep vs naive refit per k', `${(naiveFull / cold).toFixed(0)}×`);
row('speed-up, cached-index sweep vs naive refit per k', `${(naiveFull / warm).toFixed(0)}×`);
row('speed-up, cached-index vs from-scratch sweep', `${(cold / warm).toFixed(1)}×`);
