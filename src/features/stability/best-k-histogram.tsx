import { useRef, useState, type KeyboardEvent } from 'react';
import { barHolds, type BestKBar } from './stability-reading';

interface BestKHistogramProps {
  bars: BestKBar[];
  /** Seeds run, for the shares in the bars' names. */
  total: number;
  /** The lab seed's best k, whose bar is marked; null when the lab's seed was not run. Bars as barsToDraw gives them. */
  markedK: number | null;
  /** Opens a bar's lowest seed in the lab; without it (a result for other settings) the bars are a picture only. */
  onOpen?: (bar: BestKBar) => void;
  /** The bar that has focus or the pointer, for the details beside the chart. */
  onShow?: (bar: BestKBar) => void;
  titleId: string;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 14, right: 12, bottom: 38, left: 46 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Tick step giving at most `most` ticks over `span`: 1, 2, 5, 10, 20, 50, … */
function tickStep(span: number, most: number): number {
  for (let step = 1; ; step *= 10) for (const m of [1, 2, 5]) if (span / (step * m) <= most) return step * m;
}

const whole = (n: number) => n.toLocaleString('en-GB');
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The name a bar is announced by: what it counts and what pressing it does. */
export function barName(bar: BestKBar, total: number, marked: boolean, opens: boolean): string {
  const ks = bar.kTo === undefined ? `k = ${bar.k}` : `k from ${bar.k} to ${bar.kTo}`;
  const what = `${ks}: ${whole(bar.count)} of ${whole(total)} seeds (${pct(bar.share)})${marked ? ', including the lab’s seed' : ''}`;
  return opens ? `${what}. Open seed ${bar.seeds[0]} in the lab` : what;
}

/**
 * How often each k was the best, one bar per k on a numeric axis. Interactive bars are one tab stop: arrow keys,
 * Home and End move between them, Enter or Space (or a click) opens the bar's lowest seed in the lab.
 */
export function BestKHistogram({ bars, total, markedK, onOpen, onShow, titleId }: BestKHistogramProps) {
  const refs = useRef(new Map<number, SVGGElement>());
  const [active, setActive] = useState<number | null>(null);
  // One column per k up to the last single-k bar; a bar gathering the tail gets a column of its own after a gap.
  const tail = bars[bars.length - 1].kTo === undefined ? null : bars[bars.length - 1];
  const kLo = bars[0].k;
  const kHi = tail ? bars[bars.length - 2].k : bars[bars.length - 1].k;
  const slots = kHi - kLo + 1 + (tail ? 2 : 0);
  const slot = PLOT_W / slots;
  const barW = Math.max(1.5, Math.min(slot * 0.8, 48));
  const most = Math.max(...bars.map((b) => b.count));
  const yStep = tickStep(most, 5);
  const yTop = Math.ceil(most / yStep) * yStep;
  const y = (count: number) => MARGIN.top + PLOT_H * (1 - count / yTop);
  const x = (k: number) => MARGIN.left + (tail && k >= tail.k ? slots - 0.5 : k - kLo + 0.5) * slot;
  const xStep = tickStep(slots, 12);
  const xTicks: number[] = [];
  for (let k = Math.ceil(kLo / xStep) * xStep; k <= kHi; k += xStep) xTicks.push(k);
  if (xTicks[0] !== kLo && (xTicks.length === 0 || (xTicks[0] - kLo) * slot > 24)) xTicks.unshift(kLo);
  // The tail's label ("31–454") is wide: ticks it would overlap make way.
  if (tail) while (xTicks.length > 1 && x(tail.k) - x(xTicks[xTicks.length - 1]) < 56) xTicks.pop();
  const yTicks: number[] = [];
  for (let c = 0; c <= yTop; c += yStep) yTicks.push(c);

  // One tab stop: the chosen bar, else the marked one, else the most frequent.
  const focusK = active ?? (markedK !== null ? bars.find((b) => barHolds(b, markedK))?.k : undefined) ?? bars.reduce((a, b) => (b.count > a.count ? b : a)).k;
  const move = (from: number, by: number | 'first' | 'last') => {
    const i = bars.findIndex((b) => b.k === from);
    const j = by === 'first' ? 0 : by === 'last' ? bars.length - 1 : Math.min(bars.length - 1, Math.max(0, i + by));
    setActive(bars[j].k);
    refs.current.get(bars[j].k)?.focus();
  };
  const onKeyDown = (bar: BestKBar) => (e: KeyboardEvent<SVGGElement>) => {
    const keys: Record<string, number | 'first' | 'last'> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, Home: 'first', End: 'last' };
    if (e.key in keys) {
      e.preventDefault();
      move(bar.k, keys[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen?.(bar);
    }
  };

  return (
    <svg
      className="histogram"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role={onOpen ? 'group' : 'img'}
      aria-labelledby={titleId}
    >
      <g aria-hidden="true" className="histogram__axes">
        {yTicks.map((c) => (
          <g key={c}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(c)} y2={y(c)} className="histogram__grid" />
            <text x={MARGIN.left - 6} y={y(c)} dy="0.32em" textAnchor="end">{whole(c)}</text>
          </g>
        ))}
        {xTicks.map((k) => (
          <text key={k} x={x(k)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">{k}</text>
        ))}
        {tail && (
          <>
            <text x={MARGIN.left + (slots - 1.5) * slot} y={MARGIN.top + PLOT_H} textAnchor="middle">…</text>
            <text x={x(tail.k)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="end">{tail.k}–{tail.kTo}</text>
          </>
        )}
        <text x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 4} textAnchor="middle" className="histogram__label">best k</text>
        <text transform={`translate(12 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" className="histogram__label">seeds</text>
      </g>
      {bars.map((bar) => {
        const marked = markedK !== null && barHolds(bar, markedK);
        const top = y(bar.count);
        const shape = (
          <>
            {/* The whole column takes the pointer, so a bar of one seed is as easy to hit as a tall one. */}
            <rect className="histogram__hit" x={x(bar.k) - slot / 2} y={MARGIN.top} width={slot} height={PLOT_H} />
            <rect
              className={marked ? 'histogram__bar histogram__bar--marked' : 'histogram__bar'}
              x={x(bar.k) - barW / 2}
              y={top}
              width={barW}
              height={Math.max(2, MARGIN.top + PLOT_H - top)}
            />
            {marked && <text x={x(bar.k)} y={top - 4} textAnchor="middle" className="histogram__mark" aria-hidden="true">▼</text>}
          </>
        );
        if (!onOpen) return <g key={bar.k} onMouseEnter={() => onShow?.(bar)}>{shape}</g>;
        return (
          <g
            key={bar.k}
            ref={(el) => {
              if (el) refs.current.set(bar.k, el);
              else refs.current.delete(bar.k);
            }}
            className="histogram__button"
            role="button"
            tabIndex={bar.k === focusK ? 0 : -1}
            aria-label={barName(bar, total, marked, true)}
            onClick={() => onOpen(bar)}
            onKeyDown={onKeyDown(bar)}
            onFocus={() => {
              setActive(bar.k);
              onShow?.(bar);
            }}
            onMouseEnter={() => onShow?.(bar)}
          >
            {shape}
          </g>
        );
      })}
    </svg>
  );
}
