// `npm run learn`: the headless twin of the old learn.py, a thin shell over src/ml.
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../src/ml/datasets';
import { fitModel } from '../src/ml/model';
import { createModelFile, serialiseModelFile } from '../src/ml/model-file';
import { seedStability } from '../src/ml/seed-stability';
import { splitProblem, testCount } from '../src/ml/split';
import { Sweeper, scoresAt } from '../src/ml/sweep';
import { parseLearnArgs, USAGE, type LearnOptions } from './learn-args';
import { seedsText, sweepJson, sweepText } from './learn-report';

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
  if (options.kMax !== null && options.kMax > nTrain - 1) {
    throw new UsageError(`--k-max must be at most n_train - 1 = ${nTrain - 1} for this split, got ${options.kMax}`);
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
  const result = new Sweeper(dataset).sweep({ ...params, seed, testFraction: options.testFraction, kMax });
  if (options.out) writeModel(options, dataset, seed, result);
  process.stdout.write(options.json ? `${JSON.stringify(sweepJson(dataset, options, seed, result))}\n` : `${sweepText(dataset, options, seed, seedWasDrawn, result)}\n`);
}

function writeModel(options: LearnOptions, dataset: ReturnType<typeof loadDataset>, seed: number, result: ReturnType<Sweeper['sweep']>): void {
  const k = result.best.k;
  const params = { weights: options.weights, scale: options.scale, metric: options.metric, features: options.features };
  const model = fitModel(dataset, { ...params, seed, testFraction: options.testFraction }, k);
  const metrics = { k, ...scoresAt(result, k) };
  const file = createModelFile(
    model,
    {
      dataset: { name: dataset.name, rows: dataset.nRows, target: dataset.target, sha256: dataset.sha256 },
      split: { seed, testFraction: options.testFraction, nTrain: result.nTrain, nTest: result.nTest },
      params,
    },
    metrics,
  );
  const info = {
    k,
    seed,
    testSize: options.testFraction,
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
