import { useEffect, useMemo, useRef } from 'react';
import { labStore } from '../../store/lab-store';
import { sameNumbers, type DrawnCurve, type Series } from './chart-view';

interface SweepMeasures {
  /** The curve committed a drawing. */
  onCurveCommit: (drawn: DrawnCurve) => void;
  /** The chart committed with this revision's series (null: nothing to draw yet). */
  onChartCommit: (revision: number, series: Series | null) => void;
}

/**
 * Records the `sweep` User Timing measure: from an input event to the commit that draws its numbers.
 * Inputs are queued straight from the store (every revision that carries an input time), so none is lost when React
 * folds several updates into one render; each ends at the first commit whose curve shows a series at least as new
 * as its own, on the axes that series asked for (Recharts applies new axis settings one render later).
 */
export function useSweepMeasures(): SweepMeasures {
  const pending = useRef<{ revision: number; inputTime: number }[]>([]);
  const expected = useRef<{ revision: number; series: Series } | null>(null);
  const drawn = useRef<DrawnCurve | null>(null);

  useEffect(() => labStore.subscribe((state, previous) => {
    const { revision, inputTime } = state.sweep;
    if (revision !== previous.sweep.revision && inputTime !== null) pending.current.push({ revision, inputTime });
  }), []);

  return useMemo(() => {
    const settle = () => {
      const e = expected.current;
      const d = drawn.current;
      if (!e || !d || d.values !== e.series.values) return;
      if (!sameNumbers(d.yDomain, e.series.yDomain) || !sameNumbers(d.xTicks, e.series.xTicks)) return;
      const end = performance.now();
      const queue = pending.current;
      while (queue.length > 0 && queue[0].revision <= e.revision) {
        performance.measure('sweep', { start: queue.shift()!.inputTime, end });
      }
    };
    return {
      onCurveCommit: (d) => {
        drawn.current = d;
        settle();
      },
      onChartCommit: (revision, series) => {
        expected.current = series && { revision, series };
        settle();
      },
    };
  }, []);
}
