import { memo, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { scoresAt } from '../../ml/sweep';
import type { ShownMetric } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { errorTick, kAxisProps, kTicks } from '../../ui/chart-ticks';
import { fixed2 } from '../../ui/format';
import { ActiveDot, Curve, Markers, SpreadBand, TieTicks } from './chart-layers';
import { ChartAxesContext, ChartViewContext, CurveCommitContext, sameNumbers, type ChartAxes, type ChartView } from './chart-view';
import { SHOWN_LABELS } from './model-choices';
import { shownValue } from './scores';
import { useSweepMeasures } from './use-sweep-measures';
import { valueAxis, type ValueAxis } from './value-axis';
import { useTargetUnits } from './use-target-units';

// Recharts 3 keeps the chart in its own store and reports props to it from effects: a re-render of LineChart, a new
// `data` array or a changed axis prop object each costs dispatches and a re-render of axes, grid and ticks. So
// Recharts draws the frame (axes, grid, tooltip, size) from data that changes only with the k range, each axis
// re-renders alone when its own settings move, and the curve and markers (chart-layers.tsx) draw each sweep with
// the chart's scales. A seed step re-renders those layers and, now and then, the value axis.

const MARGIN = { top: 24, right: 24, bottom: 24, left: 8 };
const FILL_PARENT = { width: '100%', height: '100%' };
const Y_LABEL_STYLE = { textAnchor: 'middle' } as const;
/** Slider moves closer together than this are one drag, during which the value axis only grows. */
const DRAG_SETTLE_MS = 400;

/** One row per k: all Recharts needs for the k axis and the tooltip. Cached, so it changes only with kMax. */
const kRows = (() => {
  const cache = new Map<number, { k: number }[]>();
  return (kMax: number) => {
    let rows = cache.get(kMax);
    if (!rows) cache.set(kMax, (rows = Array.from({ length: kMax }, (_, i) => ({ k: i + 1 }))));
    return rows;
  };
})();

function KAxis() {
  const { kMax, logK, xTicks } = useContext(ChartAxesContext)!;
  return useMemo(() => (
    <XAxis {...kAxisProps(kMax, logK, xTicks)} />
  ), [logK, kMax, xTicks]);
}

function ValueAxisY() {
  const { show, yDomain, yTicks } = useContext(ChartAxesContext)!;
  const { price, squared } = useTargetUnits();
  const unit = show === 'mse' ? squared : show === 'r2' ? '' : price;
  return useMemo(() => (
    <YAxis
      stroke="var(--muted)"
      width={56}
      domain={yDomain as [number, number]}
      ticks={yTicks as number[]}
      allowDataOverflow
      tickFormatter={errorTick}
      label={{ value: `Test ${SHOWN_LABELS[show]} ${unit}`.trim(), angle: -90, position: 'insideLeft', offset: 12, fill: 'var(--muted)', style: Y_LABEL_STYLE }}
    />
  ), [yDomain, yTicks, show, unit]);
}

function ScoreTooltip({ active, label }: Partial<TooltipContentProps>) {
  const result = useContext(ChartViewContext)?.result;
  const k = Number(label);
  if (!result || !active || !Number.isInteger(k) || k < 1 || k > result.kMax) return null;
  const s = scoresAt(result, k);
  return (
    <div className="chart-tooltip">
      <strong>k = {k}</strong>
      <dl>
        <dt>MSE</dt><dd>{fixed2(s.mse)}</dd>
        <dt>RMSE</dt><dd>{fixed2(s.rmse)}</dd>
        <dt>MAE</dt><dd>{fixed2(s.mae)}</dd>
        <dt>R²</dt><dd>{fixed2(s.r2)}</dd>
        {result.cv && (
          <>
            <dt>MSE std</dt><dd>{fixed2(result.cv.mseStd[k - 1])}</dd>
          </>
        )}
        {result.tiedRows[k - 1] > 0 && (
          <>
            <dt>Tied rows</dt><dd>{result.tiedRows[k - 1]} of {result.nTest}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

// Recharts hides a tooltip without payload rows, and with no Recharts series there are none; the content reads the
// sweep itself, and renders nothing unless Recharts says the tooltip is active.
const TOOLTIP_VISIBLE = { visibility: 'visible' } as const;

// Constant elements: React skips them when LineChart re-renders, and LineChart re-renders only with kMax or metric.
const CHART_CHILDREN = (
  <>
    <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
    <KAxis />
    <ValueAxisY />
    <Tooltip content={<ScoreTooltip />} isAnimationActive={false} wrapperStyle={TOOLTIP_VISIBLE} />
    <SpreadBand />
    <TieTicks />
    <Curve />
    <Markers />
    <ActiveDot />
  </>
);

const Frame = memo(function Frame({ kMax, show }: { kMax: number; show: ShownMetric }) {
  return (
    <LineChart responsive data={kRows(kMax)} style={FILL_PARENT} margin={MARGIN} title={`Test ${SHOWN_LABELS[show]} against k`}>
      {CHART_CHILDREN}
    </LineChart>
  );
});

/** True from a drag input until DRAG_SETTLE_MS pass without another. */
function useDragging(revision: number): boolean {
  const source = useLab((s) => s.lastChangeSource);
  const [settled, setSettled] = useState(revision);
  useEffect(() => {
    if (source !== 'drag') return;
    const timer = setTimeout(() => setSettled(revision), DRAG_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [source, revision]);
  return source === 'drag' && settled !== revision;
}

/**
 * The value axis for these numbers. During a drag it only grows, so the curve is not rescaled at every step (the
 * page stays readable, and Recharts redraws its axis rarely); once the drag settles it fits the numbers again.
 */
function useValueAxis(values: Float64Array | null, baseline: number, show: ShownMetric, dragging: boolean): ValueAxis | null {
  const [kept, setKept] = useState<{ axis: ValueAxis; show: ShownMetric } | null>(null);
  if (!values) return null;
  const wanted = valueAxis(values, baseline, show, dragging && kept?.show === show ? kept.axis.domain : undefined);
  if (kept && kept.show === show && sameNumbers(kept.axis.domain, wanted.domain) && sameNumbers(kept.axis.ticks, wanted.ticks)) return kept.axis;
  setKept({ axis: wanted, show }); // React re-renders at once with it; the next pass returns kept.axis
  return wanted;
}

/** The error-versus-k chart; its curve's commits close the `sweep` User Timing measures. */
export function ErrorChart() {
  const { result, revision, show, logK, k } = useLab(useShallow((s) => ({
    result: s.sweep.result, revision: s.sweep.revision, show: s.settings.show, logK: s.settings.kAxis === 'log', k: s.settings.k,
  })));
  const kMax = result?.kMax ?? 0;
  const baseline = result ? result.baseline[show] : 0;
  const values = useMemo(() => {
    if (!result) return null;
    const v = new Float64Array(result.kMax);
    for (let i = 0; i < v.length; i++) v[i] = shownValue(result, show, i + 1);
    return v;
  }, [result, show]);
  const band = useMemo(() => {
    if (!result?.cv || show !== 'mse') return null;
    const lower = new Float64Array(result.kMax);
    const upper = new Float64Array(result.kMax);
    for (let i = 0; i < result.kMax; i++) {
      lower[i] = result.mse[i] - result.cv.mseStd[i];
      upper[i] = result.mse[i] + result.cv.mseStd[i];
    }
    return { lower, upper };
  }, [result, show]);
  // The axis must hold the band too, or its upper edge would be cut off.
  const axisValues = useMemo(() => (band && values ? Float64Array.of(...values, ...band.lower, ...band.upper) : values), [band, values]);
  const dragging = useDragging(revision);
  const axis = useValueAxis(axisValues, baseline, show, dragging);
  const xTicks = useMemo(() => kTicks(kMax, logK), [logK, kMax]);
  const series = useMemo(() => (values && axis ? { values, yDomain: axis.domain, xTicks } : null), [values, axis, xTicks]);
  const axes = useMemo<ChartAxes | null>(
    () => (axis ? { kMax, logK, xTicks, show, yDomain: axis.domain, yTicks: axis.ticks } : null),
    [axis, kMax, logK, xTicks, show],
  );
  const selectedK = result ? Math.min(k ?? result.best.k, result.kMax) : 0;
  const view = useMemo<ChartView | null>(
    () => (result && series ? { result, series, best: result.best.k, selectedK, baseline, band, oneSeK: result.cv?.oneSeK ?? null } : null),
    [result, series, selectedK, baseline, band],
  );
  const { onCurveCommit, onChartCommit } = useSweepMeasures();

  useLayoutEffect(() => {
    onChartCommit(revision, series);
  }, [revision, series, onChartCommit]);

  if (!view || !axes) return <div className="chart chart--empty" aria-hidden="true" />;
  return (
    <div className="chart">
      <ChartAxesContext value={axes}>
        <ChartViewContext value={view}>
          <CurveCommitContext value={onCurveCommit}>
            <Frame kMax={kMax} show={show} />
          </CurveCommitContext>
        </ChartViewContext>
      </ChartAxesContext>
    </div>
  );
}
