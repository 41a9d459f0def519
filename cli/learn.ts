// `npm run learn`: the headless twin of the old learn.py, a thin shell over src/ml.
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate } from '../src/ml/cross-validation';
import { loadDataset } from '../src/ml/datasets';
import { fitForSettings, type FitResult } from '../src/ml/fit-settings';
import { createModelFile, serialiseModelFile } from '../src/ml/model-file';
import { testRowPredictions } from '../src/ml/row-predictions';
import { radiusSweep } from '../src/ml/radius';
import { seedStability } from '../src/ml/seed-stability';
import { maxKForFolds } from '../src/ml/settings-schema';
import { splitProblem, testCount } from '../src/ml/split';
import { Sweeper } from '../src/ml/sweep';
import { parseLearnArgs, USAGE, type LearnOptions } from './learn-args';
import { cvJson, cvText, radiusJson, radiusText, seedsText, sweepJson, sweepText } from './learn-report';

class UsageError extends Error {}

function run(argv: string[]): void {
  const parsed = parseLearnArgs(argv);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataset = loadDataset(options.dataset);
  const problem = splitProblem(dataset.nRows, options.testFraction);
  if (problem) throw new UsageError(`--${problem.replace(/^test size/, 'test-size')}`);
  const nTrain = dataset.nRows - testCount(dataset.nRows, options.testFraction);
  const kTop = options.cv === null ? nTrain - 1 : maxKForFolds(options.dataset, options.cv);
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
  const kMax = options.kMax ?? undefined;

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
    const report = { dataset: { name: dataset.name, sha256: dataset.sha256 }, testSize: options.testFraction, params, runs, summary };
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${seedsText(dataset, options, runs, summary)}\n`);
    return;
  }

  const seedWasDrawn = options.seed === null;
  const seed = options.seed ?? randomInt(0, 2 ** 32);
  const fitSettings = { ...params, seed, testFraction: options.testFraction, cv: options.cv, neighbours: options.radii ? ('radius' as const) : ('k' as const) };
  if (options.out) {
    if (options.radii && options.radii.length !== 1) throw new UsageError('--out saves one model: give --radius a single radius');
    writeModel(options, dataset, fitForSettings(dataset, fitSettings, options.k ?? undefined, options.radii?.[0]));
  }
  if (options.radii) {
    const points = radiusSweep(dataset, { ...params, seed, testFraction: options.testFraction }, options.radii);
    process.stdout.write(options.json ? `${JSON.stringify(radiusJson(dataset, options, seed, points))}\n` : `${radiusText(dataset, options, seed, seedWasDrawn, points)}\n`);
    return;
  }
  if (options.cv !== null) {
    const cv = crossValidate(dataset, params, options.cv, seed, kMax);
    process.stdout.write(options.json ? `${JSON.stringify(cvJson(dataset, options, seed, cv))}\n` : `${cvText(dataset, options, seed, seedWasDrawn, cv)}\n`);
    return;
  }
  const result = new Sweeper(dataset).sweep({ ...params, seed, testFraction: options.testFraction, kMax });
  const rows = options.rows ? testRowPredictions(dataset, { ...params, seed, testFraction: options.testFraction }, result.best.k) : undefined;
  process.stdout.write(options.json ? `${JSON.stringify(sweepJson(dataset, options, seed, result, rows))}\n` : `${sweepText(dataset, options, seed, seedWasDrawn, result, rows)}\n`);
}

/** Writes the model the app would save for these settings (fitForSettings), with its info file. */
function writeModel(options: LearnOptions, dataset: ReturnType<typeof loadDataset>, fit: FitResult): void {
  const { model, k, metrics: scores, chosenBy } = fit;
  const { seed } = chosenBy;
  const params = { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features };
  const metrics = { k, ...scores };
  const nTest = chosenBy.method === 'kfold' ? 0 : dataset.nRows - model.nTrain;
  const file = createModelFile(
    model,
    {
      dataset: { name: dataset.name, rows: dataset.nRows, target: dataset.target, sha256: dataset.sha256 },
      split: { seed, testFraction: options.testFraction, nTrain: model.nTrain, nTest },
      params,
      chosenBy,
    },
    metrics,
  );
  const info = {
    k,
    ...(model.radius === undefined ? {} : { radius: model.radius }),
    seed,
    testSize: options.testFraction,
    chosenBy,
    dataset: { name: dataset.name, sha256: dataset.sha256 },
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
    throw new UsageError(`cannot write to --out "${options.out}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`learn: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`learn: internal error: ${(error as Error).message}\n`);
  process.exit(1);
}
