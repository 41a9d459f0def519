import { describe, expect, it } from 'vitest';
import { Mt19937, permutation } from './rng';

describe('numpy legacy RandomState', () => {
  it('RandomState(0).permutation(10) is [2 8 4 9 1 6 7 3 0 5]', () => {
    expect(Array.from(permutation(10, new Mt19937(0)))).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
  });

  it('RandomState(42).permutation(506) starts 173 274 491 72 452 76 316 140 471 500', () => {
    expect(Array.from(permutation(506, new Mt19937(42)).slice(0, 10))).toEqual([173, 274, 491, 72, 452, 76, 316, 140, 471, 500]);
  });

  it('MT19937 seeded with 5489 gives the reference first output 3499211612', () => {
    expect(new Mt19937(5489).nextUint32()).toBe(3499211612);
  });

  it('accepts the largest 32-bit seed and refuses seeds outside 0..2^32−1', () => {
    expect(() => new Mt19937(4294967295)).not.toThrow();
    expect(() => new Mt19937(-1)).toThrow(RangeError);
    expect(() => new Mt19937(4294967296)).toThrow(RangeError);
    expect(() => new Mt19937(1.5)).toThrow(RangeError);
  });

  it('interval(max) never exceeds max', () => {
    const rng = new Mt19937(1);
    for (let i = 0; i < 2000; i++) expect(rng.interval(5)).toBeLessThanOrEqual(5);
  });
});
