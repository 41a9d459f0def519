import type { Dataset } from './datasets';
import { distanceWeight, isDominant } from './estimate';
import { rSquared, totalSumOfSquares } from './metrics';
import { MAX_INDEXED_ROWS, buildNeighbourIndex } from './neighbour-index';
import type { KnnParams } from './params';
import { splitProblem, testCount, trainTestSplit } from './split';
import { sweep } from './sweep';

/** One seed's best k (lowest test MSE, ties to the smaller k) and its test scores; MSE in ($1000s)², MAE in $1000s. */
export interface SeedBest {
  bestK: number;
  mse: number;
  mae: number;
  r2: number;
}

/** Neighbour lists nearest first, as triples (weight 1/d, target, dataset row) in one Float64Array, read in order. */
const STRIDE = 3;

/** The k's every row scores in full before the others are cut short: the best k is almost always among them. */
export const HEAD_K = 40;

/**
 * How far above the bound (relatively) a k's screening sum must be to rule it out. That sum adds some of the k's
 * terms (each ≥ 0, and bit for bit the sweep's) in another order than the sweep, and a sum of m such terms is within
 * (m − 1)·2⁻⁵³ of their exact total either way: about 3·10⁻¹⁴ for 253 test rows, far below this margin. So the
 * sweep's own sum is still above nTest × bound, its MSE at least the bound's (an MSE at a smaller k), and the
 * sweep's strict comparison never picks it.
 */
const SCREEN_MARGIN = 1e-9;

/**
 * Scores one seed after another for a seed-stability run, keeping only what the run reports: each seed's best k and
 * its MSE, MAE and R². Every k that can be the best has its MSE summed with the full sweep's arithmetic, term for term
 * (the same neighbour order, running sums and row order), so the best k and its scores equal `Sweeper.sweep`'s `best`
 * bit for bit. What it leaves out: MAE and R² at the other k, tie and brute-force counts, per-seed allocations beyond
 * the split, and the rest of the MSE of any k already shown to exceed the best of the first HEAD_K.
 * Unscaled (up to MAX_INDEXED_ROWS rows, the sweep's own rule): one neighbour index, O(n² log n) once, then
 * O(nTest · n) per seed, walking each test row's list and skipping the test rows in place. Scaled, or more rows:
 * the sweep itself per seed (its `best`), where distances dominate and there is nothing to screen:
 * O(nTest · (nTrain · d + kMax)) per seed, in O(nTrain + kMax) memory.
 */
export class SeedScanner {
  private readonly nTrain: number;
  private readonly nTest: number;
  private readonly kMax: number;
  /** Unscaled: every row's other rows nearest first, n × (n − 1) triples; null where each seed is swept instead. */
  private readonly index: Float64Array | null;
  /** 1 for this seed's test rows. */
  private readonly isTest: Uint8Array;
  private readonly testY: Float64Array;
  /** Σ over test rows of the squared error at each k (index k − 1), in row order: the sweep's sums. */
  private readonly sse: Float64Array;
  /** The same terms summed in another row order, only to rule k's out (see SCREEN_MARGIN). */
  private readonly screen: Float64Array;
  /** Test rows by their target's distance from the dataset's mean target, farthest first. */
  private readonly rowOrder: Int32Array;
  private readonly rowKey: Float64Array;
  private readonly meanY: number;

  constructor(
    private readonly dataset: Dataset,
    private readonly params: KnnParams,
    private readonly testFraction: number,
    kMax?: number,
  ) {
    const n = dataset.nRows;
    const problem = splitProblem(n, testFraction);
    if (problem) throw new RangeError(problem);
    if (params.features.length === 0) throw new RangeError('at least one feature is needed');
    this.nTest = testCount(n, testFraction);
    this.nTrain = n - this.nTest;
    this.kMax = kMax ?? this.nTrain - 1;
    if (!Number.isInteger(this.kMax) || this.kMax < 1 || this.kMax > this.nTrain) {
      throw new RangeError(`k-max must be an integer in 1..${this.nTrain}, got ${this.kMax}`);
    }
    const indexed = params.scale === 'none' && n <= MAX_INDEXED_ROWS;
    this.index = indexed ? indexTriples(dataset, params) : null;
    const nScored = indexed ? this.nTest : 0;
    this.isTest = new Uint8Array(indexed ? n : 0);
    this.testY = new Float64Array(nScored);
    this.sse = new Float64Array(indexed ? this.kMax : 0);
    this.screen = new Float64Array(indexed ? this.kMax : 0);
    this.rowOrder = new Int32Array(nScored);
    this.rowKey = new Float64Array(nScored);
    this.meanY = dataset.y.reduce((a, b) => a + b, 0) / n;
  }

  /** This seed's best k and its scores, as `Sweeper.sweep` reports them in `best`. Cost: see the class. */
  scan(seed: number): SeedBest {
    const lists = this.index;
    if (!lists) {
      const { best } = sweep(this.dataset, { ...this.params, seed, testFraction: this.testFraction, kMax: this.kMax });
      return { bestK: best.k, mse: best.mse, mae: best.mae, r2: best.r2 };
    }
    const { nTest, kMax, sse, testY, isTest } = this;
    const split = trainTestSplit(this.dataset.nRows, this.testFraction, seed);
    const uniform = this.params.weights === 'uniform';
    isTest.fill(0);
    for (let t = 0; t < nTest; t++) isTest[split.test[t]] = 1;
    const width = this.dataset.nRows - 1;
    const listStart = (t: number) => split.test[t] * width * STRIDE;
    // Every row's error at the small k first, in row order: their least MSE bounds the best one from above. A larger
    // k can be ruled out once some of its rows' squared errors already add up past that bound. To rule the large k's
    // out soon, those sums take the rows with the largest errors first (a target far from the mean is far from what
    // a large k predicts), in their own array: see SCREEN_MARGIN. The k's left in the race then get every row's term,
    // in row order, exactly as the sweep adds them.
    const kHead = Math.min(kMax, HEAD_K);
    sse.fill(0);
    for (let t = 0; t < nTest; t++) {
      testY[t] = this.dataset.y[split.test[t]];
      addSquaredErrors(lists, listStart(t), isTest, 0, kHead, testY, t, uniform, sse);
    }
    let bound = sse[0] / nTest;
    for (let k = 1; k < kHead; k++) if (sse[k] / nTest < bound) bound = sse[k] / nTest;
    const ruledOut = bound * nTest * (1 + SCREEN_MARGIN);
    let kEnd = kMax; // k (0-based) from kEnd on are out of the race
    if (kEnd > kHead) {
      const { screen, rowOrder } = this;
      screen.fill(0);
      this.orderByDistanceFromMean(rowOrder);
      for (let j = 0; j < nTest && kEnd > kHead; j++) {
        const t = rowOrder[j];
        addSquaredErrors(lists, listStart(t), isTest, kHead, kEnd, testY, t, uniform, screen);
        while (kEnd > kHead && screen[kEnd - 1] > ruledOut) kEnd--;
      }
      for (let t = 0; t < nTest && kEnd > kHead; t++) addSquaredErrors(lists, listStart(t), isTest, kHead, kEnd, testY, t, uniform, sse);
    }
    // As the sweep: MSE = SSE / nTest, compared strictly so ties go to the smaller k.
    let best = 0;
    let bestMse = sse[0] / nTest;
    for (let k = 1; k < kEnd; k++) {
      const mse = sse[k] / nTest;
      if (mse < bestMse) {
        bestMse = mse;
        best = k;
      }
    }
    let sae = 0;
    for (let t = 0; t < nTest; t++) sae += Math.abs(testY[t] - predictionAt(lists, listStart(t), isTest, best + 1, uniform));
    return { bestK: best + 1, mse: bestMse, mae: sae / nTest, r2: rSquared(sse[best], totalSumOfSquares(testY), nTest) };
  }

  /** Fills `order` with 0..nTest − 1 sorted by |testY − mean target|, largest first (insertion sort: nTest is small). */
  private orderByDistanceFromMean(order: Int32Array): void {
    const { testY, rowKey: key, meanY } = this;
    for (let t = 0; t < order.length; t++) {
      const d = Math.abs(testY[t] - meanY);
      let j = t;
      for (; j > 0 && key[j - 1] < d; j--) {
        key[j] = key[j - 1];
        order[j] = order[j - 1];
      }
      key[j] = d;
      order[j] = t;
    }
  }
}

/** The neighbour index as triples: each distance turned into its weight once (1/d, as the sweep computes it). */
function indexTriples(dataset: Dataset, params: KnnParams): Float64Array {
  const { neighbours, distances } = buildNeighbourIndex(dataset, params.features, params.metric);
  const triples = new Float64Array(neighbours.length * STRIDE);
  for (let i = 0, j = 0; i < neighbours.length; i++, j += STRIDE) {
    triples[j] = distanceWeight(distances[i]);
    triples[j + 1] = dataset.y[neighbours[i]];
    triples[j + 2] = neighbours[i];
  }
  return triples;
}

/**
 * Adds one test row's squared error at k = kFrom + 1..kTo to `sse` (at k − 1), from its list at `start`, skipping
 * rows marked in `isTest`; its target is `testY[t]`. The running sums start from the row's nearest neighbour whatever
 * kFrom is, and the predictions are `predictionsForEveryK`'s, term for term, so each sum equals the sweep's. O(list).
 */
function addSquaredErrors(lists: Float64Array, start: number, isTest: Uint8Array, kFrom: number, kTo: number, testY: Float64Array, t: number, uniform: boolean, sse: Float64Array): void {
  // Locals, not the module's constant or a number argument: V8 would reload or re-unbox those on every step.
  const stride = STRIDE;
  const yt = testY[t];
  let i = start;
  let k = 0;
  if (uniform) {
    let sumY = 0;
    for (; k < kFrom; i += stride) {
      if (isTest[lists[i + 2]]) continue;
      sumY += lists[i + 1];
      k++;
    }
    for (; k < kTo; i += stride) {
      if (isTest[lists[i + 2]]) continue;
      sumY += lists[i + 1];
      const e = yt - sumY / (k + 1);
      sse[k++] += e * e;
    }
    return;
  }
  // Weights fall as distances grow, so infinite ones (d = 0 or subnormal: they take all the weight) come first.
  let dominantCount = 0;
  let dominantSumY = 0;
  for (; k < kTo; i += stride) {
    if (isTest[lists[i + 2]]) continue;
    if (!isDominant(lists[i])) break;
    dominantCount++;
    dominantSumY += lists[i + 1];
    const e = yt - dominantSumY / dominantCount;
    if (k >= kFrom) sse[k] += e * e;
    k++;
  }
  if (dominantCount > 0) {
    // The prediction stays the mean of those neighbours at every larger k: finite weights change nothing.
    const e = yt - dominantSumY / dominantCount;
    for (; k < kTo; i += stride) {
      if (isTest[lists[i + 2]]) continue;
      if (k >= kFrom) sse[k] += e * e;
      k++;
    }
    return;
  }
  let sumW = 0;
  let sumWY = 0;
  for (; k < kFrom; i += stride) {
    if (isTest[lists[i + 2]]) continue;
    const w = lists[i];
    sumW += w;
    sumWY += lists[i + 1] * w;
    k++;
  }
  for (; k < kTo; i += stride) {
    if (isTest[lists[i + 2]]) continue;
    const w = lists[i];
    sumW += w;
    sumWY += lists[i + 1] * w;
    const e = yt - sumWY / sumW;
    sse[k++] += e * e;
  }
}

/** The prediction at k from one test row's list, by the same running sums as addSquaredErrors. O(list up to k). */
function predictionAt(lists: Float64Array, start: number, isTest: Uint8Array, k: number, uniform: boolean): number {
  let sumY = 0;
  let sumW = 0;
  let sumWY = 0;
  let dominantCount = 0;
  let dominantSumY = 0;
  const stride = STRIDE;
  for (let i = start, kept = 0; kept < k; i += stride) {
    if (isTest[lists[i + 2]]) continue;
    kept++;
    const yj = lists[i + 1];
    if (uniform) {
      sumY += yj;
      continue;
    }
    const w = lists[i];
    if (isDominant(w)) {
      dominantCount++;
      dominantSumY += yj;
    } else {
      sumW += w;
      sumWY += yj * w;
    }
  }
  if (uniform) return sumY / k;
  return dominantCount > 0 ? dominantSumY / dominantCount : sumWY / sumW;
}
