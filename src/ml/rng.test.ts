import { describe, expect, it } from 'vitest';
import { sklearnGolden } from '../test-support/sklearn-golden';
import { Mt19937, permutation } from './rng';

describe('numpy legacy RandomState', () => {
  for (const golden of sklearnGolden().permutations) {
    const expected = golden.perm ?? golden.head ?? [];
    const what = golden.perm ? 'whole' : `first ${expected.length} entries`;
    it(`RandomState(${golden.seed}).permutation(${golden.n}) equals numpy's (${what}, from the golden file)`, () => {
      expect(expected.length).toBe(golden.perm ? golden.n : golden.head?.length);
      expect(expected.length).toBeGreaterThan(0);
      expect(Array.from(permutation(golden.n, new Mt19937(golden.seed)).slice(0, expected.length))).toEqual(expected);
    });
  }

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
