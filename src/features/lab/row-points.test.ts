import { describe, expect, it } from 'vitest';
import { errorAxis, pointLabel, priceAxis, priceTick, rowPoints, signedDollars, type RowPoint } from './row-points';

const point = (actual: number, predicted: number, row = 1, censored = false): RowPoint => ({ row, actual, predicted, error: actual - predicted, censored });

describe('the error plots’ points and axes', () => {
  it('give each row its error (actual − predicted) and mark rows at the censoring cap', () => {
    const p = rowPoints({ k: 3, rows: Uint32Array.of(7, 9), actual: Float64Array.of(50, 21.5), predicted: Float64Array.of(33.5, 23), censoredAt: 50 });
    expect(p).toEqual([
      { row: 7, actual: 50, predicted: 33.5, error: 16.5, censored: true },
      { row: 9, actual: 21.5, predicted: 23, error: -1.5, censored: false },
    ]);
  });

  it('share one price axis from 0 to the cap whatever the k, so moving k moves the points and not the axes', () => {
    expect(priceAxis([point(21, 23), point(7, 12)], 50)).toEqual({ domain: [0, 50], ticks: [0, 10, 20, 30, 40, 50] });
    expect(priceAxis([point(50, 44)], 50)).toEqual(priceAxis([point(30, 31)], 50));
  });

  it('centre the error axis on 0 and reach the largest error either way', () => {
    const axis = errorAxis([point(50, 33.5), point(20, 30.4)]);
    expect(axis.domain[0]).toBe(-axis.domain[1]);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(16.5);
    expect(axis.ticks).toContain(0);
    expect(errorAxis([point(20, 20)]).domain).toEqual([-1, 1]);
  });

  it('write prices as dollars, errors with their sign, and never NaN or Infinity', () => {
    expect(pointLabel(point(50, 33.45, 195, true))).toBe('Row 195: actual $50,000 (at the censoring cap), predicted $33,450, error +$16,550');
    expect(signedDollars(-1.5)).toBe('−$1,500');
    expect(signedDollars(0.0001)).toBe('$0');
    expect(pointLabel(point(20, Number.NaN))).toBe('Row 1: actual $20,000, predicted –, error –');
    expect(signedDollars(Infinity)).toBe('–');
    expect([priceTick(0), priceTick(20), priceTick(-5), priceTick(2.5)]).toEqual(['$0', '$20k', '−$5k', '$2.5k']);
  });
});
