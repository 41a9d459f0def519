import { createContext } from 'react';
import type { ShownMetric } from '../../store/lab-settings';
import type { SweepSummary } from '../../store/services';

/** The shown metric at k = 1..kMax (index k − 1), with the axes it is drawn against. */
export interface Series {
  values: Float64Array;
  yDomain: readonly [number, number];
  /** The k axis ticks; they differ between the linear and the log scale. */
  xTicks: readonly number[];
}

/** What the drawn layers show. It reaches them through context, so the Recharts frame around them stays still. */
export interface ChartView {
  result: SweepSummary;
  series: Series;
  best: number;
  selectedK: number;
  baseline: number;
  /** K-fold mode, MSE shown: the mean ± one standard deviation across folds, per k (index k − 1). */
  band: { lower: Float64Array; upper: Float64Array } | null;
  /** K-fold mode: the one-standard-error k. */
  oneSeK: number | null;
}

/** Axis settings; read by the axis wrappers, so a moved axis re-renders that axis and not the whole chart. */
export interface ChartAxes {
  kMax: number;
  logK: boolean;
  xTicks: readonly number[];
  show: ShownMetric;
  yDomain: readonly [number, number];
  yTicks: readonly number[];
}

/** What the curve drew at a commit: its values and the axes Recharts had applied by then. */
export interface DrawnCurve {
  values: Float64Array;
  yDomain: readonly unknown[] | undefined;
  xTicks: readonly unknown[] | undefined;
}

export const ChartViewContext = createContext<ChartView | null>(null);
export const ChartAxesContext = createContext<ChartAxes | null>(null);
/** Called by the curve after every commit that redrew it. */
export const CurveCommitContext = createContext<(drawn: DrawnCurve) => void>(() => {});

/** Element-wise equality for small number arrays (ticks, domains). */
export const sameNumbers = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
