import { describe, expect, it } from 'vitest';
import { neighbourShares, predictionsForEveryK } from './estimate';

describe('distance weights follow scikit-learn: a neighbour whose 1/d is infinite takes all the weight', () => {
  it('a subnormal distance counts like zero: its row takes all the weight, and nothing is NaN', () => {
    const dist = Float64Array.from([5e-324, 1, 2]);
    const y = Float64Array.from([30, 10, 20]);
    const out = new Float64Array(3);
    predictionsForEveryK(dist, y, 3, 'distance', out);
    expect(Array.from(out)).toEqual([30, 30, 30]);
    expect(Array.from(neighbourShares(dist, 3, 'distance'))).toEqual([1, 0, 0]);
  });

  it('several such rows share the weight equally, zero and subnormal alike', () => {
    const dist = Float64Array.from([0, 1e-320, 3]);
    const y = Float64Array.from([10, 20, 99]);
    const out = new Float64Array(3);
    predictionsForEveryK(dist, y, 3, 'distance', out);
    expect(Array.from(out)).toEqual([10, 15, 15]);
    expect(Array.from(neighbourShares(dist, 3, 'distance'))).toEqual([0.5, 0.5, 0]);
  });

  it('a tiny but normal distance still weighs as 1/d, so farther rows keep a (tiny) share', () => {
    const dist = Float64Array.from([1e-300, 1]);
    const shares = neighbourShares(dist, 2, 'distance');
    expect(shares[0]).toBe(1);
    expect(shares[1]).toBeGreaterThan(0);
    const out = new Float64Array(2);
    predictionsForEveryK(dist, Float64Array.from([1, 0]), 2, 'distance', out);
    expect(out[1]).toBe(1);
  });
});
