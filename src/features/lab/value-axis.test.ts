import { describe, expect, it } from 'vitest';
import { niceStep, valueAxis } from './value-axis';

const pts = (...values: number[]) => Float64Array.from(values);

describe('valueAxis', () => {
  it('starts errors at 0 and ends on the first round tick at or above the largest value or baseline', () => {
    expect(valueAxis(pts(56.9, 22.7, 30), 81.2, 'mse')).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(valueAxis(pts(4.1, 3.6), 2, 'mae')).toEqual({ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5] });
  });

  it('ends R² at 1 and starts on a round tick at or below the smallest value or baseline', () => {
    const axis = valueAxis(pts(0.2, 0.64, 0.5), -0.01, 'r2');
    expect(axis.domain).toEqual([-0.25, 1]);
    expect(axis.ticks).toEqual([-0.25, 0, 0.25, 0.5, 0.75, 1]);
  });

  it('covers every value and keeps at most six ticks', () => {
    for (const max of [0.3, 7, 13.7, 81.2, 99.99, 1234]) {
      const { domain, ticks } = valueAxis(pts(max / 2, max), 0, 'mse');
      expect(domain[1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBe(domain[1]);
    }
  });

  it('keeps a range in view when asked, so an axis can grow during a drag without shrinking', () => {
    expect(valueAxis(pts(30, 60), 50, 'mse', [0, 150])).toEqual({ domain: [0, 150], ticks: [0, 50, 100, 150] });
    expect(valueAxis(pts(0.3, 0.6), 0, 'r2', [-0.5, 1]).domain).toEqual([-0.5, 1]);
  });

  it('ignores values that are not finite', () => {
    expect(valueAxis(pts(Number.NaN, 10), 5, 'mse').domain).toEqual([0, 10]);
  });
});

describe('niceStep', () => {
  it('picks 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1.25, 5)).toBe(0.25);
    expect(niceStep(30, 5)).toBe(10);
    expect(niceStep(5, 5)).toBe(1);
  });
});
