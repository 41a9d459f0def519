import { describe, expect, it } from 'vitest';
import { MAX_PLOTTED_ROWS, sampleRowPredictions } from './row-sample';

const priced = (n: number) => ({
  k: 5,
  rows: Uint32Array.from({ length: n }, (_, i) => 3 * i),
  actual: Float64Array.from({ length: n }, (_, i) => 10 + (i % 400) / 10),
  predicted: Float64Array.from({ length: n }, (_, i) => 10 + ((i * 7) % 400) / 10),
  censoredAt: 50,
});

describe('the rows the error plots draw', () => {
  it('are every row, unchanged, up to the limit', () => {
    const p = priced(MAX_PLOTTED_ROWS);
    expect(sampleRowPredictions(p)).toEqual({ ...p, total: MAX_PLOTTED_ROWS, largestErrors: 0 });
  });

  it('above it are the largest errors and an even sample of the rest by price, in the rows’ own order', () => {
    const p = priced(20_000);
    const s = sampleRowPredictions(p);
    expect([s.rows.length, s.actual.length, s.predicted.length, s.total, s.largestErrors]).toEqual([600, 600, 600, 20_000, 150]);
    const error = (a: ArrayLike<number>, b: ArrayLike<number>, i: number) => Math.abs(a[i] - b[i]);
    const worst = Math.max(...Array.from({ length: 20_000 }, (_, i) => error(p.actual, p.predicted, i)));
    expect(Array.from({ length: 600 }, (_, i) => error(s.actual, s.predicted, i)).filter((e) => e === worst).length).toBeGreaterThan(0);
    expect([Math.min(...s.actual), Math.max(...s.actual)]).toEqual([10, 49.9]);
    // Kept rows are whole rows (dataset row, price and prediction together) in their original order.
    for (let i = 0; i < 600; i++) {
      const at = s.rows[i] / 3;
      expect([s.actual[i], s.predicted[i]]).toEqual([p.actual[at], p.predicted[at]]);
      if (i > 0) expect(s.rows[i]).toBeGreaterThan(s.rows[i - 1]);
    }
  });
});
