import type { Dataset } from './datasets';
import { buildDesign, type Design } from './design';
import { predictionsForEveryK } from './estimate';
import { argsortWithin, distancesToAll, nearestRows } from './neighbours';
import type { KnnParams, Metric, Weights } from './params';
import { kFold, trainTestSplit } from './split';

/**
 * Each scored row's recorded price and the model's price for it at one k, as columns of equal length, in the order
 * the scores sum them (a split's test order). A split gives its test rows; cross-validation can give every row's
 * out-of-fold prediction in the same shape, fold after fold.
 */
export interface RowPredictions {
  /** The k the rows are priced at; 0 for a radius. */
  k: number;
  /** Set when the rows are priced by every training row within this radius; `uncovered` rows had none and are left out. */
  radius?: number;
  uncovered?: number;
  /** Dataset row of each point. */
  rows: Uint32Array;
  /** Recorded price, $1000s. */
  actual: Float64Array;
  /** The model's price at k, $1000s. */
  predicted: Float64Array;
  /** The dataset's largest price: rows recorded at it are censored there (Boston's medv at 50.0), so may be worth more. */
  censoredAt: number;
}

/** A split's settings: the seed and test size, and the fit. */
export interface SplitSettings extends KnnParams {
  seed: number;
  testFraction: number;
}

/**
 * The price at k of every test row of a prepared design, with the sweep's arithmetic: the same distances, the same
 * neighbour order (equal distances by dataset row) and the same running sums, so the MSE of these columns, summed in
 * their order, is the sweep's MSE at k to the last bit. Only each row's k nearest are put in order:
 * O(nTest · (nTrain · d + k)).
 */
export function designRowPredictions(design: Design, weights: Weights, metric: Metric, k: number): Pick<RowPredictions, 'rows' | 'actual' | 'predicted'> {
  const { trainX, testX, nCols, train, trainY, testY } = design;
  const nTrain = train.length;
  const nTest = testY.length;
  if (!Number.isInteger(k) || k < 1 || k > nTrain) throw new RangeError(`k must be an integer in 1..${nTrain}, got ${k}`);
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const sortedDist = new Float64Array(k);
  const sortedY = new Float64Array(k);
  const pred = new Float64Array(k);
  const predicted = new Float64Array(nTest);
  for (let t = 0; t < nTest; t++) {
    nearestRows(metric, testX, t, trainX, nTrain, nCols, train, k, dist, order);
    for (let i = 0; i < k; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = trainY[order[i]];
    }
    // The sums run from k = 1 up, as in the sweep, so stopping at k leaves the sweep's k-th value.
    predictionsForEveryK(sortedDist, sortedY, k, weights, pred);
    predicted[t] = pred[k - 1];
  }
  return { rows: design.test.slice(), actual: testY.slice(), predicted };
}

/** The dataset's largest price, where its target is censored. O(n). */
export function censoringCap(dataset: Pick<Dataset, 'y'>): number {
  let cap = -Infinity;
  for (let i = 0; i < dataset.y.length; i++) if (dataset.y[i] > cap) cap = dataset.y[i];
  return cap;
}

/**
 * Splits with scikit-learn's rule and prices every test row at k, as the sweep scores them (see
 * designRowPredictions). O(nTest · (nTrain · d + k)): about a millisecond on Boston.
 */
export function testRowPredictions(dataset: Dataset, settings: SplitSettings, k: number): RowPredictions {
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  return { k, ...designRowPredictions(design, settings.weights, settings.metric, k), censoredAt: censoringCap(dataset) };
}

/**
 * Every row's out-of-fold price at k under KFold(folds, shuffle=True, random_state=seed): each fold's rows priced by
 * a model fitted (and scaled) on the other folds, joined fold after fold. O(n² · (folds − 1)/folds · d + n · k).
 */
export function outOfFoldRowPredictions(dataset: Dataset, params: KnnParams, folds: number, seed: number, k: number): RowPredictions {
  const parts = kFold(dataset.nRows, folds, seed).map((fold) =>
    designRowPredictions(buildDesign(dataset, params.features, params.scale, fold.train, fold.test), params.weights, params.metric, k),
  );
  const join = <T extends Float64Array | Uint32Array>(pick: (p: (typeof parts)[number]) => T, make: (n: number) => T): T => {
    const out = make(dataset.nRows);
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += pick(p).length;
    }
    return out;
  };
  return {
    k,
    rows: join((p) => p.rows, (n) => new Uint32Array(n)),
    actual: join((p) => p.actual, (n) => new Float64Array(n)),
    predicted: join((p) => p.predicted, (n) => new Float64Array(n)),
    censoredAt: censoringCap(dataset),
  };
}

/**
 * Every covered test row's price within `radius` (all training rows at distance ≤ radius, weighted as the radius
 * sweep weighs them); rows with none are left out and counted in `uncovered`. Only the rows within the radius are put
 * in order: O(nTest · (nTrain · d + m log m)) for m rows within it.
 */
export function radiusRowPredictions(dataset: Dataset, settings: SplitSettings, radius: number): RowPredictions {
  if (!(radius > 0) || !Number.isFinite(radius)) throw new RangeError(`radius must be a positive number, got ${radius}`);
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const { trainX, testX, nCols, train, trainY, testY, test } = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  const nTrain = train.length;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const sortedDist = new Float64Array(nTrain);
  const sortedY = new Float64Array(nTrain);
  const pred = new Float64Array(nTrain);
  const rows: number[] = [];
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let t = 0; t < testY.length; t++) {
    distancesToAll(settings.metric, testX, t, trainX, nTrain, nCols, dist);
    const count = argsortWithin(dist, nTrain, train, radius, order);
    for (let i = 0; i < count; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = trainY[order[i]];
    }
    if (count === 0) continue;
    predictionsForEveryK(sortedDist, sortedY, count, settings.weights, pred);
    rows.push(test[t]);
    actual.push(testY[t]);
    predicted.push(pred[count - 1]);
  }
  return {
    k: 0,
    radius,
    uncovered: testY.length - rows.length,
    rows: Uint32Array.from(rows),
    actual: Float64Array.from(actual),
    predicted: Float64Array.from(predicted),
    censoredAt: censoringCap(dataset),
  };
}
