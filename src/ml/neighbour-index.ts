import type { Dataset } from './datasets';
import { featureColumns, selectRows } from './design';
import { argsortInto, rowDistance } from './neighbours';
import type { Metric } from './params';

/**
 * Every row's neighbours among all rows, nearest first (ties by row). Unscaled distances do not depend
 * on the split, so one index serves every seed and test size: a sweep then walks these lists and skips
 * test rows instead of computing and sorting distances again.
 */
export interface NeighbourIndex {
  n: number;
  metric: Metric;
  /** n × (n − 1): for row r, the other rows nearest first. */
  neighbours: Uint32Array;
  /** n × (n − 1): the matching distances. */
  distances: Float64Array;
}

/** Rows above this make the n² index too large to be worth it (n = 3000 is ~100 MB). */
export const MAX_INDEXED_ROWS = 2500;

/** Builds the index for these unscaled feature columns. O(n² · d + n² log n) time, O(n²) memory. */
export function buildNeighbourIndex(dataset: Dataset, features: readonly string[], metric: Metric): NeighbourIndex {
  const n = dataset.nRows;
  const columns = featureColumns(dataset, features);
  const d = columns.length;
  const all = new Uint32Array(n).map((_, i) => i);
  const x = selectRows(dataset.x, dataset.nFeatures, all, columns);
  const pairwise = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const dist = rowDistance(metric, x, a, x, b, d);
      pairwise[a * n + b] = dist;
      pairwise[b * n + a] = dist;
    }
  }
  const width = n - 1;
  const neighbours = new Uint32Array(n * width);
  const distances = new Float64Array(n * width);
  const key = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    key.set(pairwise.subarray(r * n, (r + 1) * n));
    key[r] = Number.POSITIVE_INFINITY; // a row is not its own neighbour; it sorts last and is dropped
    argsortInto(key, order, n, all);
    for (let i = 0; i < width; i++) {
      neighbours[r * width + i] = order[i];
      distances[r * width + i] = key[order[i]];
    }
  }
  return { n, metric, neighbours, distances };
}

/**
 * Fills the `count` training rows nearest to dataset row `row`, nearest first, skipping rows where `isTest` is 1;
 * returns true when a training row past them is at the last one's distance with another target (see
 * SortedNeighbourSource). O(count + test rows skipped + rows tied with the last).
 */
export function sortedTrainingNeighbours(
  index: NeighbourIndex,
  row: number,
  isTest: Uint8Array,
  y: Float64Array,
  count: number,
  sortedDist: Float64Array,
  sortedY: Float64Array,
): boolean {
  const width = index.n - 1;
  const base = row * width;
  let k = 0;
  let i = 0;
  for (; i < width && k < count; i++) {
    const other = index.neighbours[base + i];
    if (isTest[other]) continue;
    sortedDist[k] = index.distances[base + i];
    sortedY[k] = y[other];
    k++;
  }
  const last = sortedDist[count - 1];
  const lastY = sortedY[count - 1];
  for (; i < width && index.distances[base + i] === last; i++) {
    const other = index.neighbours[base + i];
    if (!isTest[other] && y[other] !== lastY) return true;
  }
  return false;
}
