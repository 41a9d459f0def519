// One prediction as every surface states it (the form, a batch row, the CLI): the price, its interval at a level,
// how far the nearest training row is against the out-of-range distance, and for each neighbour which features
// made it near.
import { intervalFor, type IntervalLevel, type ModelIntervals } from './intervals';
import { predictOne, scaledQuery, type FittedModel, type Prediction } from './model';

export interface ExplainedNeighbour {
  /** Row index in the dataset the model was trained on. */
  row: number;
  distance: number;
  /** The neighbour's price, in the target's units. */
  target: number;
  /** Its share of the prediction (all weights sum to 1). */
  weight: number;
  /**
   * Share of its distance each feature contributes, by feature code, summing to 1 (all 0 at distance 0): squared
   * differences for Euclidean, absolute differences for Manhattan, after scaling when the model scales.
   */
  shares: Record<string, number>;
}

export interface ExplainedPrediction {
  /** In the target's units. */
  price: number;
  /** Null when the calibration has too few rows for the level. */
  interval: { low: number; high: number; level: IntervalLevel } | null;
  nearestDistance: number;
  /** The model's out-of-range distance (95th percentile of training rows' nearest-neighbour distances). */
  outOfRangeDistance: number;
  /** True when the nearest training row is farther than outOfRangeDistance: unlike the training data. */
  outOfRange: boolean;
  neighbours: ExplainedNeighbour[];
  exactMatch: boolean;
  tie: Prediction['tie'];
}

export type Explained = { ok: true; prediction: ExplainedPrediction } | { ok: false; reason: string; nearestDistance?: number; outOfRange?: boolean };

/** Each feature's share of one neighbour's distance to a scaled query (see ExplainedNeighbour.shares). O(d). */
export function featureShares(model: FittedModel, scaledQuery: ArrayLike<number>, index: number): Record<string, number> {
  const { nCols, trainX, features, metric } = model;
  const parts = new Float64Array(nCols);
  let total = 0;
  for (let c = 0; c < nCols; c++) {
    const diff = scaledQuery[c] - trainX[index * nCols + c];
    parts[c] = metric === 'manhattan' ? Math.abs(diff) : diff * diff;
    total += parts[c];
  }
  const shares: Record<string, number> = {};
  features.forEach((code, c) => {
    // defineProperty keeps a feature called "__proto__" an ordinary key.
    Object.defineProperty(shares, code, { value: total > 0 ? parts[c] / total : 0, enumerable: true, writable: true, configurable: true });
  });
  return shares;
}

/**
 * Predicts one raw row (model feature order) and explains it; a refusal (no row within a radius model's radius, or
 * a price that is not finite) says why. O(nTrain · (d + log nTrain)).
 */
export function explainPrediction(model: FittedModel, intervals: ModelIntervals, raw: ArrayLike<number>, level: IntervalLevel): Explained {
  const prediction = predictOne(model, raw);
  if (prediction.noneWithin) {
    const { radius, nearestDistance } = prediction.noneWithin;
    return {
      ok: false,
      reason: `no training row lies within the model's radius (${radius.toPrecision(4)}); the nearest is at ${nearestDistance.toPrecision(4)}`,
      nearestDistance,
      outOfRange: nearestDistance > intervals.nearestDistanceP95,
    };
  }
  const finite = Number.isFinite(prediction.priceThousands) && prediction.neighbours.every((n) => Number.isFinite(n.distance) && Number.isFinite(n.weight));
  if (!finite) return { ok: false, reason: 'these values give no finite price (a distance overflows, or a weight does at distance near zero)' };
  const query = scaledQuery(model, raw);
  const nearestDistance = prediction.neighbours[0].distance;
  return {
    ok: true,
    prediction: {
      price: prediction.priceThousands,
      interval: intervalFor(prediction.priceThousands, intervals, level),
      nearestDistance,
      outOfRangeDistance: intervals.nearestDistanceP95,
      outOfRange: nearestDistance > intervals.nearestDistanceP95,
      neighbours: prediction.neighbours.map((n) => ({ row: n.row, distance: n.distance, target: n.priceThousands, weight: n.weight, shares: featureShares(model, query, n.index) })),
      exactMatch: prediction.exactMatch,
      tie: prediction.tie,
    },
  };
}
