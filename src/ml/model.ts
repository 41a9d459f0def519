import type { Dataset } from './datasets';
import { buildDesign, type Design } from './design';
import { neighbourShares, predictionsForEveryK } from './estimate';
import { argsortInto, distancesToAll } from './neighbours';
import type { Metric, Scale, Weights } from './params';
import { trainTestSplit } from './split';
import type { SweepSettings } from './sweep';

/** A fitted k-nearest-neighbours regressor: everything needed to predict, and nothing else. */
export interface FittedModel {
  k: number;
  /**
   * Set for a radius model (RadiusNeighborsRegressor): every training row within this distance counts and `k` is
   * not used. Absent for a k-nearest model.
   */
  radius?: number;
  weights: Weights;
  metric: Metric;
  scale: Scale;
  /** Feature codes, in the order a query row must use. */
  features: string[];
  /** StandardScaler parameters fitted on the training rows, or null when unscaled. */
  scaler: { mean: number[]; scale: number[] } | null;
  nTrain: number;
  nCols: number;
  /** nTrain × nCols, row-major, already scaled. */
  trainX: Float64Array;
  /** Prices in $1000s. */
  trainY: Float64Array;
  /** Each training row's index in the dataset. */
  trainRows: Uint32Array;
  dataset: { name: string; sha256: string; target: string };
}

export interface Neighbour {
  /** Row index in the dataset. */
  row: number;
  /** Position among the model's training rows (in trainX, trainY). */
  index: number;
  distance: number;
  priceThousands: number;
  /** Share of the prediction (all shares sum to 1). */
  weight: number;
}

export interface Prediction {
  priceThousands: number;
  neighbours: Neighbour[];
  /** True when the query equals a training row (distance 0), which then dominates distance weighting. */
  exactMatch: boolean;
  /**
   * Set when the k-th and (k+1)-th nearest rows are at exactly the same distance with different prices: the
   * price then depends on the tie rule (the lower dataset row is kept). `rows` are all rows at that distance.
   */
  tie: { distance: number; rows: number[] } | null;
  /**
   * A radius model with no training row within its radius: nothing can be predicted (priceThousands is NaN and
   * must never be shown); says how far the nearest row is.
   */
  noneWithin?: { radius: number; nearestDistance: number };
}

/** A model at k from a prepared design. O(nTrain · d) copies. */
export function modelFromDesign(design: Design, dataset: Pick<Dataset, 'name' | 'sha256' | 'target' | 'features'>, settings: Pick<SweepSettings, 'weights' | 'metric' | 'scale' | 'features'>, k: number): FittedModel {
  const nTrain = design.train.length;
  if (!Number.isInteger(k) || k < 1 || k > nTrain) throw new RangeError(`k must be an integer in 1..${nTrain}, got ${k}`);
  return {
    k,
    weights: settings.weights,
    metric: settings.metric,
    scale: settings.scale,
    features: [...settings.features],
    scaler: design.scaler ? { mean: Array.from(design.scaler.mean), scale: Array.from(design.scaler.scale) } : null,
    nTrain,
    nCols: design.nCols,
    trainX: design.trainX.slice(),
    trainY: design.trainY.slice(),
    trainRows: design.train.slice(),
    dataset: { name: dataset.name, sha256: dataset.sha256, target: dataset.target },
  };
}

/** Splits and fits at k: what "save this model" stores. O(n · d). */
export function fitModel(dataset: Dataset, settings: Omit<SweepSettings, 'kMax'>, k: number): FittedModel {
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  return modelFromDesign(buildDesign(dataset, settings.features, settings.scale, split.train, split.test), dataset, settings, k);
}

/**
 * Fits at k on every row, as GridSearchCV refits once cross-validation has chosen k: the scaler, when asked, sees
 * all rows. O(n · d).
 */
export function fitOnAllRows(dataset: Dataset, settings: Pick<SweepSettings, 'weights' | 'metric' | 'scale' | 'features'>, k: number): FittedModel {
  const all = new Uint32Array(dataset.nRows).map((_, i) => i);
  return modelFromDesign(buildDesign(dataset, settings.features, settings.scale, all, new Uint32Array(0)), dataset, settings, k);
}

/**
 * Predicts one raw (unscaled) row given in the model's feature order, with the k neighbours
 * behind it. O(nTrain · (d + log nTrain)).
 */
export function predictOne(model: FittedModel, raw: ArrayLike<number>): Prediction {
  const query = scaledQuery(model, raw);
  const { nTrain } = model;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  distancesToAll(model.metric, query, 0, model.trainX, nTrain, model.nCols, dist);
  argsortInto(dist, order, nTrain, model.trainRows);
  let k = model.k;
  if (model.radius !== undefined) {
    // Every row within the radius: the neighbours are those before the first one beyond it, in the same order.
    const radius = model.radius;
    k = 0;
    while (k < nTrain && dist[order[k]] <= radius) k++;
    if (k === 0) return { priceThousands: Number.NaN, neighbours: [], exactMatch: false, tie: null, noneWithin: { radius, nearestDistance: dist[order[0]] } };
  }
  const sortedDist = new Float64Array(k);
  const sortedY = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    sortedDist[i] = dist[order[i]];
    sortedY[i] = model.trainY[order[i]];
  }
  // Within a radius every row at the boundary distance counts, so the tie rule never decides.
  const tie = model.radius === undefined ? tieAtK(model, dist, order, k) : null;
  const pred = new Float64Array(k);
  predictionsForEveryK(sortedDist, sortedY, k, model.weights, pred);
  const shares = neighbourShares(sortedDist, k, model.weights);
  const neighbours: Neighbour[] = [];
  for (let i = 0; i < k; i++) {
    neighbours.push({ row: model.trainRows[order[i]], index: order[i], distance: sortedDist[i], priceThousands: sortedY[i], weight: shares[i] });
  }
  return { priceThousands: pred[k - 1], neighbours, exactMatch: sortedDist[0] === 0, tie };
}

/** The tie the prediction at k depends on, if any (see Prediction.tie). O(rows at the k-th distance). */
function tieAtK(model: FittedModel, dist: Float64Array, order: Uint32Array, k: number): Prediction['tie'] {
  if (k >= model.nTrain) return null;
  const d = dist[order[k - 1]];
  if (dist[order[k]] !== d) return null;
  let start = k - 1;
  while (start > 0 && dist[order[start - 1]] === d) start--;
  let end = k + 1;
  while (end < model.nTrain && dist[order[end]] === d) end++;
  const members = Array.from(order.subarray(start, end));
  const prices = new Set(members.map((i) => model.trainY[i]));
  return prices.size > 1 ? { distance: d, rows: members.map((i) => model.trainRows[i]).sort((a, b) => a - b) } : null;
}

/** Prices for many raw rows (row-major, nCols wide), in $1000s. O(rows · nTrain · (d + log nTrain)). */
export function predictMany(model: FittedModel, rawX: Float64Array): Float64Array {
  const nRows = rawX.length / model.nCols;
  const out = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) out[r] = predictOne(model, rawX.subarray(r * model.nCols, (r + 1) * model.nCols)).priceThousands;
  return out;
}

/** A raw row in the model's feature order, scaled as its training rows are. O(d). */
export function scaledQuery(model: FittedModel, raw: ArrayLike<number>): Float64Array {
  if (raw.length !== model.nCols) throw new RangeError(`expected ${model.nCols} feature values (${model.features.join(', ')}), got ${raw.length}`);
  const q = Float64Array.from(raw);
  if (model.scaler) {
    for (let c = 0; c < q.length; c++) q[c] = (q[c] - model.scaler.mean[c]) / model.scaler.scale[c];
  }
  return q;
}
