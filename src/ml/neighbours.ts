import type { Metric } from './params';

/** Distance between row a of `xa` and row b of `xb` (both row-major, d wide). O(d). */
export function rowDistance(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, b: number, d: number): number {
  const oa = a * d;
  const ob = b * d;
  let s = 0;
  if (metric === 'euclidean') {
    for (let c = 0; c < d; c++) {
      const t = xa[oa + c] - xb[ob + c];
      s += t * t;
    }
    return Math.sqrt(s);
  }
  for (let c = 0; c < d; c++) s += Math.abs(xa[oa + c] - xb[ob + c]);
  return s;
}

/** Distances from row `a` of `xa` to every row of `xb` (nB rows), written into `out`. O(nB · d). */
export function distancesToAll(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, nB: number, d: number, out: Float64Array): void {
  const oa = a * d;
  // Two monomorphic loops: this is the sweep's hottest code, and a per-pair call or branch costs ~30 %.
  if (metric === 'euclidean') {
    for (let b = 0, ob = 0; b < nB; b++, ob += d) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = xa[oa + c] - xb[ob + c];
        s += t * t;
      }
      out[b] = Math.sqrt(s);
    }
    return;
  }
  for (let b = 0, ob = 0; b < nB; b++, ob += d) {
    let s = 0;
    for (let c = 0; c < d; c++) s += Math.abs(xa[oa + c] - xb[ob + c]);
    out[b] = s;
  }
}

/**
 * Sorts `order` (positions 0..n−1) by `key[order[i]]` ascending, equal keys by `tie[position]`
 * (the dataset row), so neighbours come in one deterministic order however the rows were split.
 * Keys must be ≥ 0 (distances). A bucket pass (one bucket per key on average) leaves each key near
 * its place and an insertion pass finishes: O(n) for spread-out distances, where a comparison sort
 * spends most of the sweep on mispredicted branches. Crowded buckets fall back to quicksort: O(n log n).
 */
export function argsortInto(key: Float64Array, order: Uint32Array, n: number, tie: ArrayLike<number>): void {
  if (n < 64 || !bucketSort(key, order, n, tie)) {
    for (let i = 0; i < n; i++) order[i] = i;
    sortRange(key, tie, order, 0, n - 1);
  }
}

// A bucket this full costs up to ~MAX_BUCKET²/4 shifts, still below a comparison sort for a few hundred keys.
const MAX_BUCKET = 64;
let counts = new Uint32Array(0);

function bucketSort(key: Float64Array, order: Uint32Array, n: number, tie: ArrayLike<number>): boolean {
  let max = 0;
  for (let i = 0; i < n; i++) if (key[i] > max) max = key[i];
  if (!(max > 0) || !Number.isFinite(max)) return false;
  const buckets = n;
  if (counts.length < buckets + 1) counts = new Uint32Array(buckets + 1);
  counts.fill(0, 0, buckets + 1);
  const scale = (buckets - 1) / max;
  for (let i = 0; i < n; i++) counts[((key[i] * scale) | 0) + 1]++;
  for (let b = 0; b < buckets; b++) {
    if (counts[b + 1] > MAX_BUCKET) return false;
    counts[b + 1] += counts[b];
  }
  for (let i = 0; i < n; i++) order[counts[(key[i] * scale) | 0]++] = i;
  // Bucket boundaries are monotone in the key, so only neighbours within a bucket can be out of order.
  for (let i = 1; i < n; i++) {
    const v = order[i];
    let j = i - 1;
    while (j >= 0 && less(key, tie, v, order[j])) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
  return true;
}

function less(key: Float64Array, tie: ArrayLike<number>, a: number, b: number): boolean {
  const ka = key[a];
  const kb = key[b];
  return ka < kb || (ka === kb && tie[a] < tie[b]);
}

function sortRange(key: Float64Array, tie: ArrayLike<number>, order: Uint32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps already-sorted input from going quadratic.
    if (less(key, tie, order[mid], order[lo])) swap(order, mid, lo);
    if (less(key, tie, order[hi], order[lo])) swap(order, hi, lo);
    if (less(key, tie, order[hi], order[mid])) swap(order, hi, mid);
    const pivot = order[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(key, tie, order[i], pivot)) i++;
      while (less(key, tie, pivot, order[j])) j--;
      if (i <= j) {
        swap(order, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller side to bound the stack depth.
    if (j - lo < hi - i) {
      sortRange(key, tie, order, lo, j);
      lo = i;
    } else {
      sortRange(key, tie, order, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = order[i];
    let j = i - 1;
    while (j >= lo && less(key, tie, v, order[j])) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
}

function swap(order: Uint32Array, i: number, j: number): void {
  const t = order[i];
  order[i] = order[j];
  order[j] = t;
}
