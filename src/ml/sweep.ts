import type { Dataset } from './datasets';
import { buildDesign, type Design } from './design';
import { predictionsForEveryK } from './estimate';
import { baselineScores, rSquared, totalSumOfSquares, type Scores } from './metrics';
import { argsortInto, distancesToAll } from './neighbours';
import type { KnnParams, Metric, Weights } from './params';
import { trainTestSplit } from './split';

/** Everything that fixes one sweep: the split and the fit. */
export interface SweepSettings extends KnnParams {
  seed: number;
  testFraction: number;
  /** Largest k to score; defaults to nTrain − 1. */
  kMax?: number;
}

/** Test scores for every k; arrays are indexed by k − 1. MSE in ($1000s)², MAE in $1000s. */
export interface SweepResult {
  kMax: number;
  nTrain: number;
  nTest: number;
  mse: Float64Array;
  mae: Float64Array;
  r2: Float64Array;
  best: { k: number } & Scores;
  /** Always predicting the training mean. */
  baseline: Scores;
}

/** Fills `out` with the distances from test row t to every training row. */
export type DistanceSource = (t: number, out: Float64Array) => void;

/**
 * The one-pass sweep: for each test row, distances once, one sort, then running sums give every
 * k's prediction. O(nTest · nTrain · (d + log nTrain) + nTest · kMax); no refit per k.
 */
export function sweepFromDistances(
  distances: DistanceSource,
  trainY: Float64Array,
  testY: Float64Array,
  weights: Weights,
  kMax: number,
): SweepResult {
  const nTrain = trainY.length;
  const nTest = testY.length;
  if (!Number.isInteger(kMax) || kMax < 1 || kMax > nTrain) throw new RangeError(`k-max must be an integer in 1..${nTrain}, got ${kMax}`);
  const sse = new Float64Array(kMax);
  const sae = new Float64Array(kMax);
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const pred = new Float64Array(kMax);
  for (let t = 0; t < nTest; t++) {
    distances(t, dist);
    argsortInto(dist, order, nTrain);
    predictionsForEveryK(dist, order, trainY, kMax, weights, pred);
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
    if (mse[k] < mse[bestIndex]) bestIndex = k; // strict: ties go to the smaller k
  }
  const best = { k: bestIndex + 1, mse: mse[bestIndex], rmse: Math.sqrt(mse[bestIndex]), mae: mae[bestIndex], r2: r2[bestIndex] };
  // The baseline needs the training targets only, which trainY already holds.
  return { kMax, nTrain, nTest, mse, mae, r2, best, baseline: baselineScores(trainY, testY) };
}

/** Sweeps a prepared design. O(nTest · nTrain · (d + log nTrain)). */
export function sweepDesign(design: Design, weights: Weights, metric: Metric, kMax = design.train.length - 1): SweepResult {
  const { trainX, testX, nCols } = design;
  const nTrain = design.train.length;
  return sweepFromDistances(
    (t, out) => distancesToAll(metric, testX, t, trainX, nTrain, nCols, out),
    design.trainY,
    design.testY,
    weights,
    kMax,
  );
}

/** Splits with scikit-learn's rule, then sweeps every k. */
export function sweep(dataset: Dataset, settings: SweepSettings): SweepResult & { design: Design } {
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  const kMax = settings.kMax ?? split.train.length - 1;
  return { ...sweepDesign(design, settings.weights, settings.metric, kMax), design };
}

/** Scores at one k taken from a sweep. */
export function scoresAt(result: Pick<SweepResult, 'mse' | 'mae' | 'r2'>, k: number): Scores {
  const i = k - 1;
  return { mse: result.mse[i], rmse: Math.sqrt(result.mse[i]), mae: result.mae[i], r2: result.r2[i] };
}
