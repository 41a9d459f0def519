import { useContext, useLayoutEffect, useMemo } from 'react';
import { useActiveTooltipLabel, usePlotArea, useXAxisScale, useXAxisTicks, useYAxisDomain, useYAxisScale } from 'recharts';
import { fixed2 } from '../../ui/format';
import { ChartViewContext, CurveCommitContext } from './chart-view';

// The layers that change on every seed step, drawn inside the Recharts chart with its own scales. Recharts' Line
// would take the numbers through its store (a dispatch, then a re-render of axes, grid and ticks, 20–40 ms here) and
// measure its path with getTotalLength; its ReferenceLine re-registers after every render. These are plain SVG.

const LABEL_GAP = 5;

/** The curve as one SVG path; reports what it drew, so the `sweep` measure ends when the numbers are on screen. */
export function Curve() {
  const series = useContext(ChartViewContext)?.series;
  const onCommit = useContext(CurveCommitContext);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const yDomain = useYAxisDomain();
  const xTicks = useXAxisTicks();
  const d = useMemo(() => {
    if (!series || !x || !y) return '';
    let path = '';
    for (let i = 0; i < series.values.length; i++) {
      const px = x(i + 1);
      const py = y(series.values[i]);
      if (px === undefined || py === undefined || !Number.isFinite(py)) continue;
      path += `${path ? 'L' : 'M'}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`;
    }
    return path;
  }, [series, x, y]);
  useLayoutEffect(() => {
    if (series) onCommit({ values: series.values, yDomain, xTicks: xTicks?.map((t) => t.value) });
  }, [d, series, yDomain, xTicks, onCommit]);
  return (
    <g className="chart-curve">
      <path d={d} fill="none" stroke="var(--line)" strokeWidth={2} strokeLinejoin="round" />
    </g>
  );
}

/** Baseline, best-k and selected-k markers. */
export function Markers() {
  const view = useContext(ChartViewContext);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  if (!view || !x || !y || !area) return null;
  const { best, selectedK, baseline, oneSeK } = view;
  const oneSeX = oneSeK !== null && oneSeK !== best ? x(oneSeK) : undefined;
  const bestX = x(best);
  const selectedX = x(selectedK);
  const baselineY = y(baseline);
  if (bestX === undefined || selectedX === undefined || baselineY === undefined) return null;
  const top = area.y;
  const bottom = area.y + area.height;
  const right = area.x + area.width;
  return (
    <g className="chart-markers">
      <g className="chart-marker chart-marker--baseline">
        <line x1={area.x} x2={right} y1={baselineY} y2={baselineY} stroke="var(--baseline)" strokeDasharray="6 4" />
        <text x={right - LABEL_GAP} y={baselineY + LABEL_GAP} dy="0.71em" textAnchor="end" fill="var(--baseline)" fontSize={12}>
          baseline (training mean) {fixed2(baseline)}
        </text>
      </g>
      <g className="chart-marker chart-marker--best">
        <line x1={bestX} x2={bestX} y1={top} y2={bottom} stroke="var(--best)" strokeWidth={2} />
        <text x={bestX} y={top - LABEL_GAP} textAnchor="middle" fill="var(--best)" fontSize={12}>best k {best}</text>
      </g>
      {oneSeX !== undefined && (
        <g className="chart-marker chart-marker--one-se">
          <line x1={oneSeX} x2={oneSeX} y1={top} y2={bottom} stroke="var(--best)" strokeDasharray="1 3" strokeWidth={2} />
          <text x={oneSeX + LABEL_GAP} y={bottom - LABEL_GAP - 12} textAnchor="start" fill="var(--best)" fontSize={12}>one-SE k {oneSeK}</text>
        </g>
      )}
      {selectedK !== best && (
        <g className="chart-marker chart-marker--selected">
          <line x1={selectedX} x2={selectedX} y1={top} y2={bottom} stroke="var(--selected)" strokeDasharray="4 3" strokeWidth={2} />
          <text x={selectedX + LABEL_GAP} y={top + LABEL_GAP} dy="0.71em" textAnchor="start" fill="var(--selected)" fontSize={12}>
            k {selectedK}
          </text>
        </g>
      )}
    </g>
  );
}

/** The fold MSEs' mean ± one standard deviation, as a shaded band behind the curve (K-fold mode, MSE shown). */
export function SpreadBand() {
  const band = useContext(ChartViewContext)?.band;
  const x = useXAxisScale();
  const y = useYAxisScale();
  const d = useMemo(() => {
    if (!band || !x || !y) return '';
    const points: string[] = [];
    const at = (k: number, v: number) => {
      const px = x(k);
      const py = y(v);
      if (px !== undefined && py !== undefined && Number.isFinite(py)) points.push(`${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`);
    };
    for (let i = 0; i < band.upper.length; i++) at(i + 1, band.upper[i]);
    for (let i = band.lower.length - 1; i >= 0; i--) at(i + 1, band.lower[i]);
    return points.length ? `M${points.join('L')}Z` : '';
  }, [band, x, y]);
  if (!d) return null;
  return (
    <g className="chart-band">
      <path d={d} fill="var(--line)" fillOpacity={0.14} stroke="none" />
    </g>
  );
}

const TIE_TICK = 7;

/**
 * A short tick above the k axis at every k scikit-learn may score differently: some test row's prediction
 * depends on the tie rule, or on its brute-force arithmetic.
 */
export function TieTicks() {
  const result = useContext(ChartViewContext)?.result;
  const x = useXAxisScale();
  const area = usePlotArea();
  const d = useMemo(() => {
    if (!result || !x || !area) return '';
    const bottom = area.y + area.height;
    let path = '';
    for (let i = 0; i < result.kMax; i++) {
      if (result.tiedRows[i] === 0 && result.bruteRows[i] === 0) continue;
      const px = x(i + 1);
      if (px !== undefined) path += `M${Math.round(px * 10) / 10},${bottom}v${-TIE_TICK}`;
    }
    return path;
  }, [result, x, area]);
  if (!d) return null;
  return (
    <g className="chart-ties">
      <path d={d} stroke="var(--tie)" strokeWidth={1.5} />
    </g>
  );
}

/** The point on the curve at the k the tooltip shows. */
export function ActiveDot() {
  const series = useContext(ChartViewContext)?.series;
  const label = useActiveTooltipLabel();
  const x = useXAxisScale();
  const y = useYAxisScale();
  const k = Number(label);
  if (!series || !x || !y || !Number.isInteger(k) || k < 1 || k > series.values.length) return null;
  const cx = x(k);
  const cy = y(series.values[k - 1]);
  if (cx === undefined || cy === undefined) return null;
  return <circle className="chart-active-dot" cx={cx} cy={cy} r={4} fill="var(--line)" stroke="var(--panel)" strokeWidth={2} />;
}
