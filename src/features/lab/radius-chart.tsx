import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { RadiusCurve } from '../../ml/radius';
import type { ShownMetric } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { fixed2, percent1, whole } from '../../ui/format';
import { SHOWN_LABELS } from './model-choices';
import { radiusText, selectedRadiusIndex } from './radius-view';

const MARGIN = { top: 24, right: 16, bottom: 24, left: 8 };
const FILL_PARENT = { width: '100%', height: '100%' };

interface RadiusRow {
  radius: number;
  /** The shown score over the covered rows; null where no row is covered (a gap, never a NaN). */
  error: number | null;
  coverage: number;
  covered: number;
}

function shown(curve: RadiusCurve, show: ShownMetric, i: number): number {
  return show === 'rmse' ? Math.sqrt(curve.mse[i]) : curve[show][i];
}

function RadiusTooltip({ active, payload, nTest, show }: Partial<TooltipContentProps> & { nTest: number; show: ShownMetric }) {
  const row = payload?.[0]?.payload as RadiusRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>radius {radiusText(row.radius)}</strong>
      <dl>
        <dt>{SHOWN_LABELS[show]}</dt><dd>{row.error === null ? 'no row covered' : fixed2(row.error)}</dd>
        <dt>Coverage</dt><dd>{percent1(row.coverage)}</dd>
        <dt>Uncovered</dt><dd>{whole(nTest - row.covered)} of {whole(nTest)} test rows</dd>
      </dl>
    </div>
  );
}

/** Error (over the covered test rows) and coverage against the radius, with the best and the selected radius marked. */
export function RadiusChart() {
  const curve = useLab((s) => s.sweep.result?.radius ?? null);
  const show = useLab((s) => s.settings.show);
  const radius = useLab((s) => s.settings.radius);
  const rows = useMemo<RadiusRow[]>(
    () =>
      curve
        ? Array.from(curve.radii, (r, i) => {
            const value = shown(curve, show, i);
            return { radius: r, error: Number.isFinite(value) ? value : null, coverage: curve.coverage[i], covered: curve.covered[i] };
          })
        : [],
    [curve, show],
  );
  if (!curve) return <div className="chart chart--empty" aria-hidden="true" />;
  const selected = selectedRadiusIndex(curve, radius);
  const label = SHOWN_LABELS[show];
  return (
    <div className="chart">
      <LineChart responsive data={rows} style={FILL_PARENT} margin={MARGIN} title={`Test ${label} and coverage against the radius`}>
        <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
        <XAxis
          dataKey="radius"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={radiusText}
          stroke="var(--muted)"
          label={{ value: 'radius (distance units)', position: 'insideBottom', offset: -12, fill: 'var(--muted)' }}
        />
        <YAxis yAxisId="error" stroke="var(--muted)" width={56} tickFormatter={(v: number) => String(Number(v.toFixed(2)))} />
        <YAxis yAxisId="coverage" orientation="right" domain={[0, 1]} stroke="var(--baseline)" width={48} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
        <Tooltip content={<RadiusTooltip nTest={curve.nTest} show={show} />} isAnimationActive={false} />
        {/* Taller than its one line of entries: the "best" label sits above the plot, in the space left below them. */}
        <Legend verticalAlign="top" height={42} />
        <Line yAxisId="error" name={`Test ${label} (covered rows)`} dataKey="error" stroke="var(--line)" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="coverage" name="Coverage" dataKey="coverage" stroke="var(--baseline)" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        {curve.best && (
          <ReferenceLine yAxisId="error" x={curve.best.radius} stroke="var(--best)" strokeWidth={2} label={{ value: `best ${radiusText(curve.best.radius)}`, position: 'top', fill: 'var(--best)', fontSize: 12 }} />
        )}
        {selected !== null && selected !== curve.best?.index && (
          <ReferenceLine yAxisId="error" x={curve.radii[selected]} stroke="var(--selected)" strokeDasharray="4 3" strokeWidth={2} />
        )}
      </LineChart>
    </div>
  );
}
