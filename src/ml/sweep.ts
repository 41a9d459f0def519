import type { Dataset } from './datasets';
import { buildDesign, type Design } from './design';
import { countTieAffected, distanceWeight, isDominant, predictionsForEveryK } from './estimate';
import { baselineScores, rSquared, totalSumOfSquares, type Scores } from './metrics';
import { MAX_INDEXED_ROWS, buildNeighbourIndex, sortedTrainingNeighbours, type NeighbourIndex } from './neighbour-index';
import { nearestRows } from './neighbours';
import type { KnnParams, Metric, Weights } from './params';
import { trainTestSplit, type Split } from './split';

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
  /**
   * For each k, how many test rows have their k-th and (k+1)-th nearest training rows at exactly the same
   * distance while the rows at that distance differ in target: there, which of them counts (our rule: the
   * lower dataset row) decides the prediction, and scikit-learn may keep another. Zero means exact.
   */
  tiedRows: Uint32Array;
  /**
   * For each k, test rows whose price scikit-learn's default search computes slightly differently: from
   * k = ⌊nTrain/2⌋ it searches by brute force, whose Euclidean formula (‖a‖² − 2a·b + ‖b‖²) puts a training row
   * identical to the test row at a tiny distance instead of 0, so with distance weights that row no longer takes
   * all the weight. Zero for Manhattan distance, uniform weights, smaller k and rows without an identical one.
   */
  bruteRows: Uint32Array;
  best: { k: number; tiedRows: number; bruteRows: number } & Scores;
  /** Always predicting the training mean. */
  baseline: Scores;
}

/** Told how many of the test rows are scored so far, every 32 rows: a long sweep's progress. */
export type RowProgress = (doneRows: number, totalRows: number) => void;

/**
 * Fills test row t's `count` nearest training rows, nearest first (equal distances by dataset row): their distances
 * and targets. Returns true when a training row past those is at the same distance as the last of them with another
 * target: tie counting needs to know, and nothing past the first `count` is otherwise read.
 */
export type SortedNeighbourSource = (t: number, count: number, sortedDist: Float64Array, sortedY: Float64Array) => boolean;

/**
 * Scores every k from each test row's kMax + 1 nearest neighbours, in order: running sums give each k's prediction
 * in O(1), so the whole curve costs O(nTest · kMax) on top of finding the neighbours. No refit per k. Tie-affected
 * rows are counted in the same pass (O(nTest · kMax) comparisons at worst).
 */
export function sweepFromNeighbours(
  neighbours: SortedNeighbourSource,
  trainY: Float64Array,
  testY: Float64Array,
  weights: Weights,
  kMax: number,
  metric: Metric,
  onProgress?: RowProgress,
): SweepResult {
  const nTrain = trainY.length;
  const nTest = testY.length;
  if (!Number.isInteger(kMax) || kMax < 1 || kMax > nTrain) throw new RangeError(`k-max must be an integer in 1..${nTrain}, got ${kMax}`);
  const sse = new Float64Array(kMax);
  const sae = new Float64Array(kMax);
  // The (kMax + 1)-th neighbour tells whether k = kMax ends inside a group of equal distances.
  const count = Math.min(kMax + 1, nTrain);
  const sortedDist = new Float64Array(count);
  const sortedY = new Float64Array(count);
  const pred = new Float64Array(kMax);
  const tiedRows = new Uint32Array(kMax);
  const tieScratch = new Int32Array(kMax + 1);
  let identicalRows = 0;
  for (let t = 0; t < nTest; t++) {
    const tiePast = neighbours(t, count, sortedDist, sortedY);
    predictionsForEveryK(sortedDist, sortedY, kMax, weights, pred);
    countTieAffected(sortedDist, sortedY, count, kMax, tiedRows, tieScratch, tiePast);
    if (isDominant(distanceWeight(sortedDist[0]))) identicalRows++;
    if (onProgress && (t & 31) === 31) onProgress(t + 1, nTest);
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
  const bruteRows = new Uint32Array(kMax);
  if (metric === 'euclidean' && weights === 'distance') bruteRows.fill(identicalRows, Math.max(0, Math.floor(nTrain / 2) - 1));
  const best = {
    k: bestIndex + 1, mse: mse[bestIndex], rmse: Math.sqrt(mse[bestIndex]), mae: mae[bestIndex], r2: r2[bestIndex],
    tiedRows: tiedRows[bestIndex], bruteRows: bruteRows[bestIndex],
  };
  return { kMax, nTrain, nTest, mse, mae, r2, tiedRows, bruteRows, best, baseline: baselineScores(trainY, testY) };
}

/**
 * A prepared design's test rows' training neighbours, nearest first (equal distances by dataset row): each call
 * computes one test row's distances and orders only the nearest `count` (nearestRows). O(nTrain · d + count) a
 * call, with buffers allocated once.
 */
export function designNeighbours(design: Design, metric: Metric): SortedNeighbourSource {
  const { trainX, testX, nCols, train, trainY } = design;
  const nTrain = train.length;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  return (t, count, sortedDist, sortedY) => {
    const sorted = nearestRows(metric, testX, t, trainX, nTrain, nCols, train, count, dist, order);
    for (let i = 0; i < count; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = trainY[order[i]];
    }
    return tieContinuesPast(dist, trainY, order, count, sorted);
  };
}

/**
 * Whether a position in order[count..sorted) has the distance of order[count − 1] and another target: `order` is
 * sorted up to `sorted` and holds every position at that distance. O(rows at that distance).
 */
export function tieContinuesPast(dist: Float64Array, y: Float64Array, order: Uint32Array, count: number, sorted: number): boolean {
  const last = dist[order[count - 1]];
  const lastY = y[order[count - 1]];
  for (let i = count; i < sorted && dist[order[i]] === last; i++) if (y[order[i]] !== lastY) return true;
  return false;
}

/**
 * Sweeps a prepared design from scratch: distances once, then each test row's kMax + 1 nearest put in order.
 * O(nTest · (nTrain · d + kMax)).
 */
export function sweepDesign(design: Design, weights: Weights, metric: Metric, kMax = design.train.length - 1, onProgress?: RowProgress): SweepResult {
  const { trainY } = design;
  return sweepFromNeighbours(
    designNeighbours(design, metric),
    trainY,
    design.testY,
    weights,
    kMax,
    metric,
    onProgress,
  );
}

/** Sweeps a split using a prebuilt neighbour index (unscaled data only). O(nTest · (kMax + test rows skipped)). */
export function sweepIndexed(dataset: Dataset, index: NeighbourIndex, split: Split, weights: Weights, kMax = split.train.length - 1, onProgress?: RowProgress): SweepResult {
  const isTest = new Uint8Array(dataset.nRows);
  for (const r of split.test) isTest[r] = 1;
  const trainY = Float64Array.from(split.train, (r) => dataset.y[r]);
  const testY = Float64Array.from(split.test, (r) => dataset.y[r]);
  return sweepFromNeighbours(
    (t, count, sortedDist, sortedY) => sortedTrainingNeighbours(index, split.test[t], isTest, dataset.y, count, sortedDist, sortedY),
    trainY,
    testY,
    weights,
    kMax,
    index.metric,
    onProgress,
  );
}

/** Splits with scikit-learn's rule, then sweeps every k from scratch. */
export function sweep(dataset: Dataset, settings: SweepSettings, onProgress?: RowProgress): SweepResult {
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  return sweepDesign(design, settings.weights, settings.metric, settings.kMax ?? split.train.length - 1, onProgress);
}

/**
 * Sweeps one dataset many times, keeping the neighbour index of the last unscaled feature set and
 * metric, so changing the seed, test size, weights or k-max costs O(nTest · n) instead of a full sweep.
 */
export class Sweeper {
  private index: { key: string; value: NeighbourIndex } | null = null;

  constructor(readonly dataset: Dataset) {}

  sweep(settings: SweepSettings, onProgress?: RowProgress): SweepResult {
    const { dataset } = this;
    if (settings.scale !== 'none' || dataset.nRows > MAX_INDEXED_ROWS) return sweep(dataset, settings, onProgress);
    const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
    return sweepIndexed(dataset, this.indexFor(settings.features, settings.metric), split, settings.weights, settings.kMax ?? split.train.length - 1, onProgress);
  }

  private indexFor(features: readonly string[], metric: Metric): NeighbourIndex {
    const key = `${metric}:${features.join(',')}`;
    if (this.index?.key !== key) this.index = { key, value: buildNeighbourIndex(this.dataset, features, metric) };
    return this.index.value;
  }
}

/** Scores at one k taken from a sweep. */
export function scoresAt(result: Pick<SweepResult, 'mse' | 'mae' | 'r2'>, k: number): Scores {
  const i = k - 1;
  return { mse: result.mse[i], rmse: Math.sqrt(result.mse[i]), mae: result.mae[i], r2: result.r2[i] };
}
