// Prediction intervals and "unlike the training data", from a fitted model's own training rows (issue 11's
// groundwork; nothing shows them yet). The interval is split-conformal on cross-validated residuals: each training
// row is priced by the model refitted without its fold, and the interval at level L is the price ± the
// ⌈(n + 1)·L⌉-th smallest of those absolute errors.
import { predictionsForEveryK } from './estimate';
import type { FittedModel } from './model';
import type { Metric } from './params';
import { argsortInto, argsortWithin, distancesToAll, keysToRows, nearestOtherDistances, nearestRows, nthSmallest } from './neighbours';
import { kFold } from './split';

/** The levels the app offers; 0.9 is the default. */
export const INTERVAL_LEVELS = [0.8, 0.9, 0.95] as const;
export type IntervalLevel = (typeof INTERVAL_LEVELS)[number];
export const DEFAULT_INTERVAL_LEVEL: IntervalLevel = 0.9;

/** What the intervals need from the training rows: their out-of-fold absolute errors, ascending. */
export interface IntervalCalibration {
  folds: number;
  seed: number;
  /** |y − out-of-fold price| of every training row that got a price, ascending (a radius model may leave some out). */
  residuals: Float64Array;
}

/**
 * Out-of-fold absolute errors of the model's training rows (K-fold as scikit-learn's KFold with this seed), the
 * fold models keeping the model's k, weights, metric and radius; each price is to the last bit what predictOne gives
 * with the model fitted on the other folds' rows. O(nTrain² · d): for k ≤ 64 each pair of rows is measured once,
 * otherwise once for each of the two folds it is held out of (see modelIntervals for timings).
 */
export function calibrateIntervals(model: FittedModel, folds = 10, seed = 0): IntervalCalibration {
  if (!Number.isInteger(folds) || folds < 2 || folds > model.nTrain) throw new RangeError(`folds must be an integer in 2..${model.nTrain}, got ${folds}`);
  return { folds, seed, residuals: outOfFold(model, folds, seed).residuals };
}

/** What one pass over the pairs of training rows gives: the residuals, ascending, and each row's nearest other row's distance. */
interface FoldPass {
  residuals: Float64Array;
  nearest: Float64Array;
}

type Folds = ReturnType<typeof kFold>;

// Up to this k every row's candidate list (~1.5 k of them, 12 bytes each) is held at once: 23 MB at 20,000 rows.
const PAIRWISE_MAX_K = 64;
// Rows a side of the blocks of pairs offerPairsAcrossFolds goes through.
const TILE = 256;

function outOfFold(model: FittedModel, folds: number, seed: number): FoldPass {
  const split = kFold(model.nTrain, folds, seed);
  return model.radius === undefined && model.k <= PAIRWISE_MAX_K ? pairwisePass(model, split) : foldByFold(model, split);
}

/**
 * Each pair of rows from different folds measured once (half the pairs a fold-by-fold pass measures), offering each
 * row to the other's candidates for its k nearest. A row keeps candidates up to a bound that only falls: when its
 * list fills up, the bound becomes its k-th smallest key (widened to every key with the same root) and the rest go.
 * Each row's candidates are then put in predictOne's order and the first k price it. Rows are laid out fold by fold,
 * so the pairs within a fold, which only the nearest other row needs, are a pass of their own. O(nTrain² · d / 2)
 * plus, for rows in no special order, O(nTrain · k log nTrain) keeping candidates. A row with more rows tied at its
 * bound than its list holds (a pile of duplicates) is priced fold by fold instead.
 */
function pairwisePass(model: FittedModel, split: Folds): FoldPass {
  const { nTrain: n, nCols: d, metric, trainY, trainRows } = model;
  const euclidean = metric === 'euclidean';
  // Position p holds training row rowAt[p]; fold f holds positions starts[f]..starts[f + 1] − 1.
  const rowAt = new Uint32Array(n);
  const starts = [0];
  for (const { test } of split) {
    rowAt.set(test, starts[starts.length - 1]);
    starts.push(starts[starts.length - 1] + test.length);
  }
  const x = rowsOf(model.trainX, rowAt, d);
  const kAt = new Uint32Array(n);
  let kMax = 0;
  split.forEach(({ train }, f) => {
    const k = Math.min(model.k, train.length);
    kAt.fill(k, starts[f], starts[f + 1]);
    kMax = Math.max(kMax, k);
  });
  const cap = kMax + Math.max(16, Math.ceil(kMax / 2));
  const lists = new CandidateLists(kAt, cap, euclidean);
  offerPairsAcrossFolds(metric, x, d, starts, lists);

  const residuals = new ResidualList(n);
  const nearest = new Float64Array(n);
  const dist = new Float64Array(cap);
  const tie = new Uint32Array(cap);
  const order = new Uint32Array(cap);
  const sortedDist = new Float64Array(kMax);
  const sortedY = new Float64Array(kMax);
  const pred = new Float64Array(kMax);
  for (let f = 0; f < split.length; f++) {
    const within = new Float64Array(starts[f + 1] - starts[f]);
    nearestOtherDistances(metric, x.subarray(starts[f] * d, starts[f + 1] * d), within.length, d, within);
    let price: FoldPricer | null = null;
    for (let p = starts[f]; p < starts[f + 1]; p++) {
      const r = rowAt[p];
      if (lists.bound[p] === -Infinity) {
        // More rows tied at its bound than its list holds (a pile of duplicates).
        price ??= foldPricer(model, split[f].train);
        const priced = price(r);
        residuals.add(trainY[r], priced.price);
        nearest[r] = Math.min(priced.nearest, within[p - starts[f]]);
        continue;
      }
      const base = p * cap;
      const c = lists.held[p];
      for (let i = 0; i < c; i++) {
        dist[i] = euclidean ? Math.sqrt(lists.key[base + i]) : lists.key[base + i];
        tie[i] = trainRows[rowAt[lists.at[base + i]]];
      }
      argsortInto(dist, order, c, tie);
      const k = kAt[p];
      for (let i = 0; i < k; i++) {
        sortedDist[i] = dist[order[i]];
        sortedY[i] = trainY[rowAt[lists.at[base + order[i]]]];
      }
      predictionsForEveryK(sortedDist, sortedY, k, model.weights, pred);
      residuals.add(trainY[r], pred[k - 1]);
      nearest[r] = Math.min(sortedDist[0], within[p - starts[f]]);
    }
  }
  return { residuals: residuals.sorted(), nearest };
}

/**
 * Offers every pair of rows from different folds (fold f at positions starts[f]..starts[f + 1] − 1 of x) to both
 * rows' candidate lists: O(pairs · d). Tile by tile, so the lists an offer writes to are a few hundred, still in
 * cache, rather than any of n.
 */
function offerPairsAcrossFolds(metric: Metric, x: Float64Array, d: number, starts: readonly number[], lists: CandidateLists): void {
  const n = starts[starts.length - 1];
  const bound = lists.bound;
  const keys = new Float64Array(TILE);
  for (let f = 0; f + 1 < starts.length; f++) {
    for (let p0 = starts[f]; p0 < starts[f + 1]; p0 += TILE) {
      const p1 = Math.min(p0 + TILE, starts[f + 1]);
      for (let q0 = starts[f + 1]; q0 < n; q0 += TILE) {
        const q1 = Math.min(q0 + TILE, n);
        for (let p = p0; p < p1; p++) {
          keysToRows(metric, x, p, x, q0, q1, d, keys);
          let boundP = bound[p];
          // Nearly every key fails both bounds.
          for (let j = 0, q = q0; q < q1; j++, q++) {
            const key = keys[j];
            if (key <= boundP) boundP = lists.offer(p, q, key);
            if (key <= bound[q]) lists.offer(q, p, key);
          }
        }
      }
    }
  }
}

/**
 * Each row's candidates for its k nearest rows (k = kAt[p]), `cap` places a row, with a bound per row that only
 * falls: when a list fills up, its bound becomes its k-th smallest key, widened to every key with the same root, and
 * the keys above it go. So every row whose distance is at most the k-th's stays. A list with more keys within its
 * bound than places is given up (bound −∞) and that row priced another way.
 */
class CandidateLists {
  /** Row p's candidates (keys, and positions) at p · cap .. p · cap + held[p] − 1. */
  readonly key: Float64Array;
  readonly at: Uint32Array;
  readonly held: Uint32Array;
  readonly bound: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly kAt: Uint32Array,
    readonly cap: number,
    private readonly euclidean: boolean,
  ) {
    const n = kAt.length;
    this.key = new Float64Array(n * cap);
    this.at = new Uint32Array(n * cap);
    this.held = new Uint32Array(n);
    this.bound = new Float64Array(n).fill(Infinity);
    this.scratch = new Float64Array(cap);
  }

  /** Adds position `other` to p's candidates; returns p's bound, lowered when its list filled up. */
  offer(p: number, other: number, key: number): number {
    const { cap, held } = this;
    const base = p * cap;
    this.key[base + held[p]] = key;
    this.at[base + held[p]] = other;
    if (++held[p] < cap) return this.bound[p];
    this.scratch.set(this.key.subarray(base, base + cap));
    const kth = nthSmallest(this.scratch, cap, this.kAt[p] - 1);
    // A root rounds, so a larger key can have the k-th's distance and, from a lower dataset row, come before it.
    // Any key whose root is ≤ the k-th's is within 2^-50 of it (relative), hence this margin.
    const limit = this.euclidean ? kth * (1 + 2 ** -48) + 2 ** -1000 : kth;
    let kept = 0;
    for (let i = base; i < base + cap; i++) {
      if (this.key[i] <= limit) {
        this.key[base + kept] = this.key[i];
        this.at[base + kept++] = this.at[i];
      }
    }
    held[p] = kept;
    // Keys are ≥ 0, so a bound of −∞ turns every later offer away.
    this.bound[p] = kept < cap ? limit : -Infinity;
    return this.bound[p];
  }
}

/**
 * Fold by fold, each held-out row priced as predictOne prices it on the model refitted without its fold (for a
 * radius model, or a k too large to hold every row's candidates); each row's nearest other row from those distances
 * and the pairs within its fold. O(nTrain² · d · (1 − 1/folds)), and O(n log n) a row in the worst case.
 */
function foldByFold(model: FittedModel, split: Folds): FoldPass {
  const residuals = new ResidualList(model.nTrain);
  const nearest = new Float64Array(model.nTrain);
  for (const { train, test } of split) {
    const price = foldPricer(model, train);
    const within = new Float64Array(test.length);
    nearestOtherDistances(model.metric, rowsOf(model.trainX, test, model.nCols), test.length, model.nCols, within);
    test.forEach((r, i) => {
      const priced = price(r);
      residuals.add(model.trainY[r], priced.price);
      nearest[r] = Math.min(priced.nearest, within[i]);
    });
  }
  return { residuals: residuals.sorted(), nearest };
}

type FoldPricer = (r: number) => { price: number; nearest: number };

/**
 * Prices training row r as predictOne would with the model refitted on `train` (the other folds' rows in ascending
 * order, as that model holds them; NaN when no row is within its radius), and gives r's distance to the nearest of
 * them. Only the k nearest are put in order, or every row within the radius: O(nFold · d + k log k) a row.
 */
function foldPricer(model: FittedModel, train: Uint32Array): FoldPricer {
  const { nCols, metric, weights, radius } = model;
  const nFold = train.length;
  const foldX = rowsOf(model.trainX, train, nCols);
  const foldY = Float64Array.from(train, (r) => model.trainY[r]);
  const foldRows = Uint32Array.from(train, (r) => model.trainRows[r]);
  const k = Math.min(model.k, nFold);
  const dist = new Float64Array(nFold);
  const order = new Uint32Array(nFold);
  const most = radius === undefined ? k : nFold;
  const sortedDist = new Float64Array(most);
  const sortedY = new Float64Array(most);
  const pred = new Float64Array(most);
  return (r) => {
    // The stored row is scaled, as a query is once scaled: its values are the query's.
    let used = k;
    if (radius === undefined) {
      nearestRows(metric, model.trainX, r, foldX, nFold, nCols, foldRows, k, dist, order);
    } else {
      distancesToAll(metric, model.trainX, r, foldX, nFold, nCols, dist);
      used = argsortWithin(dist, nFold, foldRows, radius, order);
    }
    const nearest = used > 0 ? dist[order[0]] : dist.reduce((m, v) => (v < m ? v : m), Infinity);
    if (used === 0) return { price: Number.NaN, nearest };
    for (let i = 0; i < used; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = foldY[order[i]];
    }
    predictionsForEveryK(sortedDist, sortedY, used, weights, pred);
    return { price: pred[used - 1], nearest };
  };
}

/** |y − price| for each finite out-of-fold price, as calibrateIntervals keeps them. */
class ResidualList {
  private readonly values: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(y: number, price: number): void {
    if (Number.isFinite(price)) this.values[this.count++] = Math.abs(y - price);
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
  }
}

/** The listed rows of a row-major matrix, d wide, as a matrix of their own. O(rows · d). */
function rowsOf(x: Float64Array, rows: Uint32Array, d: number): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(x.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

/**
 * Half the interval's width at a level: the ⌈(n + 1)·level⌉-th smallest residual, or null when there are too few
 * residuals for that level (n + 1 < 1 / (1 − level)), where no finite interval has the guarantee. O(1).
 */
export function halfWidth(calibration: IntervalCalibration, level: number): number | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  const n = calibration.residuals.length;
  const rank = Math.ceil((n + 1) * level);
  return rank > n ? null : calibration.residuals[rank - 1];
}

/** The price's interval at a level, in the target's units; null when the calibration is too small for that level. O(1). */
export function predictionInterval(price: number, calibration: IntervalCalibration, level: number): { low: number; high: number; level: number } | null {
  const half = halfWidth(calibration, level);
  return half === null ? null : { low: price - half, high: price + half, level };
}

/**
 * The distance beyond which a house is unlike the training data: the `quantile` (0.95 by default) of each training
 * row's distance to its nearest other training row, as numpy's linear percentile computes it. O(nTrain² · d / 2).
 */
export function outOfRangeDistance(model: FittedModel, quantile = 0.95): number {
  const n = model.nTrain;
  if (n < 2) throw new RangeError('a model needs at least 2 training rows to tell near from far');
  const nearest = new Float64Array(n);
  nearestOtherDistances(model.metric, model.trainX, n, model.nCols, nearest);
  return linearPercentile(nearest, quantile);
}

/** numpy's percentile with linear interpolation, of values it sorts in place. O(n log n). */
function linearPercentile(values: Float64Array, quantile: number): number {
  const n = values.length;
  values.sort();
  const at = quantile * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  return values[lo] + (values[hi] - values[lo]) * (at - lo);
}

/** What a model file carries to state intervals and tell far from near without the O(nTrain²) work above. */
export interface ModelIntervals {
  method: 'cv-conformal';
  folds: number;
  seed: number;
  /** How many training rows got an out-of-fold price. */
  residuals: number;
  /** Half-widths at each offered level, in the target's units; null where too few rows back that level. */
  halfWidths: Record<`${IntervalLevel}`, number | null>;
  /** The 95th percentile of the training rows' distances to their nearest other training row. */
  nearestDistanceP95: number;
}

/**
 * A model's interval calibration and out-of-range distance (10-fold, seed 0; fewer folds below 10 rows), from one
 * pass over the pairs of training rows: O(nTrain² · d). In Node on the 2-core development machine: ~3 ms for
 * Boston, ~2.5 s at 20,000 rows × 8 features for k ≤ 64 and ~4 s above (cli/bench-intervals.ts).
 */
export function modelIntervals(model: FittedModel): ModelIntervals {
  const folds = Math.min(10, model.nTrain);
  if (folds < 2) throw new RangeError(`folds must be an integer in 2..${model.nTrain}, got ${folds}`);
  const { residuals, nearest } = outOfFold(model, folds, 0);
  const calibration = { folds, seed: 0, residuals };
  const halfWidths = Object.fromEntries(INTERVAL_LEVELS.map((level) => [String(level), halfWidth(calibration, level)])) as ModelIntervals['halfWidths'];
  return { method: 'cv-conformal', folds, seed: 0, residuals: residuals.length, halfWidths, nearestDistanceP95: linearPercentile(nearest, 0.95) };
}

/** True for one of the offered levels. */
export const isIntervalLevel = (v: unknown): v is IntervalLevel => (INTERVAL_LEVELS as readonly unknown[]).includes(v);

/** The price's interval at an offered level from a model's calibration; null when too few rows back it. O(1). */
export function intervalFor(price: number, intervals: ModelIntervals, level: IntervalLevel): { low: number; high: number; level: IntervalLevel } | null {
  const half = intervals.halfWidths[`${level}`];
  return half === null ? null : { low: price - half, high: price + half, level };
}
