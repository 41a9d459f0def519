import { memo, useDeferredValue, useLayoutEffect, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { ShownMetric } from '../../store/lab-settings';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store/lab-store';
import { fixed2 } from '../../ui/format';
import type { SweepSummary } from '../../worker/lab-api';
import { SHOWN_LABELS } from './model-choices';
import { shownValue } from './scores';
import { scoresAt } from '../../ml/sweep';

const UNITS: Record<ShownMetric, string> = { mse: '($1000s)²', rmse: '$1000s', mae: '$1000s', r2: '' };

interface Point {
  k: number;
  value: number;
}

/** The shown metric against k, rebuilt only when the sweep or the metric changes, so k moves redraw little. */
function usePoints(result: SweepSummary | null, show: ShownMetric): Point[] {
  return useMemo(() => {
    if (!result) return [];
    const points = new Array<Point>(result.kMax);
    for (let i = 0; i < result.kMax; i++) points[i] = { k: i + 1, value: shownValue(result, show, i + 1) };
    return points;
  }, [result, show]);
}

function ScoreTooltip({ active, label, result }: Partial<TooltipContentProps> & { result: SweepSummary }) {
  const k = Number(label);
  if (!active || !Number.isInteger(k) || k < 1 || k > result.kMax) return null;
  const s = scoresAt(result, k);
  return (
    <div className="chart-tooltip">
      <strong>k = {k}</strong>
      <dl>
        <dt>MSE</dt><dd>{fixed2(s.mse)}</dd>
        <dt>RMSE</dt><dd>{fixed2(s.rmse)}</dd>
        <dt>MAE</dt><dd>{fixed2(s.mae)}</dd>
        <dt>R²</dt><dd>{fixed2(s.r2)}</dd>
      </dl>
    </div>
  );
}

interface PlotProps {
  result: SweepSummary;
  points: Point[];
  show: ShownMetric;
  logK: boolean;
  selectedK: number;
}

// Memoised on its props: the store's other fields (status, notices) must not redraw 454 points.
const Plot = memo(function Plot({ result, points, show, logK, selectedK }: PlotProps) {
  const best = result.best.k;
  const baseline = show === 'rmse' ? result.baseline.rmse : result.baseline[show];
  const label = SHOWN_LABELS[show];
  return (
    <LineChart
      responsive
      data={points}
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 24, right: 24, bottom: 24, left: 8 }}
      title={`Test ${label} against k`}
    >
      <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
      <XAxis
        dataKey="k"
        type="number"
        scale={logK ? 'log' : 'linear'}
        domain={[1, result.kMax]}
        allowDataOverflow
        ticks={logK ? logTicks(result.kMax) : linearTicks(result.kMax)}
        stroke="var(--muted)"
        label={{ value: logK ? 'k (log scale)' : 'k', position: 'insideBottom', offset: -12, fill: 'var(--muted)' }}
      />
      <YAxis
        stroke="var(--muted)"
        width={56}
        domain={show === 'r2' ? ['auto', 1] : [0, 'auto']}
        allowDataOverflow={show === 'r2'}
        tickFormatter={(v: number) => (Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number(v.toFixed(2))))}
        label={{ value: `Test ${label} ${UNITS[show]}`.trim(), angle: -90, position: 'insideLeft', offset: 12, fill: 'var(--muted)', style: { textAnchor: 'middle' } }}
      />
      <Tooltip content={(props) => <ScoreTooltip {...props} result={result} />} isAnimationActive={false} />
      <ReferenceLine y={baseline} stroke="var(--baseline)" strokeDasharray="6 4" ifOverflow="extendDomain"
        label={{ value: `baseline (training mean) ${fixed2(baseline)}`, position: 'insideTopRight', fill: 'var(--baseline)', fontSize: 12 }} />
      <ReferenceLine x={best} stroke="var(--best)" strokeWidth={2}
        label={{ value: `best k ${best}`, position: 'top', fill: 'var(--best)', fontSize: 12 }} />
      {selectedK !== best && (
        <ReferenceLine x={selectedK} stroke="var(--selected)" strokeDasharray="4 3" strokeWidth={2}
          label={{ value: `k ${selectedK}`, position: 'insideTopLeft', fill: 'var(--selected)', fontSize: 12 }} />
      )}
      <Line type="linear" dataKey="value" name={`Test ${label}`} stroke="var(--line)" strokeWidth={2} dot={false} activeDot={{ r: 4 }} isAnimationActive={false} />
    </LineChart>
  );
});

function linearTicks(kMax: number): number[] {
  const step = kMax > 250 ? 50 : kMax > 100 ? 25 : 10;
  const ticks = [1];
  for (let t = step; t <= kMax; t += step) ticks.push(t);
  return ticks;
}

function logTicks(kMax: number): number[] {
  return [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((t) => t <= kMax);
}

/** The error-versus-k chart; closes the `sweep` User Timing measure when an input's result is committed. */
export function ErrorChart() {
  const view = useLab(useShallow((s) => ({
    result: s.sweep.result, revision: s.sweep.revision, inputTime: s.sweep.inputTime, show: s.settings.show, logK: s.settings.kAxis === 'log', k: s.settings.k,
  })));
  // The store updates synchronously; deferring lets React draw the 454-point chart in interruptible slices, so
  // input keeps flowing and no single task blocks the page.
  const { result, revision, inputTime, show, logK, k } = useDeferredValue(view);
  const points = usePoints(result, show);

  useLayoutEffect(() => {
    // Layout effects run once React has written this (deferred) chart to the DOM, before paint.
    if (inputTime !== null && revision > 0) performance.measure('sweep', { start: inputTime, end: performance.now() });
  }, [revision, inputTime]);

  if (!result) return <div className="chart chart--empty" aria-hidden="true" />;
  const selectedK = Math.min(k ?? result.best.k, result.kMax);
  return (
    <div className="chart">
      <Plot result={result} points={points} show={show} logK={logK} selectedK={selectedK} />
    </div>
  );
}
