import type { Weights } from './params';

/**
 * The prediction for every k = 1..kMax from one query's neighbours, given nearest first
 * (`sortedDist[i]`, `sortedY[i]` for the i-th nearest). Running sums make each k O(1). scikit-learn's distance rule: weight 1/d,
 * except that when any of the k neighbours is at distance 0, those share the weight and the rest get none.
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
  let zeroCount = 0;
  let zeroSumY = 0;
  for (let k = 1; k <= kMax; k++) {
    const yj = sortedY[k - 1];
    if (weights === 'uniform') {
      sumY += yj;
      out[k - 1] = sumY / k;
      continue;
    }
    const d = sortedDist[k - 1];
    if (d === 0) {
      zeroCount++;
      zeroSumY += yj;
    } else {
      const w = 1 / d;
      sumW += w;
      sumWY += yj * w;
    }
    out[k - 1] = zeroCount > 0 ? zeroSumY / zeroCount : sumWY / sumW;
  }
}

/** Each neighbour's share of the prediction at k (they sum to 1), by the same rule as predictionsForEveryK. O(k). */
export function neighbourShares(sortedDist: Float64Array, k: number, weights: Weights): Float64Array {
  const shares = new Float64Array(k);
  if (weights === 'uniform') return shares.fill(1 / k);
  let zeros = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const d = sortedDist[i];
    if (d === 0) zeros++;
    else total += 1 / d;
  }
  for (let i = 0; i < k; i++) {
    const d = sortedDist[i];
    shares[i] = zeros > 0 ? (d === 0 ? 1 / zeros : 0) : 1 / d / total;
  }
  return shares;
}
