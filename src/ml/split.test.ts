import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sklearnGolden, type SklearnPermutation } from '../test-support/sklearn-golden';
import { kFold, splitProblem, testCount, trainTestSplit } from './split';

// numpy's RandomState(seed).permutation(n) from the golden file; `head` entries give only its first rows.
const goldenPermutations = sklearnGolden().permutations;
const wholePermutations = goldenPermutations.filter((p) => p.perm !== undefined) as (SklearnPermutation & { perm: number[] })[];

describe('train_test_split', () => {
  for (const golden of wholePermutations) {
    it(`seed ${golden.seed}, ${golden.n} rows: test rows are the head of numpy's permutation and training rows the rest, both in its order`, () => {
      for (const fraction of [0.1, 0.25, 0.5]) {
        const nTest = Math.ceil(fraction * golden.n);
        const split = trainTestSplit(golden.n, fraction, golden.seed);
        expect(Array.from(split.test), `test size ${fraction}`).toEqual(golden.perm.slice(0, nTest));
        expect(Array.from(split.train), `test size ${fraction}`).toEqual(golden.perm.slice(nTest));
      }
    });
  }

  for (const golden of goldenPermutations.filter((p) => p.head !== undefined)) {
    it(`seed ${golden.seed}, ${golden.n} rows, test size 0.1: the test rows start with numpy's permutation`, () => {
      const head = golden.head!;
      const split = trainTestSplit(golden.n, 0.1, golden.seed);
      expect([split.test.length, split.train.length]).toEqual([testCount(golden.n, 0.1), golden.n - testCount(golden.n, 0.1)]);
      expect(Array.from(split.test.slice(0, head.length))).toEqual(head.slice(0, split.test.length));
    });
  }

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

  for (const golden of wholePermutations) {
    it(`seed ${golden.seed}, ${golden.n} rows: the test blocks are consecutive slices of numpy's permutation`, () => {
      for (const nSplits of [2, 3, 5]) {
        const base = Math.floor(golden.n / nSplits);
        const extra = golden.n % nSplits;
        let start = 0;
        kFold(golden.n, nSplits, golden.seed).forEach((fold, i) => {
          const size = base + (i < extra ? 1 : 0);
          expect(Array.from(fold.test), `${nSplits} folds, fold ${i}`).toEqual(golden.perm.slice(start, start + size));
          start += size;
        });
      }
    });
  }
});
