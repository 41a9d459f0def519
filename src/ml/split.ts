import { Mt19937, permutation } from './rng';

/** Row indices into a dataset: test rows first drawn, train rows the rest, both in scikit-learn's order. */
export interface Split {
  seed: number;
  testFraction: number;
  train: Uint32Array;
  test: Uint32Array;
}

export const MAX_SEED = 0xffffffff;

/** scikit-learn's test-row count for a float test size: ceil(fraction · n). */
export function testCount(nRows: number, testFraction: number): number {
  return Math.ceil(testFraction * nRows);
}

/** Why a split of nRows at this fraction is not allowed, or null when it is. */
export function splitProblem(nRows: number, testFraction: number): string | null {
  if (!(testFraction > 0 && testFraction < 1)) return `test size must be a fraction strictly between 0 and 1, got ${testFraction}`;
  const nTest = testCount(nRows, testFraction);
  const nTrain = nRows - nTest;
  if (nTrain < 2) return `test size ${testFraction} leaves ${nTrain} training row(s) of ${nRows}; at least 2 are needed`;
  return null;
}

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

/** train_test_split(range(n), test_size=f, random_state=seed): one MT19937 permutation, O(n). */
export function trainTestSplit(nRows: number, testFraction: number, seed: number): Split {
  const problem = splitProblem(nRows, testFraction);
  if (problem) throw new RangeError(problem);
  if (!isValidSeed(seed)) throw new RangeError(`seed must be an integer in 0..${MAX_SEED}, got ${seed}`);
  const perm = permutation(nRows, new Mt19937(seed));
  const nTest = testCount(nRows, testFraction);
  return { seed, testFraction, test: perm.slice(0, nTest), train: perm.slice(nTest) };
}

/** KFold(nSplits, shuffle=True, random_state=seed): consecutive blocks of one permutation, the first n % nSplits one longer. */
export function kFold(nRows: number, nSplits: number, seed: number): { train: Uint32Array; test: Uint32Array }[] {
  if (!Number.isInteger(nSplits) || nSplits < 2 || nSplits > nRows) {
    throw new RangeError(`folds must be an integer in 2..${nRows}, got ${nSplits}`);
  }
  const perm = permutation(nRows, new Mt19937(seed));
  const folds: { train: Uint32Array; test: Uint32Array }[] = [];
  const base = Math.floor(nRows / nSplits);
  const extra = nRows % nSplits;
  let start = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < extra ? 1 : 0);
    const test = perm.slice(start, start + size);
    // scikit-learn lists a fold's training rows in ascending order, not in permutation order.
    const train = new Uint32Array(nRows - size);
    train.set(perm.subarray(0, start));
    train.set(perm.subarray(start + size), start);
    train.sort();
    folds.push({ train, test });
    start += size;
  }
  return folds;
}

/** Largest k K-fold cross-validation can score: the smallest training fold (n − the largest fold) − 1. O(1). */
export function largestFoldK(nRows: number, folds: number): number {
  return nRows - Math.ceil(nRows / folds) - 1;
}
