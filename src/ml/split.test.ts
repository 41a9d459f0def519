import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kFold, splitProblem, testCount, trainTestSplit } from './split';

describe('train_test_split', () => {
  it('seed 42, test size 0.1 on 506 rows: 51 test rows and training rows starting 281 22 101 268 485', () => {
    const split = trainTestSplit(506, 0.1, 42);
    expect(split.test.length).toBe(51);
    expect(split.train.length).toBe(455);
    expect(Array.from(split.test.slice(0, 3))).toEqual([173, 274, 491]);
    expect(Array.from(split.train.slice(0, 5))).toEqual([281, 22, 101, 268, 485]);
  });

  it('rounds the test count up, as scikit-learn does', () => {
    expect(testCount(506, 0.1)).toBe(51);
    expect(testCount(10, 0.25)).toBe(3);
  });

  it('refuses fractions outside (0, 1) and splits that leave fewer than 2 training rows', () => {
    expect(splitProblem(506, 0)).toMatch(/between 0 and 1/);
    expect(splitProblem(506, 1)).toMatch(/between 0 and 1/);
    expect(splitProblem(506, Number.NaN)).toMatch(/between 0 and 1/);
    expect(splitProblem(3, 0.5)).toMatch(/leaves 1 training row/);
    expect(splitProblem(506, 0.5)).toBeNull();
    expect(() => trainTestSplit(506, 0.1, -1)).toThrow(/seed/);
  });

  it('is disjoint, covers every row and has the right sizes for any seed, size and fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 600 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 0, max: 4294967295 }), (n, fraction, seed) => {
        fc.pre(splitProblem(n, fraction) === null);
        const { train, test } = trainTestSplit(n, fraction, seed);
        expect(test.length).toBe(Math.ceil(fraction * n));
        expect(train.length + test.length).toBe(n);
        const all = new Set([...train, ...test]);
        expect(all.size).toBe(n);
        for (const r of all) expect(r >= 0 && r < n).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('KFold with shuffle', () => {
  it('makes folds whose test rows partition the data, the first n % folds one row longer', () => {
    const folds = kFold(506, 10, 42);
    expect(folds.map((f) => f.test.length)).toEqual([51, 51, 51, 51, 51, 51, 50, 50, 50, 50]);
    const seen = new Set(folds.flatMap((f) => [...f.test]));
    expect(seen.size).toBe(506);
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(506);
      const inTest = new Set(f.test);
      expect([...f.train].some((r) => inTest.has(r))).toBe(false);
    }
  });

  it('takes the test blocks from RandomState(seed).permutation in order', () => {
    expect(Array.from(kFold(10, 5, 0)[0].test)).toEqual([2, 8]);
    expect(Array.from(kFold(10, 5, 0)[4].test)).toEqual([0, 5]);
  });
});
