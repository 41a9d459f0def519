import type { RowPredictions } from '../../ml/row-predictions';
import { formatTarget } from '../../ui/format-price';
import { niceStep } from './value-axis';

/** One test row as the error plots draw it; prices in $1000s, error = actual − predicted. */
export interface RowPoint {
  row: number;
  actual: number;
  predicted: number;
  error: number;
  /** Recorded at the dataset's cap, so its true price may be higher. */
  censored: boolean;
}

/** An axis on round numbers: its domain and the ticks on it. */
export interface PlotAxis {
  domain: [number, number];
  ticks: number[];
}

const INTERVALS = 5;

/** The plotted rows, with their errors and, where the target is known to be capped (Boston's 50.0), censoring. O(rows). */
export function rowPoints(p: RowPredictions, capped = true): RowPoint[] {
  return Array.from(p.rows, (row, i) => ({ row, actual: p.actual[i], predicted: p.predicted[i], error: p.actual[i] - p.predicted[i], censored: capped && p.actual[i] === p.censoredAt }));
}

/** Rows in the order a keyboard steps through them: by `x`, then by dataset row. O(rows log rows). */
export function byX(points: readonly RowPoint[], x: (p: RowPoint) => number): RowPoint[] {
  return [...points].sort((a, b) => x(a) - x(b) || a.row - b.row);
}

function ticksOf(start: number, end: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9; i++) ticks.push(Number((start + i * step).toPrecision(12)));
  return ticks;
}

/**
 * The price axis both plots share: from 0 (or below, for a negative price) to the censoring cap or the largest price,
 * on round numbers. It depends on the dataset rather than on k, so moving k moves the points and not the axes.
 */
export function priceAxis(points: readonly RowPoint[], cap: number): PlotAxis {
  let lo = 0;
  let hi = Number.isFinite(cap) ? cap : 0;
  for (const p of points) {
    for (const v of [p.actual, p.predicted]) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const step = niceStep(hi - lo, INTERVALS);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  return { domain: [start, end], ticks: ticksOf(start, end, step) };
}

/** An error axis centred on 0, reaching the largest error either way on a round number. */
export function errorAxis(points: readonly RowPoint[]): PlotAxis {
  let most = 0;
  for (const p of points) if (Number.isFinite(p.error)) most = Math.max(most, Math.abs(p.error));
  if (!(most > 0)) most = 1;
  const step = niceStep(2 * most, INTERVALS - 1);
  const end = Math.ceil(most / step - 1e-9) * step;
  return { domain: [-end, end], ticks: ticksOf(-end, end, step) };
}

/** Maps a domain onto a pixel range linearly. */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const scale = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * scale;
}

/** An axis tick in $1000s, short: 20 → "$20k", −5 → "−$5k", 0 → "$0". */
export function priceTick(thousands: number, dollars = true): string {
  if (!dollars) return formatTarget(thousands, false);
  if (thousands === 0) return '$0';
  return `${thousands < 0 ? '−' : ''}$${Number(Math.abs(thousands).toPrecision(6))}k`;
}

/** An error in dollars with its sign: 1.5 → "+$1,500", −2.25 → "−$2,250", 0 → "$0". */
export function signedDollars(thousands: number, dollars = true): string {
  const text = formatTarget(Math.abs(thousands), dollars);
  if (!Number.isFinite(thousands) || (dollars ? Math.round(thousands * 1000) === 0 : thousands === 0)) return text;
  return `${thousands < 0 ? '−' : '+'}${text}`;
}

/** What a screen reader says for a point; the tooltip shows the same. */
export function pointLabel(p: RowPoint, dollars = true): string {
  const censored = p.censored ? ' (at the censoring cap)' : '';
  const f = (v: number) => formatTarget(v, dollars);
  return `Row ${p.row}: actual ${f(p.actual)}${censored}, predicted ${f(p.predicted)}, error ${signedDollars(p.error, dollars)}`;
}
