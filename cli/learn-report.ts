import type { CrossValidationResult } from '../src/ml/cross-validation';
import type { DecimalMark, Delimiter } from '../src/ml/csv-table';
import { isDatasetName } from '../src/ml/dataset-meta';
import type { Dataset } from '../src/ml/datasets';
import type { RadiusPoint } from '../src/ml/radius';
import { testCount } from '../src/ml/split';
import type { RowPredictions } from '../src/ml/row-predictions';
import type { SeedRun, SeedSummary } from '../src/ml/seed-stability';
import type { SweepResult } from '../src/ml/sweep';
import { bruteForceNote, flaggedKs, tieNote } from '../src/ml/tie-note';
import type { LearnOptions } from './learn-args';

const num = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** How a dataset was read from a CSV file (--dataset FILE.csv). */
export interface CsvReport {
  file: string;
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  /** Data rows in the file. */
  rowsRead: number;
  /** File lines of the rows left out (--drop-bad-rows). */
  leftOutLines: number[];
  /** File line of each dataset row. */
  rowLines: Uint32Array;
}

/** The report's `dataset`: name (a CSV's content id), rows used, features, target, fingerprint; for a CSV, how it was read. */
function datasetJson(dataset: Dataset, csv?: CsvReport) {
  const base = { name: dataset.name, rows: dataset.nRows, features: dataset.features.map((f) => f.code), target: dataset.target, sha256: dataset.sha256 };
  if (!csv) return base;
  const { file, delimiter, decimalMark, rowsRead, leftOutLines } = csv;
  return { ...base, title: dataset.title, file, delimiter, decimalMark, rowsRead, leftOut: leftOutLines.length, leftOutLines };
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };
const SHOWN_LINES = 10;

/** The summary's first lines: the dataset (prices in $1000s for the built-in ones) and, for a CSV, how it was read. */
function datasetLines(dataset: Dataset, csv?: CsvReport): string[] {
  if (!csv || isDatasetName(dataset.name)) return [`dataset   ${dataset.name}: ${dataset.nRows} rows, target ${dataset.target} ($1000s)`];
  const left = csv.leftOutLines;
  const lines = left.slice(0, SHOWN_LINES).join(', ') + (left.length > SHOWN_LINES ? ', …' : '');
  return [
    `dataset   ${dataset.title} (${dataset.name}): ${dataset.nRows} rows, target ${dataset.target}`,
    `source    ${csv.file}: ${DELIMITER_NAMES[csv.delimiter]} between cells, decimal ${csv.decimalMark === ',' ? 'commas' : 'points'}; ` +
      `${csv.rowsRead} rows read${left.length ? `, ${left.length} left out (line${left.length === 1 ? '' : 's'} ${lines})` : ''}`,
  ];
}

/** The JSON report of one sweep, in the documented shape; with `rows`, each test row at the best k too (and its file line, for a CSV). */
export function sweepJson(dataset: Dataset, options: LearnOptions, seed: number, result: SweepResult, rows?: RowPredictions, csv?: CsvReport) {
  return {
    dataset: datasetJson(dataset, csv),
    split: { seed, testSize: options.testFraction, nTrain: result.nTrain, nTest: result.nTest },
    params: { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features },
    best: { k: result.best.k, mse: result.best.mse, mae: result.best.mae, r2: result.best.r2, tiedRows: result.best.tiedRows, bruteRows: result.best.bruteRows },
    curve: Array.from(result.mse, (mse, i) => ({ k: i + 1, mse, mae: result.mae[i], r2: result.r2[i], tiedRows: result.tiedRows[i], bruteRows: result.bruteRows[i] })),
    ...(rows && { rows: Array.from(rows.rows, (row, i) => ({ row, ...(csv && { line: csv.rowLines[row] }), actual: rows.actual[i], predicted: rows.predicted[i] })) }),
  };
}

/** A short human summary of one sweep; with `rows`, the test rows it gets most wrong. */
export function sweepText(dataset: Dataset, options: LearnOptions, seed: number, seedWasDrawn: boolean, result: SweepResult, rows?: RowPredictions, csv?: CsvReport): string {
  const scaling = options.scale === 'none' ? 'no scaling' : 'standard scaling';
  const features = options.features.length === dataset.nFeatures ? `all ${dataset.nFeatures} features` : options.features.join(',');
  return [
    ...datasetLines(dataset, csv),
    `split     seed ${seed}${seedWasDrawn ? ' (drawn at random)' : ''}, test size ${options.testFraction}: ${result.nTrain} train, ${result.nTest} test`,
    `model     ${options.weights} weights, ${scaling}, ${options.metric} distance, ${features}, k = 1..${result.kMax}`,
    `best k    ${result.best.k}`,
    `test MSE  ${num(result.best.mse)}   MAE ${num(result.best.mae)}   R² ${num(result.best.r2)}`,
    `baseline  MSE ${num(result.baseline.mse)} (always predicting the training mean)`,
    ...tieLines(result),
    ...(rows ? largestErrorLines(rows, csv) : []),
  ].join('\n');
}

const LARGEST_ERRORS = 5;

/** The rows with the largest errors at the best k, largest first; error = actual − predicted ($1000s for the built-in data). */
function largestErrorLines(p: RowPredictions, csv?: CsvReport): string[] {
  const error = (i: number) => p.actual[i] - p.predicted[i];
  const worst = Array.from(p.rows.keys()).sort((a, b) => Math.abs(error(b)) - Math.abs(error(a)) || p.rows[a] - p.rows[b]).slice(0, LARGEST_ERRORS);
  const signed = (v: number) => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(1)}`;
  return [
    `rows      largest errors at k = ${p.k}, ${worst.length} of ${p.rows.length} test rows (${csv ? '' : '$1000s; '}error = actual − predicted):`,
    ...worst.map((i) => {
      // Boston's prices stop at a cap; a CSV's largest price is just its largest.
      const censored = !csv && p.actual[i] === p.censoredAt ? ` (censored at ${p.censoredAt.toFixed(1)})` : '';
      const line = csv ? ` (line ${csv.rowLines[p.rows[i]]})` : '';
      return `          row ${String(p.rows[i]).padStart(3)}${line}: actual ${p.actual[i].toFixed(1)}${censored}, predicted ${p.predicted[i].toFixed(1)}, error ${signed(error(i))}`;
    }),
  ];
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

/** The JSON report of a seed range: `{dataset, testSize, params, runs, summary}`. */
export function seedsJson(dataset: Dataset, options: LearnOptions, params: object, runs: SeedRun[], summary: SeedSummary, csv?: CsvReport) {
  const { name, sha256 } = dataset;
  return { dataset: csv ? datasetJson(dataset, csv) : { name, sha256 }, testSize: options.testFraction, params, runs, summary };
}

/** A readable best-k histogram for a range of seeds. */
export function seedsText(dataset: Dataset, options: LearnOptions, runs: SeedRun[], summary: SeedSummary, csv?: CsvReport): string {
  const { from, to } = options.seeds!;
  const entries = Object.entries(summary.bestK.histogram);
  const most = Math.max(...entries.map(([, count]) => count));
  const width = 40;
  const lines = entries.map(([k, count]) => `  k ${k.padStart(3)} │${'█'.repeat(Math.max(1, Math.round((count / most) * width)))} ${count}`);
  return [
    ...(csv ? datasetLines(dataset, csv) : []),
    `${dataset.name}: ${runs.length} seeds (${from}–${to}), test size ${options.testFraction}, ${options.weights} weights, ${options.scale === 'none' ? 'no' : 'standard'} scaling, ${options.metric}`,
    `best k    min ${summary.bestK.min}, median ${summary.bestK.median}, max ${summary.bestK.max}`,
    `test MSE  min ${num(summary.mse.min)}, median ${num(summary.mse.median)}, max ${num(summary.mse.max)}`,
    'best k per seed:',
    ...lines,
  ].join('\n');
}

/** The JSON report of a K-fold cross-validation: `cv: {folds, curve, best, oneSe}` beside the run's settings. */
export function cvJson(dataset: Dataset, options: LearnOptions, seed: number, cv: CrossValidationResult, csv?: CsvReport) {
  return {
    dataset: datasetJson(dataset, csv),
    params: { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features },
    cv: {
      folds: cv.folds,
      seed,
      curve: Array.from(cv.meanMse, (mse, i) => ({ k: i + 1, mse, mseStd: cv.stdMse[i], mae: cv.meanMae[i], r2: cv.meanR2[i], tiedRows: cv.tiedRows[i] })),
      best: { k: cv.best.k, mse: cv.best.meanMse, mseStd: cv.best.stdMse },
      oneSe: { k: cv.oneSeK },
    },
  };
}

/** A short human summary of a K-fold cross-validation. */
export function cvText(dataset: Dataset, options: LearnOptions, seed: number, seedWasDrawn: boolean, cv: CrossValidationResult, csv?: CsvReport): string {
  const scaling = options.scale === 'none' ? 'no scaling' : 'standard scaling';
  const features = options.features.length === dataset.nFeatures ? `all ${dataset.nFeatures} features` : options.features.join(',');
  const { k, meanMse, stdMse, tiedRows } = cv.best;
  const tie = tieNote(k, tiedRows, cv.nRows);
  return [
    ...datasetLines(dataset, csv),
    `cv        ${cv.folds}-fold, KFold(shuffle=True, random_state=${seed})${seedWasDrawn ? ' (seed drawn at random)' : ''}, k = 1..${cv.kMax}`,
    `model     ${options.weights} weights, ${scaling}, ${options.metric} distance, ${features}`,
    `best k    ${k}   CV MSE ${num(meanMse)} ± ${num(stdMse)} (std across folds)`,
    `one-SE k  ${cv.oneSeK}   (the largest k within one standard error, std / √${cv.folds}, of the best)`,
    `baseline  CV MSE ${num(cv.baseline.mse)} (always predicting the training fold's mean)`,
    ...(tie ? [`ties      ${tie}`] : []),
  ].join('\n');
}

/** The JSON report of a radius sweep: `radius: [{radius, coverage, mse, mae, r2}]`, scores null where no row is covered. */
export function radiusJson(dataset: Dataset, options: LearnOptions, seed: number, points: RadiusPoint[], csv?: CsvReport) {
  return {
    dataset: datasetJson(dataset, csv),
    split: { seed, testSize: options.testFraction },
    params: { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features },
    radius: points.map((p) => ({ radius: p.radius, coverage: p.coverage, mse: p.scores?.mse ?? null, mae: p.scores?.mae ?? null, r2: p.scores?.r2 ?? null })),
  };
}

/** A short human summary of a radius sweep, the uncovered rows beside every score. */
export function radiusText(dataset: Dataset, options: LearnOptions, seed: number, seedWasDrawn: boolean, points: RadiusPoint[], csv?: CsvReport): string {
  const nTest = testCount(dataset.nRows, options.testFraction);
  const lines = points.map((p) => {
    const scores = p.scores ? `MSE ${num(p.scores.mse)}   MAE ${num(p.scores.mae)}   R² ${num(p.scores.r2)}` : 'no test row has a training row this close';
    return `  r ${String(p.radius).padEnd(10)} coverage ${(p.coverage * 100).toFixed(1).padStart(5)} %  ${scores}${p.covered < nTest ? `  (${nTest - p.covered} of ${nTest} test rows uncovered)` : ''}`;
  });
  return [
    ...datasetLines(dataset, csv),
    `split     seed ${seed}${seedWasDrawn ? ' (drawn at random)' : ''}, test size ${options.testFraction}`,
    `model     radius neighbours, ${options.weights} weights, ${options.scale === 'none' ? 'no scaling' : 'standard scaling'}, ${options.metric} distance`,
    ...lines,
  ].join('\n');
}
