import type { ShownMetric } from '../../store/lab-settings';

/** The value axis of the error chart: a domain on round numbers and the ticks on it. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

const MAX_INTERVALS = 5;

/** The smallest of 1, 2, 2.5 or 5 × 10ⁿ that cuts `span` into at most `intervals` pieces. */
export function niceStep(span: number, intervals: number): number {
  const raw = span / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw * (1 - 1e-12)) ?? 10) * magnitude;
}

/**
 * Domain and ticks covering every value, the baseline and `keep` (a range to stay within view, e.g. the axis shown
 * so far during a drag), from 0 for errors and up to 1 for R². O(values). Computed here rather than by Recharts so
 * the axis is a pure function of the numbers, and Recharts skips its own nice-tick search.
 */
export function valueAxis(values: ArrayLike<number>, baseline: number, show: ShownMetric, keep?: readonly [number, number]): ValueAxis {
  let lo = Number.isFinite(baseline) ? baseline : Infinity;
  let hi = Number.isFinite(baseline) ? baseline : -Infinity;
  if (keep) {
    lo = Math.min(lo, keep[0]);
    hi = Math.max(hi, keep[1]);
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) continue;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  if (show === 'r2') hi = 1;
  else lo = 0;
  if (!(hi > lo)) {
    if (show === 'r2') lo = hi - 1;
    else hi = lo + 1;
  }
  const step = niceStep(hi - lo, MAX_INTERVALS);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = show === 'r2' ? 1 : Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9; i++) ticks.push(Number((start + i * step).toPrecision(12)));
  return { domain: [Number(start.toPrecision(12)), Number(end.toPrecision(12))], ticks };
}
