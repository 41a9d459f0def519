import type { Weights } from './params';

/**
 * scikit-learn's distance weight, 1/d. Where it is infinite (d = 0, or a subnormal d whose reciprocal
 * overflows) that neighbour takes all the weight, shared equally with any other such neighbour, and the rest
 * get none: `isDominant` says which. The sweep, the fitted model and radius neighbours all weigh with these two.
 */
export const distanceWeight = (d: number): number => 1 / d;
export const isDominant = (weight: number): boolean => weight === Infinity;

/**
 * The prediction for every k = 1..kMax from one query's neighbours, given nearest first
 * (`sortedDist[i]`, `sortedY[i]` for the i-th nearest). Running sums make each k O(1).
 * Both the sweep and the fitted model call this, so their arithmetic is identical.
 */
export function predictionsForEveryK(
  sortedDist: Float64Array,
  sortedY: Float64Array,
  kMax: number,
  weights: Weights,
  out: Float64Array,
): void {
  let sumY = 0;
  let sumW = 0;
  let sumWY = 0;
  let dominantCount = 0;
  let dominantSumY = 0;
  for (let k = 1; k <= kMax; k++) {
    const yj = sortedY[k - 1];
    if (weights === 'uniform') {
      sumY += yj;
      out[k - 1] = sumY / k;
      continue;
    }
    const w = distanceWeight(sortedDist[k - 1]);
    if (isDominant(w)) {
      dominantCount++;
      dominantSumY += yj;
    } else {
      sumW += w;
      sumWY += yj * w;
    }
    out[k - 1] = dominantCount > 0 ? dominantSumY / dominantCount : sumWY / sumW;
  }
}

/** Each neighbour's share of the prediction at k (they sum to 1), by the same rule as predictionsForEveryK. O(k). */
export function neighbourShares(sortedDist: Float64Array, k: number, weights: Weights): Float64Array {
  const shares = new Float64Array(k);
  if (weights === 'uniform') return shares.fill(1 / k);
  let dominant = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const w = distanceWeight(sortedDist[i]);
    if (isDominant(w)) dominant++;
    else total += w;
  }
  for (let i = 0; i < k; i++) {
    const w = distanceWeight(sortedDist[i]);
    shares[i] = dominant > 0 ? (isDominant(w) ? 1 / dominant : 0) : w / total;
  }
  return shares;
}

/**
 * Adds one to `counts[k − 1]` for every k at which this query's prediction depends on the tie rule: its k-th
 * and (k+1)-th nearest training rows are at exactly the same distance, and the rows at that distance do not
 * all have one target. Elsewhere any order among equal distances gives the same prediction. The lists hold the
 * `length` nearest rows (all nTrain, or at least kMax + 1 of them); `tiePast` says a row past them is at the last
 * one's distance with another target. `scratch` holds kMax + 1 zeros on entry and on exit. O(length) comparisons at
 * worst, one per neighbour scanned.
 */
export function countTieAffected(
  sortedDist: Float64Array,
  sortedY: Float64Array,
  length: number,
  kMax: number,
  counts: Uint32Array,
  scratch: Int32Array,
  tiePast = false,
): void {
  // Groups of equal distance [start, end) that straddle some k ≤ kMax mark k = start + 1 .. end − 1. Most rows
  // have no equal neighbours at all, so a tight scan for the next equal pair skips the single-row groups.
  const last = Math.min(kMax, length - 1);
  let touched = false;
  let start = 0;
  for (;;) {
    while (start < last && sortedDist[start] !== sortedDist[start + 1]) start++;
    if (start >= last) break;
    const d = sortedDist[start];
    const y0 = sortedY[start];
    let end = start + 1;
    let mixed = false;
    while (end < length && sortedDist[end] === d) {
      if (sortedY[end] !== y0) mixed = true;
      end++;
    }
    // A group running off the lists' end continues past them; its members there count too.
    if (end === length && tiePast) mixed = true;
    if (mixed) {
      scratch[start]++;
      scratch[Math.min(end - 1, kMax)]--;
      touched = true;
    }
    start = end;
  }
  if (!touched) return;
  let running = 0;
  for (let i = 0; i < kMax; i++) {
    running += scratch[i];
    if (running > 0) counts[i]++;
    scratch[i] = 0;
  }
  scratch[kMax] = 0;
}
