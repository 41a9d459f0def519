import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { rowsAreCurrent, wantedRows } from '../../store/rows-slice';
import { currentBestK } from '../../store/sweep-slice';
import { useTargetUnits } from './use-target-units';
import { byX, errorAxis, priceAxis, rowPoints, type RowPoint } from './row-points';
import { RowScatter } from './row-scatter';
import './error-up-close.css';

type PlotId = 'actual' | 'residual';
type Pointed = { row: number; plot: PlotId } | null;

const actualOf = (p: RowPoint) => p.actual;
const predictedOf = (p: RowPoint) => p.predicted;
const errorOf = (p: RowPoint) => p.error;

/** One plot: what it draws on its axes (the keys step along x), and how it is named. */
interface PlotSpec {
  id: PlotId;
  caption: string;
  x: (p: RowPoint) => number;
  y: (p: RowPoint) => number;
  /** The price the keys step along, in words. */
  along: string;
  xLabel: string;
  yLabel: string;
  reference: 'diagonal' | 'zero';
  /** The y axis is the error axis rather than the price axis. */
  yIsError: boolean;
}

const PLOTS: readonly PlotSpec[] = [
  {
    id: 'actual', caption: 'Predicted against actual price', x: actualOf, y: predictedOf, along: 'actual',
    xLabel: 'Actual price', yLabel: 'Predicted price', reference: 'diagonal', yIsError: false,
  },
  {
    id: 'residual', caption: 'Residuals: error against predicted price', x: predictedOf, y: errorOf, along: 'predicted',
    xLabel: 'Predicted price', yLabel: 'Error (actual − predicted)', reference: 'zero', yIsError: true,
  },
];

/** Asks the store for the rows of the settings and k now on screen whenever they change, while this section is shown. */
function useRowsLoader(): void {
  const key = useLab((s) => {
    const wanted = wantedRows(s);
    return wanted && JSON.stringify([wanted.request, wanted.k, wanted.radius]);
  });
  const loadRows = useLab((s) => s.loadRows);
  useEffect(() => {
    if (key !== null) loadRows();
  }, [key, loadRows]);
}

function Legend({ cap, censored, format }: { cap: number | null; censored: number; format: (value: number) => string }) {
  return (
    <ul className="up-close__legend">
      <li>
        <svg className="up-close__swatch" viewBox="-7 -7 14 14" aria-hidden="true"><circle className="row-point" r={4} /></svg>
        Test row
      </li>
      {cap !== null && (
        <li>
          <svg className="up-close__swatch" viewBox="-7 -7 14 14" aria-hidden="true"><path className="row-point row-point--censored" d="M0,-6L6,0L0,6L-6,0Z" /></svg>
          Recorded at the {format(cap)} cap ({censored} {censored === 1 ? 'row' : 'rows'} here): censored, so the true price may be higher
        </li>
      )}
      <li>
        <svg className="up-close__swatch up-close__swatch--line" viewBox="0 0 22 14" aria-hidden="true"><line className="row-plot__reference" x1={0} y1={7} x2={22} y2={7} /></svg>
        Perfect prediction (error 0)
      </li>
    </ul>
  );
}

/**
 * Under the error curve: each test row's predicted price against its actual one, and its error against the
 * prediction, at the selected k (the best k while the slider follows it).
 */
export function ErrorUpClose() {
  useRowsLoader();
  // New rows are drawn in a deferred, interruptible render, so hundreds of labelled points never block an input.
  const result = useDeferredValue(useLab((s) => s.rows.result));
  const status = useLab((s) => s.rows.status);
  const error = useLab((s) => s.rows.error);
  const current = useLab(rowsAreCurrent);
  const wantedK = useLab((s) => wantedRows(s)?.k ?? null);
  const bestK = useLab(currentBestK);
  const kFold = useLab((s) => s.settings.cv !== null);
  const loadRows = useLab((s) => s.loadRows);

  // Only Boston's target is known to be capped; an imported dataset's largest value is just its largest.
  const units = useTargetUnits();
  const capped = units.dollars;
  const points = useMemo(() => (result ? rowPoints(result, capped) : []), [result, capped]);
  const ordered = useMemo(() => PLOTS.map((plot) => byX(points, plot.x)), [points]);
  // Above 600 rows the worker sends the sample the plots draw (see sampleRowPredictions); the hint says so.
  const total = result?.total ?? points.length;
  const largestErrors = result?.largestErrors ?? 0;
  const prices = useMemo(() => priceAxis(points, capped ? (result?.censoredAt ?? Number.NaN) : Number.NaN), [points, result, capped]);
  const errors = useMemo(() => errorAxis(points), [points]);
  const censored = useMemo(() => points.filter((p) => p.censored).length, [points]);

  const [hovered, setHovered] = useState<Pointed>(null);
  const [focused, setFocused] = useState<Pointed>(null);
  const [tabRow, setTabRow] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const active = hovered ?? focused;

  const handlers = useCallback((plot: PlotId) => ({
    onHover: (row: number | null) => {
      setHovered((was) => (row === null ? null : was?.row === row && was.plot === plot ? was : { row, plot }));
      if (row !== null) setDismissed(false);
    },
    onFocusRow: (row: number | null) => {
      setFocused(row === null ? null : { row, plot });
      if (row !== null) {
        setTabRow(row);
        setDismissed(false);
      }
    },
    onDismiss: () => setDismissed(true),
  }), []);
  const plotHandlers = useMemo(() => PLOTS.map((plot) => handlers(plot.id)), [handlers]);

  const k = result?.k ?? null;
  const radius = result?.radius;
  const kText = radius !== undefined ? ` at radius ${Number(radius.toPrecision(4))}` : k === null ? '' : ` at k = ${k}${k === bestK ? ' (the best k)' : ''}`;
  const plotState = (plot: PlotId) => ({
    activeRow: active?.row ?? null,
    showTooltip: active?.plot === plot && !dismissed,
    focusedRow: focused?.plot === plot ? focused.row : null,
    tabRow,
  });

  return (
    <section className="up-close" aria-labelledby="up-close-title" aria-busy={!current}>
      <div className="up-close__head">
        <h3 id="up-close-title" className="up-close__title">The error up close{kText}</h3>
        {!current && status !== 'error' && (
          <span className="up-close__updating hint">
            <span className="spinner" aria-hidden="true" /> Updating{wantedK !== null && wantedK !== 0 && wantedK !== k ? ` to k = ${wantedK}` : ''}…
          </span>
        )}
      </div>
      <p className="hint">
        {radius !== undefined
          ? `Each point is one of the ${total.toLocaleString('en-GB')} test rows with a training row within the radius; ${result?.uncovered ?? 0} test row${result?.uncovered === 1 ? ' has' : 's have'} none, get no prediction and are not drawn.`
          : kFold
            ? `K-fold mode: each point is one of all ${total ? total.toLocaleString('en-GB') : ''} rows, priced by the model fitted on the other folds (its out-of-fold prediction).`
            : `Each point is one of the ${total ? total.toLocaleString('en-GB') : 'held-out'} test rows.`}{' '}
        {largestErrors > 0 &&
          `Drawn: ${points.length.toLocaleString('en-GB')} of them, the ${largestErrors} largest errors and an even sample of the rest by actual price. `}
        Points above the dashed line in the first plot are priced too
        high; above zero in the residuals, too low. Hover or tap a point, or Tab into a plot and use the arrow keys, to see its dataset
        row, prices and error (actual − predicted).
      </p>
      {status === 'error' && error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" onClick={() => loadRows()}>Try again</button>
        </div>
      )}
      {result && <Legend cap={capped ? result.censoredAt : null} censored={censored} format={units.format} />}
      <div className={current ? 'up-close__plots' : 'up-close__plots up-close__plots--stale'}>
        {PLOTS.map((plot, i) => (
          <figure key={plot.id} className="row-plot" aria-labelledby={`up-close-${plot.id}`}>
            <figcaption id={`up-close-${plot.id}`} className="row-plot__caption">{plot.caption}</figcaption>
            {result ? (
              <RowScatter
                label={`Test rows${kText}, by ${plot.along} price`}
                keysHint={`Arrow keys step through the rows from the lowest ${plot.along} price to the highest; Home and End go to the ends.`}
                points={ordered[i]}
                x={plot.x}
                y={plot.y}
                xAxis={prices}
                yAxis={plot.yIsError ? errors : prices}
                xLabel={plot.xLabel}
                yLabel={plot.yLabel}
                reference={plot.reference}
                dollars={units.dollars}
                {...plotState(plot.id)}
                {...plotHandlers[i]}
              />
            ) : (
              <div className="row-plot__box row-plot__box--empty" aria-hidden="true" />
            )}
          </figure>
        ))}
      </div>
    </section>
  );
}
