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
  for (let b = 0; b < nB; b++) out[b] = rowDistance(metric, xa, a, xb, b, d);
}

/**
 * Sorts `order` (positions 0..n−1) by `key[order[i]]` ascending, ties by position, so the
 * neighbour order is deterministic. Quicksort with insertion sort for short runs: O(n log n).
 */
export function argsortInto(key: Float64Array, order: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) order[i] = i;
  sortRange(key, order, 0, n - 1);
}

function less(key: Float64Array, a: number, b: number): boolean {
  const ka = key[a];
  const kb = key[b];
  return ka < kb || (ka === kb && a < b);
}

function sortRange(key: Float64Array, order: Uint32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps already-sorted input from going quadratic.
    if (less(key, order[mid], order[lo])) swap(order, mid, lo);
    if (less(key, order[hi], order[lo])) swap(order, hi, lo);
    if (less(key, order[hi], order[mid])) swap(order, hi, mid);
    const pivot = order[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(key, order[i], pivot)) i++;
      while (less(key, pivot, order[j])) j--;
      if (i <= j) {
        swap(order, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller side to bound the stack depth.
    if (j - lo < hi - i) {
      sortRange(key, order, lo, j);
      lo = i;
    } else {
      sortRange(key, order, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = order[i];
    let j = i - 1;
    while (j >= lo && less(key, v, order[j])) {
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
