/** Median as numpy computes it (mean of the two middle values for an even count). O(n log n); the input is not changed. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const PAIRWISE_BLOCK = 128;

/** numpy's pairwise summation of a contiguous run (8 running sums up to 128 values, halves above). O(n). */
export function pairwiseSum(values: Float64Array, start = 0, n = values.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[start + i];
    return s;
  }
  if (n <= PAIRWISE_BLOCK) {
    const r = values.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += values[start + i + j];
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += values[start + i];
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}
