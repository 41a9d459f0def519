// `npm run learn`: the headless twin of the old learn.py, a thin shell over src/ml; `--predict` lives in predict.ts.
import { randomInt } from 'node:crypto';
import { mkdirSync, openAsBlob, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { largestCrossValidationK, crossValidate } from '../src/ml/cross-validation';
import { badRowsFor, choiceProblem, datasetFromTable, defaultFeatures, describeBadRow } from '../src/ml/csv-dataset';
import { readCsv } from '../src/ml/csv-read';
import { csvSizeProblem } from '../src/ml/csv-table';
import { resolveKMax, type DatasetInfo, type DatasetName } from '../src/ml/dataset-meta';
import { loadDataset, type Dataset } from '../src/ml/datasets';
import { fitForSettings, type FitResult } from '../src/ml/fit-settings';
import { modelIntervals } from '../src/ml/intervals';
import { modelFileFrom, serialiseModelFile } from '../src/ml/model-file';
import { testRowPredictions } from '../src/ml/row-predictions';
import { radiusSweep } from '../src/ml/radius';
import { seedStability } from '../src/ml/seed-stability';
import { splitProblem, testCount } from '../src/ml/split';
import { Sweeper } from '../src/ml/sweep';
import { fileProblem } from './file-problems';
import { csvSourceOf, parseLearnArgs, parsePredictArgs, USAGE, UsageError, type CsvSource, type LearnOptions } from './learn-args';
import { cvJson, cvText, radiusJson, radiusText, seedsJson, seedsText, sweepJson, sweepText, type CsvReport } from './learn-report';
import { runPredict } from './predict';

/**
 * Reads --dataset FILE.csv as the app imports a file (the same reader, rules and dataset builder, so the same
 * numbers and the same dataset id). A file the rules refuse is a UsageError naming the line or column.
 */
async function readCsvDataset(source: CsvSource): Promise<{ dataset: Dataset; csv: CsvReport }> {
  const where = `--dataset ${source.path}`;
  let size: number;
  try {
    const stat = statSync(source.path);
    if (!stat.isFile()) throw new UsageError(`${where}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const problem = fileProblem(error, source.path, false);
    throw new UsageError(`${where}: ${problem === 'no such file' ? problem : `cannot read it (${problem})`}`);
  }
  const tooBig = csvSizeProblem(size);
  if (tooBig) throw new UsageError(`${where}: ${tooBig}`);
  const read = await readCsv(await openAsBlob(source.path));
  if (!read.ok) throw new UsageError(`${where}: ${read.error}`);
  const { table } = read;
  const choice = {
    name: basename(source.path),
    target: source.target,
    features: source.features ?? defaultFeatures(table, source.target),
    leaveOutBadRows: source.dropBadRows,
  };
  const problem = choiceProblem(table, choice);
  if (problem) throw new UsageError(`${where}: ${problem}`);
  if (!source.dropBadRows) {
    const bad = badRowsFor(table, choice);
    if (bad.length > 0) {
      const many = bad.length === 1 ? '1 row has' : `${bad.length} rows have`;
      throw new UsageError(`${where}: ${describeBadRow(bad[0])} (${many} a blank or unreadable value in the chosen columns; add --drop-bad-rows to leave them out)`);
    }
  }
  const made = datasetFromTable(table, choice);
  if (!made.ok) throw new UsageError(`${where}: ${made.error}`);
  const { delimiter, decimalMark, nRecords } = table;
  return { dataset: made.dataset, csv: { file: source.path, delimiter, decimalMark, rowsRead: nRecords, leftOutLines: made.leftOut, rowLines: made.rowLines } };
}

/** What the settings table needs to know of a dataset read from a CSV file. */
function infoOf(dataset: Dataset): DatasetInfo {
  const { name: id, title, nRows, features, target, targetDescription } = dataset;
  return { id, title, nRows, features, target, targetDescription, dollarThousands: false, builtIn: false };
}

async function run(argv: string[]): Promise<void> {
  // --predict first: it uses a saved model, so none of the training below applies.
  const predict = parsePredictArgs(argv);
  if (!predict.ok) throw new UsageError(predict.error);
  if (predict.options) {
    // exitCode rather than exit(): a large CSV on a pipe must be written out before the process ends.
    process.exitCode = runPredict(predict.options);
    return;
  }
  const source = csvSourceOf(argv);
  if (!source.ok) throw new UsageError(source.error);
  if (source.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const imported = source.csv && (await readCsvDataset(source.csv));
  const parsed = parseLearnArgs(argv, imported && { path: source.csv!.path, info: infoOf(imported.dataset) });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const options = parsed.options;
  const dataset = imported?.dataset ?? loadDataset(options.dataset as DatasetName);
  const csv = imported?.csv;
  const problem = splitProblem(dataset.nRows, options.testFraction);
  if (problem) throw new UsageError(`--${problem.replace(/^test size/, 'test-size')}`);
  const nTrain = dataset.nRows - testCount(dataset.nRows, options.testFraction);
  const kTop = options.cv === null ? nTrain - 1 : largestCrossValidationK(dataset.nRows, options.cv);
  if (options.kMax !== null && options.kMax > kTop) {
    const what = options.cv === null ? 'n_train - 1' : 'the smallest training fold - 1';
    throw new UsageError(`--k-max must be at most ${what} = ${kTop} for this ${options.cv === null ? 'split' : 'cross-validation'}, got ${options.kMax}`);
  }
  if (options.cv !== null) {
    for (const [given, option] of [[options.seeds, '--seeds'], [options.rows || null, '--rows']] as const) {
      if (given) throw new UsageError(`--cv cannot be combined with ${option}; run them separately`);
    }
  }
  const params = { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features };
  // The lab's k range: every k, or 1..1000 above 5,000 rows, unless --k-max says otherwise.
  const kMax = resolveKMax(options.kMax, dataset.nRows, kTop);

  if (options.seeds) {
    const seeds = Array.from({ length: options.seeds.to - options.seeds.from + 1 }, (_, i) => options.seeds!.from + i);
    // Progress only for a person watching a terminal: stdout stays the report, and logs and pipes stay clean.
    let shownAt = 0;
    const onProgress = process.stderr.isTTY
      ? (done: number, total: number) => {
          if (done < total && Date.now() - shownAt < 100) return;
          shownAt = Date.now();
          process.stderr.write(done < total ? `\rlearn: seed ${done} of ${total}` : '\r\x1b[2K');
        }
      : undefined;
    const { runs, summary } = seedStability(dataset, params, options.testFraction, seeds, kMax, { onProgress });
    const report = seedsJson(dataset, options, params, runs, summary, csv);
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${seedsText(dataset, options, runs, summary, csv)}\n`);
    return;
  }

  const seedWasDrawn = options.seed === null;
  const seed = options.seed ?? randomInt(0, 2 ** 32);
  const fitSettings = { ...params, seed, testFraction: options.testFraction, cv: options.cv, kMax, neighbours: options.radii ? ('radius' as const) : ('k' as const) };
  if (options.out) {
    if (options.radii && options.radii.length !== 1) throw new UsageError('--out saves one model: give --radius a single radius');
    writeModel(options, dataset, fitForSettings(dataset, fitSettings, options.k ?? undefined, options.radii?.[0]), csv);
  }
  if (options.radii) {
    const points = radiusSweep(dataset, { ...params, seed, testFraction: options.testFraction }, options.radii);
    process.stdout.write(options.json ? `${JSON.stringify(radiusJson(dataset, options, seed, points, csv))}\n` : `${radiusText(dataset, options, seed, seedWasDrawn, points, csv)}\n`);
    return;
  }
  if (options.cv !== null) {
    const cv = crossValidate(dataset, params, options.cv, seed, kMax);
    process.stdout.write(options.json ? `${JSON.stringify(cvJson(dataset, options, seed, cv, csv))}\n` : `${cvText(dataset, options, seed, seedWasDrawn, cv, csv)}\n`);
    return;
  }
  const result = new Sweeper(dataset).sweep({ ...params, seed, testFraction: options.testFraction, kMax });
  const rows = options.rows ? testRowPredictions(dataset, { ...params, seed, testFraction: options.testFraction }, result.best.k) : undefined;
  process.stdout.write(options.json ? `${JSON.stringify(sweepJson(dataset, options, seed, result, rows, csv))}\n` : `${sweepText(dataset, options, seed, seedWasDrawn, result, rows, csv)}\n`);
}

/** Writes the model the app would save for these settings (fitForSettings), with its info file. */
function writeModel(options: LearnOptions, dataset: Dataset, fit: FitResult, csv?: CsvReport): void {
  const { model, k, metrics: scores, chosenBy } = fit;
  const { seed } = chosenBy;
  const params = { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features };
  const metrics = { k, ...scores };
  const chosen = model.radius === undefined ? `k = ${k}` : `radius ${model.radius}`;
  const file = modelFileFrom(
    { name: `learn: ${dataset.name}, ${chosen}`, note: '', createdAt: Date.now(), seed, testFraction: options.testFraction, metrics, chosenBy, model },
    modelIntervals(model),
  );
  const info = {
    k,
    ...(model.radius === undefined ? {} : { radius: model.radius }),
    seed,
    testSize: options.testFraction,
    chosenBy,
    dataset: { name: dataset.name, sha256: dataset.sha256, ...(csv && { file: csv.file, target: dataset.target, leftOutLines: csv.leftOutLines }) },
    params,
    metrics: { mse: metrics.mse, rmse: metrics.rmse, mae: metrics.mae, r2: metrics.r2 },
    createdAt: file.createdAt,
    modelFile: 'model.json',
    sha256: file.sha256,
  };
  try {
    mkdirSync(options.out!, { recursive: true });
    writeFileSync(join(options.out!, 'model.json'), `${serialiseModelFile(file)}\n`);
    writeFileSync(join(options.out!, 'model-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write to --out "${options.out}": ${fileProblem(error, options.out!, true)}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    // One line, whatever a quoted cell held.
    process.stderr.write(`learn: ${error.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
    process.exit(2);
  }
  process.stderr.write(`learn: internal error: ${(error as Error).message}\n`);
  process.exit(1);
});
