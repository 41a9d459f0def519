import type { Dataset } from '../src/ml/datasets';
import type { SeedRun, SeedSummary } from '../src/ml/seed-stability';
import type { SweepResult } from '../src/ml/sweep';
import { bruteForceNote, flaggedKs, tieNote } from '../src/ml/tie-note';
import type { LearnOptions } from './learn-args';

const num = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** The JSON report of one sweep, in the documented shape. */
export function sweepJson(dataset: Dataset, options: LearnOptions, seed: number, result: SweepResult) {
  return {
    dataset: { name: dataset.name, rows: dataset.nRows, features: dataset.features.map((f) => f.code), target: dataset.target, sha256: dataset.sha256 },
    split: { seed, testSize: options.testFraction, nTrain: result.nTrain, nTest: result.nTest },
    params: { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features },
    best: { k: result.best.k, mse: result.best.mse, mae: result.best.mae, r2: result.best.r2, tiedRows: result.best.tiedRows, bruteRows: result.best.bruteRows },
    curve: Array.from(result.mse, (mse, i) => ({ k: i + 1, mse, mae: result.mae[i], r2: result.r2[i], tiedRows: result.tiedRows[i], bruteRows: result.bruteRows[i] })),
  };
}

/** A short human summary of one sweep. */
export function sweepText(dataset: Dataset, options: LearnOptions, seed: number, seedWasDrawn: boolean, result: SweepResult): string {
  const scaling = options.scale === 'none' ? 'no scaling' : 'standard scaling';
  const features = options.features.length === dataset.nFeatures ? `all ${dataset.nFeatures} features` : options.features.join(',');
  return [
    `dataset   ${dataset.name}: ${dataset.nRows} rows, target ${dataset.target} ($1000s)`,
    `split     seed ${seed}${seedWasDrawn ? ' (drawn at random)' : ''}, test size ${options.testFraction}: ${result.nTrain} train, ${result.nTest} test`,
    `model     ${options.weights} weights, ${scaling}, ${options.metric} distance, ${features}, k = 1..${result.kMax}`,
    `best k    ${result.best.k}`,
    `test MSE  ${num(result.best.mse)}   MAE ${num(result.best.mae)}   R² ${num(result.best.r2)}`,
    `baseline  MSE ${num(result.baseline.mse)} (always predicting the training mean)`,
    ...tieLines(result),
  ].join('\n');
}

/** What the ties mean for this run: at the best k, and over the curve. */
function tieLines(result: SweepResult): string[] {
  const flagged = flaggedKs(result);
  if (flagged === 0) return ['ties      none: every k is exact (no test row has tied neighbours at its k-th distance)'];
  const { k, tiedRows, bruteRows } = result.best;
  const notes = [tieNote(k, tiedRows, result.nTest), bruteForceNote(k, bruteRows, result.nTest, result.nTrain)].filter((n) => n !== null);
  return [
    `ties      ${notes.length ? notes.join(' ') : `None at the best k = ${k}.`}`,
    `          ${flagged} of ${result.kMax} k have tie- or brute-force-affected rows (tiedRows, bruteRows in --json); among equal distances the lower dataset row is kept.`,
  ];
}

/** A readable best-k histogram for a range of seeds. */
export function seedsText(dataset: Dataset, options: LearnOptions, runs: SeedRun[], summary: SeedSummary): string {
  const { from, to } = options.seeds!;
  const entries = Object.entries(summary.bestK.histogram);
  const most = Math.max(...entries.map(([, count]) => count));
  const width = 40;
  const lines = entries.map(([k, count]) => `  k ${k.padStart(3)} │${'█'.repeat(Math.max(1, Math.round((count / most) * width)))} ${count}`);
  return [
    `${dataset.name}: ${runs.length} seeds (${from}–${to}), test size ${options.testFraction}, ${options.weights} weights, ${options.scale === 'none' ? 'no' : 'standard'} scaling, ${options.metric}`,
    `best k    min ${summary.bestK.min}, median ${summary.bestK.median}, max ${summary.bestK.max}`,
    `test MSE  min ${num(summary.mse.min)}, median ${num(summary.mse.median)}, max ${num(summary.mse.max)}`,
    'best k per seed:',
    ...lines,
  ].join('\n');
}
