import { describe, expect, it } from 'vitest';
import { countTieAffected, neighbourShares, predictionsForEveryK } from './estimate';

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

describe('tie counting on the first rows of a neighbour list', () => {
  const count = (dist: number[], y: number[], kMax: number, tiePast?: boolean) => {
    const counts = new Uint32Array(kMax);
    countTieAffected(Float64Array.from(dist), Float64Array.from(y), dist.length, kMax, counts, new Int32Array(kMax + 1), tiePast);
    return Array.from(counts);
  };

  it('a group of equal distances running off the list counts as mixed only when a row past it has another target', () => {
    // k-max 2, lists of kMax + 1: rows 2 and 3 tie at distance 2 and the group may go on past the list.
    expect(count([1, 2, 2], [10, 20, 20], 2, false)).toEqual([0, 0]);
    expect(count([1, 2, 2], [10, 20, 20], 2, true)).toEqual([0, 1]);
  });

  it('gives on the first kMax + 1 rows (told what lies past them) what it gives on the whole list', () => {
    const dist = [0, 1, 1, 2, 2, 2, 2, 3];
    const y = [5, 6, 7, 8, 8, 8, 9, 1];
    const whole = (kMax: number) => {
      const counts = new Uint32Array(kMax);
      countTieAffected(Float64Array.from(dist), Float64Array.from(y), dist.length, kMax, counts, new Int32Array(kMax + 1));
      return Array.from(counts);
    };
    for (let kMax = 1; kMax < dist.length; kMax++) {
      const last = dist[kMax];
      const past = dist.slice(kMax + 1).some((d, i) => d === last && y[kMax + 1 + i] !== y[kMax]);
      expect(count(dist.slice(0, kMax + 1), y.slice(0, kMax + 1), kMax, past), `k-max ${kMax}`).toEqual(whole(kMax));
    }
  });
});
