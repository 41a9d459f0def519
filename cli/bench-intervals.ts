// The interval summary's speed (src/ml/intervals.ts, modelIntervals: 10-fold out-of-fold residuals and the
// nearest-row distance percentile a saved model carries) on Boston and on housing-like data up to 20,000 rows × 8
// features, against the code it replaced, timed in the same run where that code is affordable. Lines to print;
// cli/bench.ts calls benchIntervals(). Not part of `npm test`: shared machines are too noisy for timed assertions.
import { FEATURE_CODES } from '../src/ml/dataset-meta';
import { datasetFromRows, loadDataset } from '../src/ml/datasets';
import { INTERVAL_LEVELS, modelIntervals, type ModelIntervals } from '../src/ml/intervals';
import { fitModel, fitOnAllRows, type FittedModel } from '../src/ml/model';
import { DEFAULT_PARAMS } from '../src/ml/params';
import { Mt19937 } from '../src/ml/rng';
import { median } from '../src/ml/stats';
import { referenceModelIntervals } from '../src/test-support/reference-intervals';
import { HOUSING_FEATURES, housingRows } from './housing-data';

/** Timing lines: Boston and 2,000 rows before and after (with their ratio), then 20,000 rows after. */
export async function benchIntervals(): Promise<string[]> {
  const rows: [string, string, string][] = [];
  const row: Row = (label, value, note = '') => rows.push([label, value, note]);

  const boston = loadDataset('boston');
  const bostonModel = fitModel(boston, { ...DEFAULT_PARAMS, features: [...FEATURE_CODES], seed: 42, testFraction: 0.1 }, 6);
  compare(row, `Boston (${bostonModel.nTrain} rows × 13, k = 6, distance)`, bostonModel, 30, 200);

  const nSmall = 2_000;
  const replacedSmall = compare(row, `housing-like (2,000 rows × 8, k = 10, uniform)`, housingModel(nSmall, 'uniform', 10), 5, 20);

  const nLarge = 20_000;
  // The replaced code grows at least as n² (its sort per row grows faster), so this under-states it.
  const replacedLarge = replacedSmall.wallMs * (nLarge / nSmall) ** 2;
  for (const [weights, k] of [['uniform', 5], ['distance', 50], ['distance', 100]] as const) {
    const model = housingModel(nLarge, weights, k);
    const after = timeRuns(() => modelIntervals(model), 3, 0);
    const path = k <= 64 ? 'each pair once' : 'fold by fold, k > 64';
    const target = after.wallMs <= 5000 ? 'target ≤ 5 s: met' : 'target ≤ 5 s: MISSED';
    const faster = `~${(replacedLarge / after.wallMs).toFixed(0)}× faster than the replaced code scaled as n² from 2,000 rows, ≥ ${(replacedLarge / 1000).toFixed(0)} s`;
    row(`housing-like (20,000 rows × 8, k = ${k}, ${weights}; ${path}): modelIntervals (median of 3)`, formatTiming(after), `(${target}; ${faster})`);
  }

  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return [
    `interval summary (modelIntervals: 10-fold residuals + nearest-row distance percentile), Node ${process.version}`,
    'medians of wall time / CPU time (this process, all threads); on a shared machine the CPU time is the steadier figure',
    '',
    ...rows.map(([label, value, note]) => `${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${note}`.trimEnd()),
  ];
}

type Row = (label: string, value: string, note?: string) => void;

/** Times the replaced code and modelIntervals on one model and says whether they agree to the last bit; returns the replaced code's time. */
function compare(row: Row, label: string, model: FittedModel, beforeRuns: number, afterRuns: number): Timing {
  const same = sameIntervals(referenceModelIntervals(model), modelIntervals(model));
  const before = timeRuns(() => referenceModelIntervals(model), beforeRuns);
  const after = timeRuns(() => modelIntervals(model), afterRuns);
  row(`${label}: replaced code (median of ${beforeRuns})`, formatTiming(before), '(baseline)');
  row(`${label}: modelIntervals (median of ${afterRuns})`, formatTiming(after), `(${(before.wallMs / after.wallMs).toFixed(1)}× faster, ${(before.cpuMs / after.cpuMs).toFixed(1)}× in CPU time; results ${same ? 'identical' : 'DIFFER'})`);
  return before;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Medians of wall and CPU time over `runs` calls, after `warmup` calls that let the JIT settle. */
function timeRuns(fn: () => void, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const formatMs = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const formatTiming = (t: Timing) => `${formatMs(t.wallMs)} / ${formatMs(t.cpuMs)}`;

function sameIntervals(a: ModelIntervals, b: ModelIntervals): boolean {
  return (
    a.residuals === b.residuals &&
    Object.is(a.nearestDistanceP95, b.nearestDistanceP95) &&
    INTERVAL_LEVELS.every((level) => Object.is(a.halfWidths[`${level}`], b.halfWidths[`${level}`]))
  );
}

// ---------------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------------
// Housing-like data as cli/bench.ts generates it for its 20,000-row figures (the same generator and seed).

/** A model at k fitted on every one of nRows housing-like rows (standard scaling, Euclidean). */
function housingModel(nRows: number, weights: 'uniform' | 'distance', k: number): FittedModel {
  const dataset = datasetFromRows('bench-housing', 'Housing-like benchmark data', housingRows(nRows, new Mt19937(2024)), HOUSING_FEATURES, 'value', 'price, $1000s');
  return fitOnAllRows(dataset, { weights, scale: 'standard', metric: 'euclidean', features: HOUSING_FEATURES.map((f) => f.code) }, k);
}
