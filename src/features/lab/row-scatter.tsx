import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatTarget } from '../../ui/format-price';
import { linear, pointLabel, priceTick, signedDollars, type PlotAxis, type RowPoint } from './row-points';

// A scatter of the test rows drawn as plain SVG: the points are a listbox of options with a roving tab stop, so one
// Tab enters the plot and the arrow keys step through the rows, and a screen reader reads each row as it is reached.

const MARGIN = { top: 10, right: 14, bottom: 42, left: 60 };
const MIN_HEIGHT = 220;
const MAX_HEIGHT = 300;
/** A pointer this close to a point (in px) picks it: the dots themselves are too small to aim at. */
const PICK_RADIUS = 24;
const PAGE = 10;
/** Room between the axes and the outermost points, so a point on the domain's edge is drawn whole. */
const INSET = 8;
const TIP_GAP = 12;
const DOT_RADIUS = 4;
const DIAMOND = 6;
const FOCUS_RING = 10;

export interface RowScatterProps {
  /** Names the listbox of points, e.g. "Test rows by actual and predicted price". */
  label: string;
  /** How the arrow keys move, read after the label. */
  keysHint: string;
  /** In keyboard order (left to right). */
  points: readonly RowPoint[];
  x: (p: RowPoint) => number;
  y: (p: RowPoint) => number;
  xAxis: PlotAxis;
  yAxis: PlotAxis;
  xLabel: string;
  yLabel: string;
  /** y = x for predicted against actual; y = 0 for residuals. */
  reference: 'diagonal' | 'zero';
  /** Boston's $1000s, shown as dollars; false for an imported target, shown as plain numbers. */
  dollars?: boolean;
  /** The row to ring (hovered or focused here or in the other plot). */
  activeRow: number | null;
  /** Show the tooltip for the active row in this plot. */
  showTooltip: boolean;
  /** The row focused in this plot, ringed in the focus colour. */
  focusedRow: number | null;
  /** The row that takes Tab into this plot (the last one visited), or the first when null or absent. */
  tabRow: number | null;
  onHover: (row: number | null) => void;
  onFocusRow: (row: number | null) => void;
  onDismiss: () => void;
}

/** Width of the element, following resizes. */
function useWidth() {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    setWidth(el.clientWidth);
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.current.observe(el);
  }, []);
  return [ref, width] as const;
}

function Marker({ p, cx, cy, className }: { p: RowPoint; cx: number; cy: number; className: string }) {
  return p.censored ? (
    <path className={`${className} row-point--censored`} d={`M${cx},${cy - DIAMOND}L${cx + DIAMOND},${cy}L${cx},${cy + DIAMOND}L${cx - DIAMOND},${cy}Z`} />
  ) : (
    <circle className={className} cx={cx} cy={cy} r={DOT_RADIUS} />
  );
}

/** The tooltip's text for a row, laid out like the error chart's. */
export function RowDetails({ p, dollars = true }: { p: RowPoint; dollars?: boolean }) {
  const formatDollars = (v: number) => formatTarget(v, dollars);
  return (
    <>
      <strong>Row {p.row}</strong>
      <dl>
        <dt>Actual</dt><dd>{formatDollars(p.actual)}{p.censored && ' (cap)'}</dd>
        <dt>Predicted</dt><dd>{formatDollars(p.predicted)}</dd>
        <dt>Error</dt><dd>{signedDollars(p.error, dollars)}</dd>
      </dl>
    </>
  );
}

/** One scatter plot of the test rows, with its axes, reference line, keyboard stepping and tooltip. */
export function RowScatter(props: RowScatterProps) {
  const { label, keysHint, points, x, y, xAxis, yAxis, xLabel, yLabel, reference, activeRow, showTooltip, focusedRow, tabRow, onHover, onFocusRow, onDismiss, dollars = true } = props;
  const [boxRef, width] = useWidth();
  const hintId = useId();
  const refs = useRef(new Map<number, SVGElement>());
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, width * 0.72)));
  // Room for the widest y tick (11 px tabular digits, about 6.3 px each) right of the rotated axis title, so a
  // target in the hundreds of thousands ("−100,000") does not run into it.
  const longestTick = Math.max(0, ...yAxis.ticks.map((t) => priceTick(t, dollars).length));
  const left = Math.max(MARGIN.left, Math.ceil(30 + longestTick * 6.3));
  const right = Math.max(left + 1, width - MARGIN.right);
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;

  const geometry = useMemo(() => {
    const sx = linear(xAxis.domain, [left + INSET, right - INSET]);
    const sy = linear(yAxis.domain, [bottom - INSET, top + INSET]);
    const at = points.map((p) => ({ p, cx: Math.round(sx(x(p)) * 10) / 10, cy: Math.round(sy(y(p)) * 10) / 10 }));
    return { sx, sy, at };
  }, [points, x, y, xAxis, yAxis, left, right, top, bottom]);
  const { sx, sy, at } = geometry;
  const indexOf = useMemo(() => new Map(points.map((p, i) => [p.row, i])), [points]);
  const stop = tabRow !== null && indexOf.has(tabRow) ? tabRow : (points[0]?.row ?? null);

  const nearest = (event: { clientX: number; clientY: number; currentTarget: Element }): number | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    let best: number | null = null;
    let bestDistance = PICK_RADIUS * PICK_RADIUS;
    for (const { p, cx, cy } of at) {
      const d = (cx - px) ** 2 + (cy - py) ** 2;
      if (d <= bestDistance) {
        best = p.row;
        bestDistance = d;
      }
    }
    return best;
  };

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Escape') {
      onDismiss();
      return;
    }
    const current = indexOf.get(Number((event.target as SVGElement).dataset.row));
    if (current === undefined) return;
    const last = points.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1,
      PageDown: current + PAGE, PageUp: current - PAGE, Home: 0, End: last,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = Math.min(last, Math.max(0, moves[event.key]));
    refs.current.get(points[next].row)?.focus();
  };

  const active = activeRow === null ? undefined : at[indexOf.get(activeRow) ?? -1];
  const focus = focusedRow === null ? undefined : at[indexOf.get(focusedRow) ?? -1];
  const [x0, x1] = xAxis.domain;
  const refLine = reference === 'diagonal'
    ? { x1: sx(Math.max(x0, yAxis.domain[0])), y1: sy(Math.max(x0, yAxis.domain[0])), x2: sx(Math.min(x1, yAxis.domain[1])), y2: sy(Math.min(x1, yAxis.domain[1])) }
    : { x1: left, y1: sy(0), x2: right, y2: sy(0) };
  const tooltip = useRef<HTMLDivElement>(null);
  const tipX = active && showTooltip ? active.cx : null;
  const tipY = active && showTooltip ? active.cy : null;
  // Above the point, else beside it, else below: wherever it fits inside the plot's box, which can be a phone's width.
  useLayoutEffect(() => {
    const tip = tooltip.current;
    if (!tip || tipX === null || tipY === null) return;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const clampX = (v: number) => Math.min(Math.max(0, v), Math.max(0, width - w));
    const clampY = (v: number) => Math.min(Math.max(0, v), Math.max(0, height - h));
    const places: [number, number, boolean][] = [
      [clampX(tipX - w / 2), tipY - TIP_GAP - h, tipY - TIP_GAP - h >= 0],
      [tipX + TIP_GAP, clampY(tipY - h / 2), tipX + TIP_GAP + w <= width],
      [tipX - TIP_GAP - w, clampY(tipY - h / 2), tipX - TIP_GAP - w >= 0],
      [clampX(tipX - w / 2), tipY + TIP_GAP, true],
    ];
    const [left, top] = places.find(([, , fits]) => fits)!;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }, [tipX, tipY, width, height]);

  return (
    <div className="row-plot__box" ref={boxRef} style={{ height }}>
      {width > 0 && (
        <svg
          className="row-plot__svg"
          width={width}
          height={height}
          onPointerMove={(e) => onHover(nearest(e))}
          onPointerLeave={() => onHover(null)}
          onClick={(e) => {
            const row = nearest(e);
            if (row !== null) refs.current.get(row)?.focus();
          }}
        >
          <g className="row-plot__axes" aria-hidden="true">
            {xAxis.ticks.map((t) => (
              <g key={`x${t}`}>
                <line x1={sx(t)} x2={sx(t)} y1={top} y2={bottom} stroke="var(--grid)" />
                <text x={sx(t)} y={bottom + 16} textAnchor="middle">{priceTick(t, dollars)}</text>
              </g>
            ))}
            {yAxis.ticks.map((t) => (
              <g key={`y${t}`}>
                <line x1={left} x2={right} y1={sy(t)} y2={sy(t)} stroke="var(--grid)" />
                <text x={left - 6} y={sy(t)} dy="0.32em" textAnchor="end">{priceTick(t, dollars)}</text>
              </g>
            ))}
            <line x1={left} x2={right} y1={bottom} y2={bottom} stroke="var(--muted)" />
            <line x1={left} x2={left} y1={top} y2={bottom} stroke="var(--muted)" />
            <text x={(left + right) / 2} y={height - 6} textAnchor="middle" className="row-plot__title">{xLabel}</text>
            <text transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="row-plot__title">{yLabel}</text>
            <line className="row-plot__reference" {...refLine} />
          </g>
          <g role="listbox" aria-label={label} aria-describedby={hintId} onKeyDown={onKeyDown}>
            {at.map(({ p, cx, cy }) => (
              <g
                key={p.row}
                role="option"
                aria-selected={p.row === stop}
                aria-label={pointLabel(p, dollars)}
                tabIndex={p.row === stop ? 0 : -1}
                data-row={p.row}
                className="row-point__target"
                ref={(el) => {
                  if (el) refs.current.set(p.row, el);
                  else refs.current.delete(p.row);
                }}
                onFocus={() => onFocusRow(p.row)}
                onBlur={() => onFocusRow(null)}
              >
                <Marker p={p} cx={cx} cy={cy} className="row-point" />
              </g>
            ))}
          </g>
          <g aria-hidden="true" className="row-plot__halo">
            {active && <Marker p={active.p} cx={active.cx} cy={active.cy} className="row-point row-point--active" />}
            {focus && <circle className="row-plot__focus-ring" cx={focus.cx} cy={focus.cy} r={FOCUS_RING} />}
          </g>
        </svg>
      )}
      <span id={hintId} className="visually-hidden">{keysHint}</span>
      {active && showTooltip && (
        <div ref={tooltip} className="chart-tooltip row-tooltip" aria-hidden="true">
          <RowDetails p={active.p} dollars={dollars} />
        </div>
      )}
    </div>
  );
}
