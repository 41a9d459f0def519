import type { RowPredictions } from './row-predictions';

/** Most rows the error plots draw: each is a labelled SVG point, and thousands would stall the page. Boston's 506 fit. */
export const MAX_PLOTTED_ROWS = 600;

/** Row predictions cut down for drawing: `total` rows were priced, `largestErrors` of the kept ones are the largest errors. */
export type RowSample = RowPredictions & { total: number; largestErrors: number };

/**
 * At most `max` of the rows, in their original order: the max/4 with the largest errors (the rows worth a look) and
 * an even sample of the rest by recorded price, so the cloud keeps its shape and both ends; every row when there are
 * no more than `max`. Runs where the rows are priced (the worker), so the page only ever draws a few hundred.
 * O(n log n).
 */
export function sampleRowPredictions(p: RowPredictions, max = MAX_PLOTTED_ROWS): RowSample {
  const n = p.rows.length;
  if (n <= max) return { ...p, total: n, largestErrors: 0 };
  const largestErrors = Math.floor(max / 4);
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) size[i] = Math.abs(p.actual[i] - p.predicted[i]);
  const byError = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => size[b] - size[a] || p.rows[a] - p.rows[b]);
  const kept = new Uint8Array(n);
  for (let i = 0; i < largestErrors; i++) kept[byError[i]] = 1;
  const rest = Uint32Array.from({ length: n }, (_, i) => i)
    .filter((i) => !kept[i])
    .sort((a, b) => p.actual[a] - p.actual[b] || p.rows[a] - p.rows[b]);
  const wanted = max - largestErrors;
  for (let i = 0; i < wanted; i++) kept[rest[Math.round((i * (rest.length - 1)) / (wanted - 1))]] = 1;
  const pick = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => kept[i] === 1);
  return {
    ...p,
    rows: Uint32Array.from(pick, (i) => p.rows[i]),
    actual: Float64Array.from(pick, (i) => p.actual[i]),
    predicted: Float64Array.from(pick, (i) => p.predicted[i]),
    total: n,
    largestErrors,
  };
}
