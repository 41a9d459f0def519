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
  distanceKeys(metric, xa, a, xb, nB, d, out);
  if (metric === 'euclidean') for (let b = 0; b < nB; b++) out[b] = Math.sqrt(out[b]);
}

/**
 * Each row's distance before any square root: the sum of squares for Euclidean (its root is rowDistance's to the
 * last bit), the distance itself for Manhattan. The sweep's hottest code. Four rows at a time: one running sum waits
 * on each add, four independent ones keep the CPU busy (~3× faster at d = 8); each sum still adds its columns in
 * order. Two monomorphic loops, as a per-pair call or branch costs ~30 %.
 */
function distanceKeys(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, nB: number, d: number, out: Float64Array): void {
  const oa = a * d;
  const d2 = 2 * d;
  const d3 = 3 * d;
  const euclidean = metric === 'euclidean';
  let b = 0;
  let ob = 0;
  if (euclidean) {
    for (; b + 3 < nB; b += 4, ob += 4 * d) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < d; c++) {
        const q = xa[oa + c];
        const o = ob + c;
        const t0 = q - xb[o];
        const t1 = q - xb[o + d];
        const t2 = q - xb[o + d2];
        const t3 = q - xb[o + d3];
        s0 += t0 * t0;
        s1 += t1 * t1;
        s2 += t2 * t2;
        s3 += t3 * t3;
      }
      out[b] = s0;
      out[b + 1] = s1;
      out[b + 2] = s2;
      out[b + 3] = s3;
    }
  } else {
    for (; b + 3 < nB; b += 4, ob += 4 * d) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < d; c++) {
        const q = xa[oa + c];
        const o = ob + c;
        s0 += Math.abs(q - xb[o]);
        s1 += Math.abs(q - xb[o + d]);
        s2 += Math.abs(q - xb[o + d2]);
        s3 += Math.abs(q - xb[o + d3]);
      }
      out[b] = s0;
      out[b + 1] = s1;
      out[b + 2] = s2;
      out[b + 3] = s3;
    }
  }
  for (; b < nB; b++, ob += d) {
    let s = 0;
    for (let c = 0; c < d; c++) {
      const t = xa[oa + c] - xb[ob + c];
      s += euclidean ? t * t : Math.abs(t);
    }
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
  if (identity.length < n) identity = Uint32Array.from({ length: n }, (_, i) => i);
  sortPositions(key, tie, identity, n, order);
}

/**
 * Puts the positions whose key is ≤ `limit` into order[0..c), sorted as argsortInto sorts them, and returns c.
 * One pass over the n keys, then a sort of those c: O(n + c) for spread-out keys. `order` needs n places.
 */
export function argsortWithin(key: Float64Array, n: number, tie: ArrayLike<number>, limit: number, order: Uint32Array): number {
  const kept = keptScratch(n);
  let c = 0;
  for (let i = 0; i < n; i++) if (key[i] <= limit) kept[c++] = i;
  sortPositions(key, tie, kept, c, order);
  return c;
}

/**
 * Row `a` of `xa`'s `count` nearest rows of `xb`, as distancesToAll then argsortInto would order them (by distance,
 * equal distances by `tie`), without ordering the rest: order[0..count) holds them, followed (sorted too) by at least
 * every other row at the count-th's distance. Returns how many places of `order` are sorted (≥ count); `dist` holds
 * the distance of each of those positions (other entries are scratch). Distances of a few sampled rows set a limit a
 * little above the count-th, one pass keeps the rows under it (~1.4 × count of them) and only those are rooted and
 * sorted: O(nB · d + count) a call. All nB are sorted when count is over nB/4, or when the limit falls short
 * (rare). `dist` and `order` need nB places.
 */
export function nearestRows(
  metric: Metric,
  xa: Float64Array,
  a: number,
  xb: Float64Array,
  nB: number,
  d: number,
  tie: ArrayLike<number>,
  count: number,
  dist: Float64Array,
  order: Uint32Array,
): number {
  if (count * 4 <= nB && nB >= MIN_PARTIAL) {
    distanceKeys(metric, xa, a, xb, nB, d, dist);
    const limit = sampledLimit(dist, nB, count);
    const kept = keptScratch(nB);
    let c = 0;
    for (let i = 0; i < nB; i++) if (dist[i] <= limit) kept[c++] = i;
    if (c >= count) {
      const euclidean = metric === 'euclidean';
      if (euclidean) for (let j = 0; j < c; j++) dist[kept[j]] = Math.sqrt(dist[kept[j]]);
      sortPositions(dist, tie, kept, c, order);
      // A row left out has a key above the limit, so a distance ≥ its root (the root is monotone but may round two
      // keys to one distance): below that, the count-th and every row tied with it are among those kept.
      if (dist[order[count - 1]] < (euclidean ? Math.sqrt(limit) : limit)) return c;
    }
  }
  distancesToAll(metric, xa, a, xb, nB, d, dist);
  argsortInto(dist, order, nB, tie);
  return nB;
}

/**
 * Row a of `xa`'s keys to rows from..to−1 of `xb` (both d wide), out[j] for row from + j: the squared Euclidean
 * distance (whose root is rowDistance's to the last bit) or the Manhattan distance, four rows at a time. Row a minus
 * row b, as rowDistance(xa, a, xb, b) subtracts; the key is the same either way round. O((to − from) · d).
 */
export function keysToRows(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, from: number, to: number, d: number, out: Float64Array): void {
  distanceKeys(metric, xa, a, xb.subarray(from * d, to * d), to - from, d, out);
}

/**
 * Each row of `x`'s (n rows, d wide) distance to its nearest other row, written into `out`, equal to the last bit to
 * the least rowDistance to any other row. Each pair's key once: O(n² · d / 2). A square root is monotone, so the
 * least key's root is the least distance and only n roots are taken.
 */
export function nearestOtherDistances(metric: Metric, x: Float64Array, n: number, d: number, out: Float64Array): void {
  out.fill(Infinity, 0, n);
  const keys = new Float64Array(n);
  for (let a = 0; a + 1 < n; a++) {
    keysToRows(metric, x, a, x, a + 1, n, d, keys);
    let best = out[a];
    for (let j = 0, b = a + 1; b < n; j++, b++) {
      const key = keys[j];
      if (key < best) best = key;
      if (key < out[b]) out[b] = key;
    }
    out[a] = best;
  }
  if (metric === 'euclidean') for (let a = 0; a < n; a++) out[a] = Math.sqrt(out[a]);
}

// Below this many keys a full sort costs next to nothing.
const MIN_PARTIAL = 256;
const SAMPLE_SIZE = 1024;
const samples = new Float64Array(SAMPLE_SIZE);

/**
 * A key that, with high probability (~99.9 %), at least `count` of the n keys do not exceed, and not many more: the
 * sampled keys' value at the rank where count/n of them are expected, plus three standard deviations of that count.
 */
function sampledLimit(key: Float64Array, n: number, count: number): number {
  const sample = samples;
  const size = Math.min(SAMPLE_SIZE, n);
  const step = n / size;
  for (let s = 0; s < size; s++) sample[s] = key[Math.floor(s * step)];
  const expected = (size * count) / n;
  const rank = Math.ceil(expected + 3 * Math.sqrt(expected) + 2);
  return rank >= size ? Infinity : nthSmallest(sample, size, rank);
}

/** The value of rank r (0-based) among a[0..n), by quickselect; reorders a. O(n) expected. */
export function nthSmallest(a: Float64Array, n: number, r: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swapValues(a, mid, lo);
    if (a[hi] < a[lo]) swapValues(a, hi, lo);
    if (a[hi] < a[mid]) swapValues(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swapValues(a, i, j);
        i++;
        j--;
      }
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r];
  }
  return a[r];
}

function swapValues(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

// Scratch reused across calls (the callers are synchronous): 0..n−1, and the positions a filter keeps.
let identity = new Uint32Array(0);
let listed = new Uint32Array(0);

function keptScratch(n: number): Uint32Array {
  if (listed.length < n) listed = new Uint32Array(n);
  return listed;
}

/** Sorts the c positions listed in `from` into order[0..c) by (key, tie); `from` and `order` must differ. */
function sortPositions(key: Float64Array, tie: ArrayLike<number>, from: Uint32Array, c: number, order: Uint32Array): void {
  if (c < 64 || !bucketSort(key, tie, from, c, order)) {
    for (let i = 0; i < c; i++) order[i] = from[i];
    if (c > 1) sortRange(key, tie, order, 0, c - 1);
  }
}

// A bucket this full costs up to ~MAX_BUCKET²/4 shifts, still below a comparison sort for a few hundred keys.
const MAX_BUCKET = 64;
let bucketCounts = new Uint32Array(0);

function bucketSort(key: Float64Array, tie: ArrayLike<number>, from: Uint32Array, n: number, order: Uint32Array): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = key[from[i]];
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return false;
  const buckets = n;
  if (bucketCounts.length < buckets + 1) bucketCounts = new Uint32Array(buckets + 1);
  const counts = bucketCounts;
  counts.fill(0, 0, buckets + 1);
  const scale = (buckets - 1) / span;
  for (let i = 0; i < n; i++) counts[(((key[from[i]] - min) * scale) | 0) + 1]++;
  for (let b = 0; b < buckets; b++) {
    if (counts[b + 1] > MAX_BUCKET) return false;
    counts[b + 1] += counts[b];
  }
  for (let i = 0; i < n; i++) {
    const p = from[i];
    order[counts[((key[p] - min) * scale) | 0]++] = p;
  }
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
