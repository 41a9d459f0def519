import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../test-support/all-features';
import { compareCrossValidation, expectParity, listMismatches } from '../test-support/parity';
import { goldenCvCases } from '../test-support/sklearn-golden';
import { crossValidate, crossValidationCurve, largestCrossValidationK, oneStandardErrorK } from './cross-validation';
import { loadDataset } from './datasets';
import { buildDesign } from './design';
import { kFold } from './split';
import { sweepDesign } from './sweep';

describe('k-fold cross-validation matches scikit-learn (every cv case of tools/parity/sklearn-golden.json)', () => {
  for (const golden of goldenCvCases()) {
    const dataset = loadDataset(golden.dataset);
    const ours = crossValidate(dataset, golden, golden.folds, golden.seed, golden.kMax);
    const comparison = compareCrossValidation(golden.name, ours, golden);
    const untied = comparison.compared - comparison.flagged;

    describe(golden.name, () => {
      it(`makes scikit-learn's ${golden.folds} folds: each fold tests the same rows`, () => {
        // scikit-learn lists a fold's test rows ascending; ours keep permutation order (the scores do not depend on it).
        const ascending = (rows: ArrayLike<number>) => Array.from(rows).sort((x, y) => x - y);
        expect(kFold(dataset.nRows, golden.folds, golden.seed).map((f) => ascending(f.test))).toEqual(golden.foldTestRows.map(ascending));
        expect(ours.kMax).toBe(golden.kMax);
      });

      it(`has scikit-learn's mean MSE, MSE std (ddof 0), mean MAE and mean R² to 1e-9 at every k where no fold is tie-affected (${untied} of ${comparison.compared} k)`, () => {
        if (comparison.untied.length > 0) throw new Error(`${comparison.untied.length} k differ with no tie-affected row:\n${listMismatches(comparison.untied)}`);
        expect(untied, 'k left to compare once tie-affected ones are set aside').toBeGreaterThan(0);
      });

      if (comparison.flagged === 0) {
        it(`picks scikit-learn's best k (${golden.best.k}) with its mean MSE and std: no k of the curve is tie-affected`, () => {
          expect(ours.best.k, `${golden.name} best k`).toBe(golden.best.k);
          expectParity(`${golden.name} best k=${golden.best.k} mean mse`, ours.best.meanMse, golden.best.mse);
          expectParity(`${golden.name} best k=${golden.best.k} mse std`, ours.best.stdMse, golden.best.mseStd);
        });
        it(`picks scikit-learn's one-standard-error k (${golden.oneSe.k}): the largest k within std / √folds of the best`, () => {
          expect(ours.oneSeK).toBe(golden.oneSe.k);
        });
      }
    });
  }
});

describe('k-fold cross-validation', () => {
  it('per k, tiedRows sums the folds\' tie-affected rows and MAE and R² are the folds\' means (coarse features, many ties)', () => {
    const boston = loadDataset('boston');
    const params = { weights: 'uniform' as const, scale: 'standard' as const, metric: 'manhattan' as const, features: ['age', 'rad'] };
    const cv = crossValidate(boston, params, 5, 3, 60);
    const folds = kFold(boston.nRows, 5, 3).map((f) => sweepDesign(buildDesign(boston, params.features, params.scale, f.train, f.test), params.weights, params.metric, 60));
    for (let k = 1; k <= 60; k++) {
      const i = k - 1;
      expect(cv.tiedRows[i], `k=${k}`).toBe(folds.reduce((s, f) => s + f.tiedRows[i], 0));
      expect(cv.meanMae[i]).toBeCloseTo(folds.reduce((s, f) => s + f.mae[i], 0) / 5, 12);
      expect(cv.meanR2[i]).toBeCloseTo(folds.reduce((s, f) => s + f.r2[i], 0) / 5, 12);
    }
    expect(Array.from(cv.tiedRows).filter((n) => n > 0).length, 'k with ties').toBeGreaterThan(30);
    expect(cv.best.tiedRows).toBe(cv.tiedRows[cv.best.k - 1]);
  });

  it('refuses a k-max above the smallest training fold', () => {
    expect(() => crossValidate(loadDataset('boston'), { weights: 'uniform', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 10, 42, 455)).toThrow(/k-max/);
  });

  it('the largest k it scores is one below the smallest training fold, for any row count and folds', () => {
    for (const [n, folds] of [[506, 10], [506, 5], [20000, 5], [11, 3], [10, 10]]) {
      const smallest = Math.min(...kFold(n, folds, 0).map((f) => f.train.length));
      expect(largestCrossValidationK(n, folds), `${n} rows, ${folds} folds`).toBe(smallest - 1);
    }
  });

  it('a k-max gives the first k of the full curve, bit for bit, on tie-heavy features', () => {
    const boston = loadDataset('boston');
    for (const params of [
      { weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: ['age', 'rad', 'chas'] },
      { weights: 'uniform' as const, scale: 'none' as const, metric: 'manhattan' as const, features: ALL_FEATURES },
    ]) {
      const full = crossValidate(boston, params, 5, 7);
      for (const kMax of [1, 3, 40, 100]) {
        const cut = crossValidate(boston, params, 5, 7, kMax);
        expect(cut.kMax).toBe(kMax);
        for (const key of ['meanMse', 'stdMse', 'meanMae', 'meanR2', 'tiedRows', 'bruteRows'] as const) {
          expect(Array.from(cut[key]), `${key}, k-max ${kMax}`).toEqual(Array.from(full[key].subarray(0, kMax)));
        }
      }
    }
  });

  it('reports progress per fold and, finer, the rows scored so far across the folds, ending at every row', () => {
    const boston = loadDataset('boston');
    const folds: [number, number][] = [];
    const rows: [number, number][] = [];
    crossValidate(boston, { weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES }, 5, 1, 50, (done, total) => folds.push([done, total]), (done, total) => rows.push([done, total]));
    expect(folds).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(rows.length).toBeGreaterThan(folds.length);
    expect(rows.every(([, total]) => total === boston.nRows)).toBe(true);
    expect(rows.every(([done], i) => i === 0 || done >= rows[i - 1][0])).toBe(true);
    expect(rows.at(-1)).toEqual([boston.nRows, boston.nRows]);
  });
});

describe('the one-standard-error rule and the lab’s cross-validation curve', () => {
  it('takes the largest k within one standard error of the best, never a k below the best', () => {
    const mean = [5, 3, 3.05, 3.2, 3.09, 9];
    const std = [1, 0.2, 1, 1, 1, 1];
    // limit = 3 + 0.2 / √4 = 3.1: k = 3 and k = 5 qualify, k = 4 does not, k = 1 lies below the best.
    expect(oneStandardErrorK(mean, std, 4, 2)).toBe(5);
    expect(oneStandardErrorK([1, 2], [0, 0], 10, 1)).toBe(1);
  });

  it('shows the fold means as the curve, every row as a test row, and keeps the spread and the one-SE k', () => {
    const boston = loadDataset('boston');
    const cv = crossValidate(boston, { weights: 'uniform', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES }, 5, 42);
    const curve = crossValidationCurve(cv);
    expect(curve.mse).toBe(cv.meanMse);
    expect(curve.nTest).toBe(boston.nRows);
    expect(curve.best).toMatchObject({ k: cv.best.k, mse: cv.best.meanMse, rmse: Math.sqrt(cv.best.meanMse) });
    expect(curve.cv).toEqual({ folds: 5, mseStd: cv.stdMse, oneSeK: cv.oneSeK });
    expect(curve.baseline.mse).toBeGreaterThan(curve.best.mse);
  });
});
