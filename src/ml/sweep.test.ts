import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FeatureInfo } from './dataset-meta';
import { datasetFromRows, loadDataset, type Dataset } from './datasets';
import { buildDesign } from './design';
import { countTieAffected, predictionsForEveryK } from './estimate';
import { argsortInto, distancesToAll } from './neighbours';
import { scoresAt, sweep, Sweeper, type SweepSettings } from './sweep';
import type { Metric, Scale, Weights } from './params';
import { ALL_FEATURES } from '../test-support/all-features';
import { compareSweep, expectParity, listMismatches, R2_TOLERANCE } from '../test-support/parity';
import { goldenSplitCase, goldenSplitCases, sweepSettingsOf } from '../test-support/sklearn-golden';
import { trainTestSplit } from './split';

const boston = loadDataset('boston');

describe('the one-pass sweep matches scikit-learn (every split case of tools/parity/sklearn-golden.json)', () => {
  for (const golden of goldenSplitCases()) {
    const dataset = loadDataset(golden.dataset);
    const ours = sweep(dataset, sweepSettingsOf(golden));
    const comparison = compareSweep(golden.name, ours, golden);
    const untied = comparison.compared - comparison.flagged;
    const [ourBest, theirBest] = [ours.best.k, golden.best.k];
    const flaggedAt = (k: number) => ours.tiedRows[k - 1] > 0 || ours.bruteRows[k - 1] > 0;

    describe(golden.name, () => {
      it(`splits off scikit-learn's ${golden.nTest} test rows, in its order`, () => {
        expect(Array.from(trainTestSplit(dataset.nRows, golden.testSize, golden.seed).test)).toEqual(golden.testRows);
        expect([ours.kMax, ours.nTrain, ours.nTest]).toEqual([golden.kMax, golden.nTrain, golden.nTest]);
      });

      it(`has scikit-learn's MSE, MAE and R² to 1e-9 at every k without tie- or brute-force-affected rows (${untied} of ${comparison.compared} k); every k that differs is flagged`, () => {
        if (comparison.untied.length > 0) throw new Error(`${comparison.untied.length} k differ with no tie- or brute-force-affected row:\n${listMismatches(comparison.untied)}`);
        expect(untied, 'k left to compare once tie-affected ones are set aside').toBeGreaterThan(0);
      });

      if (comparison.flagged === 0) {
        it(`picks scikit-learn's best k (${theirBest}) and its scores: no k of the curve is tie-affected`, () => {
          expect(ourBest, `${golden.name} best k`).toBe(theirBest);
          expectParity(`${golden.name} best k=${theirBest} mse`, ours.best.mse, golden.best.mse);
          expectParity(`${golden.name} best k=${theirBest} mae`, ours.best.mae, golden.best.mae);
          expectParity(`${golden.name} best k=${theirBest} r2`, ours.best.r2, golden.best.r2, R2_TOLERANCE);
        });
      } else if (!flaggedAt(ourBest) && !flaggedAt(theirBest)) {
        // Both best k are exact, so each curve's minimum is the other's too (up to the 1e-9 tolerance).
        it(`picks scikit-learn's best k (${theirBest}): ${comparison.flagged} k are tie-affected, but neither best k is`, () => {
          expect(ourBest, `${golden.name} best k`).toBe(theirBest);
          expectParity(`${golden.name} best k=${theirBest} mse`, ours.best.mse, golden.best.mse);
        });
      }
      // Otherwise a best k is itself flagged (age,rad: ours 6, scikit-learn 87), and either answer is legitimate.
    });
  }
});

describe('scikit-learn’s brute-force range is flagged where its arithmetic moves a price', () => {
  const golden = goldenSplitCase('brute-duplicate-nox-lstat-seed1923214041');
  const settings = sweepSettingsOf(golden);
  const ours = sweep(loadDataset(golden.dataset), settings);
  const from = Math.floor(ours.nTrain / 2);

  it('counts test rows with an identical training row at every k ≥ n_train // 2, and none below', () => {
    expect(Array.from(ours.bruteRows.subarray(0, from - 1)).every((n) => n === 0)).toBe(true);
    const rows = ours.bruteRows[from - 1];
    expect(rows).toBeGreaterThan(0);
    expect(Array.from(ours.bruteRows.subarray(from - 1)).every((n) => n === rows)).toBe(true);
  });

  it('explains this case’s differences from scikit-learn: they lie in that range and nowhere else', () => {
    const comparison = compareSweep(golden.name, ours, golden);
    expect(comparison.bruteAffected.length).toBeGreaterThan(0);
    expect(comparison.bruteAffected.every((m) => m.k >= from)).toBe(true);
    expect(comparison.untied).toEqual([]);
  });

  it('is zero where brute force cannot move a price: uniform weights, or Manhattan distance', () => {
    for (const change of [{ weights: 'uniform' as const }, { metric: 'manhattan' as const }]) {
      expect(Array.from(sweep(loadDataset(golden.dataset), { ...settings, ...change }).bruteRows).every((n) => n === 0)).toBe(true);
    }
  });
});

describe('the one-pass sweep', () => {
  it('the indexed sweep (cached neighbours) gives the same curve as a sweep from scratch', () => {
    const sweeper = new Sweeper(boston);
    for (const seed of [0, 7, 42, 123456]) {
      for (const weights of ['uniform', 'distance'] as const) {
        const settings = { seed, testFraction: 0.2, weights, scale: 'none' as const, metric: 'manhattan' as const, features: ['rm', 'lstat', 'crim'] };
        const a = sweeper.sweep(settings);
        const b = sweep(boston, settings);
        expect(Array.from(a.mse)).toEqual(Array.from(b.mse));
        expect(Array.from(a.mae)).toEqual(Array.from(b.mae));
        expect(a.best).toEqual(b.best);
      }
    }
  });

  it('a k-max limits the curve, and one outside 1..nTrain is refused', () => {
    expect(sweep(boston, { seed: 1, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES, kMax: 20 }).mse.length).toBe(20);
    expect(() => sweep(boston, { seed: 1, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES, kMax: 456 })).toThrow(/k-max/);
  });

  it('the baseline is the MSE of predicting the training mean', () => {
    const result = sweep(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES });
    const split = trainTestSplit(506, 0.1, 42);
    const mean = [...split.train].reduce((s, r) => s + boston.y[r], 0) / split.train.length;
    const mse = [...split.test].reduce((s, r) => s + (boston.y[r] - mean) ** 2, 0) / split.test.length;
    expect(result.baseline.mse).toBeCloseTo(mse, 10);
    expect(result.best.mse).toBeLessThan(result.baseline.mse);
  });
});

/** A deliberately plain KNN regressor: refit for one k, sort every distance with Array.sort. */
function plainRefitMse(x: number[][], y: number[], train: number[], test: number[], k: number, weights: Weights, metric: Metric, scale: Scale): number {
  let rows = x.map((r) => [...r]);
  if (scale === 'standard') {
    const d = x[0].length;
    const mean = Array.from({ length: d }, (_, c) => train.reduce((s, r) => s + x[r][c], 0) / train.length);
    const std = Array.from({ length: d }, (_, c) => Math.sqrt(train.reduce((s, r) => s + (x[r][c] - mean[c]) ** 2, 0) / train.length));
    rows = x.map((r) => r.map((v, c) => (std[c] > 1e-12 ? (v - mean[c]) / std[c] : v - mean[c])));
  }
  const distance = (a: number[], b: number[]) =>
    metric === 'euclidean' ? Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)) : a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
  let sse = 0;
  for (const t of test) {
    const neighbours = train.map((r) => ({ r, d: distance(rows[t], rows[r]) })).sort((a, b) => a.d - b.d || a.r - b.r).slice(0, k);
    let pred: number;
    const zeros = neighbours.filter((n) => n.d === 0);
    if (weights === 'uniform') pred = neighbours.reduce((s, n) => s + y[n.r], 0) / k;
    else if (zeros.length) pred = zeros.reduce((s, n) => s + y[n.r], 0) / zeros.length;
    else pred = neighbours.reduce((s, n) => s + y[n.r] / n.d, 0) / neighbours.reduce((s, n) => s + 1 / n.d, 0);
    sse += (y[t] - pred) ** 2;
  }
  return sse / test.length;
}

describe('property: the sweep equals a plain refit at every k', () => {
  const value = fc.integer({ min: -20, max: 20 }).map((v) => v / 4); // coarse values make ties and zero distances likely
  it('for random small datasets, settings, seeds and k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 30 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.integer({ min: 0, max: 500 }).map((v) => v / 10), { minLength: n, maxLength: n }),
          }),
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.constantFrom<Scale>('none', 'standard'),
        ({ x, y }, seed, weights, metric, scale) => {
          const features: FeatureInfo[] = ['a', 'b', 'c'].map((code) => ({ code, description: code, unit: '' }));
          const rows = x.map((r, i) => ({ a: r[0], b: r[1], c: r[2], t: y[i] }));
          const data = datasetFromRows('random', 'random', rows, features, 't', 't');
          const settings = { seed, testFraction: 0.3, weights, metric, scale, features: ['a', 'b', 'c'] };
          const result = sweep(data, settings);
          const split = trainTestSplit(data.nRows, 0.3, seed);
          for (let k = 1; k <= result.kMax; k++) {
            const expected = plainRefitMse(x, y, [...split.train], [...split.test], k, weights, metric, scale);
            expect(Math.abs(scoresAt(result, k).mse - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Per-k test MSE of a plain refit whose neighbours at equal distance come in descending dataset row: the reverse of our rule. */
function reverseTieRefitMse(x: number[][], y: number[], train: number[], test: number[], kMax: number, weights: Weights, metric: Metric): number[] {
  const distance = (a: number[], b: number[]) =>
    metric === 'euclidean' ? Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)) : a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
  const sse = new Array<number>(kMax).fill(0);
  for (const t of test) {
    const sorted = train.map((r) => ({ r, d: distance(x[t], x[r]) })).sort((a, b) => a.d - b.d || b.r - a.r);
    for (let k = 1; k <= kMax; k++) {
      const near = sorted.slice(0, k);
      const dominant = near.filter((n) => 1 / n.d === Infinity);
      let pred: number;
      if (weights === 'uniform') pred = near.reduce((s, n) => s + y[n.r], 0) / k;
      else if (dominant.length) pred = dominant.reduce((s, n) => s + y[n.r], 0) / dominant.length;
      else pred = near.reduce((s, n) => s + y[n.r] * (1 / n.d), 0) / near.reduce((s, n) => s + 1 / n.d, 0);
      sse[k - 1] += (y[t] - pred) ** 2;
    }
  }
  return sse.map((s) => s / test.length);
}

describe('property: ties are detected wherever they matter', () => {
  it('at every k without tie-affected rows the sweep equals a refit breaking ties the other way; wherever the two differ, rows are flagged', () => {
    let differing = 0;
    let flagged = 0;
    // Values from {0, 1, 2} and a few prices: equal distances with mixed and with equal targets are common.
    const value = fc.integer({ min: 0, max: 2 });
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 24 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.constantFrom(10, 20, 35), { minLength: n, maxLength: n }),
          }),
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        ({ x, y }, seed, weights, metric) => {
          const features: FeatureInfo[] = ['a', 'b'].map((code) => ({ code, description: code, unit: '' }));
          const data = datasetFromRows('ties', 'ties', x.map((r, i) => ({ a: r[0], b: r[1], t: y[i] })), features, 't', 't');
          const result = sweep(data, { seed, testFraction: 0.3, weights, metric, scale: 'none', features: ['a', 'b'] });
          const split = trainTestSplit(data.nRows, 0.3, seed);
          const other = reverseTieRefitMse(x, y, [...split.train], [...split.test], result.kMax, weights, metric);
          for (let k = 1; k <= result.kMax; k++) {
            const ours = result.mse[k - 1];
            const differs = Math.abs(ours - other[k - 1]) > 1e-9 * Math.max(1, other[k - 1]);
            if (differs) differing++;
            if (result.tiedRows[k - 1] > 0) flagged++;
            if (result.tiedRows[k - 1] === 0) expect(ours, `k ${k}: MSE ${ours} vs ${other[k - 1]} with no tie flagged`).toBeCloseTo(other[k - 1], 9);
            if (differs) expect(result.tiedRows[k - 1], `k ${k} differs but is not flagged`).toBeGreaterThan(0);
            expect(result.tiedRows[k - 1]).toBeLessThanOrEqual(result.nTest);
          }
        },
      ),
      { numRuns: 200 },
    );
    // Not vacuous: the data made the two tie rules disagree, and ties were flagged, many times over.
    expect(differing).toBeGreaterThan(50);
    expect(flagged).toBeGreaterThan(differing);
  });

  it('full features on Boston rarely tie: seed 42 has no tie-affected row at any k', () => {
    const result = sweep(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ALL_FEATURES });
    expect(result.best.tiedRows).toBe(0);
    expect(Array.from(result.tiedRows).every((n) => n === 0)).toBe(true);
  });

  it('a coarse feature subset ties often: age and rad, seed 21, uniform weights', () => {
    const result = sweep(boston, { seed: 21, testFraction: 0.1, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['age', 'rad'] });
    expect(Array.from(result.tiedRows).filter((n) => n > 0).length).toBeGreaterThan(100);
  });

  it('the indexed sweep counts the same tie-affected rows as a sweep from scratch', () => {
    const settings = { seed: 9, testFraction: 0.2, weights: 'uniform' as const, scale: 'none' as const, metric: 'manhattan' as const, features: ['chas', 'rad', 'rm'] };
    expect(Array.from(new Sweeper(boston).sweep(settings).tiedRows)).toEqual(Array.from(sweep(boston, settings).tiedRows));
  });
});

/**
 * The sweep as it was before partial ordering, kept as the reference: every test row's distances to all training
 * rows, one full sort, nTrain-long lists, ties counted over the whole list. Returns what the sweep reports.
 */
function fullSortSweep(data: Dataset, settings: SweepSettings) {
  const split = trainTestSplit(data.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(data, settings.features, settings.scale, split.train, split.test);
  const nTrain = split.train.length;
  const nTest = split.test.length;
  const kMax = settings.kMax ?? nTrain - 1;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const sortedDist = new Float64Array(nTrain);
  const sortedY = new Float64Array(nTrain);
  const pred = new Float64Array(kMax);
  const sse = new Float64Array(kMax);
  const sae = new Float64Array(kMax);
  const tiedRows = new Uint32Array(kMax);
  const scratch = new Int32Array(kMax + 1);
  for (let t = 0; t < nTest; t++) {
    distancesToAll(settings.metric, design.testX, t, design.trainX, nTrain, design.nCols, dist);
    argsortInto(dist, order, nTrain, split.train);
    for (let i = 0; i < nTrain; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = design.trainY[order[i]];
    }
    predictionsForEveryK(sortedDist, sortedY, kMax, settings.weights, pred);
    countTieAffected(sortedDist, sortedY, nTrain, kMax, tiedRows, scratch);
    for (let k = 0; k < kMax; k++) {
      const e = design.testY[t] - pred[k];
      sse[k] += e * e;
      sae[k] += Math.abs(e);
    }
  }
  return { mse: Array.from(sse, (s) => s / nTest), mae: Array.from(sae, (s) => s / nTest), tiedRows: Array.from(tiedRows) };
}

describe('property: ordering only each row’s kMax + 1 nearest neighbours changes nothing at any k ≤ kMax', () => {
  it('on data full of duplicate rows and ties, for random kMax (1, nTrain − 1, nTrain and between), both sweeps and every setting: MSE, MAE and tie counts bit for bit', () => {
    const value = fc.integer({ min: 0, max: 4 });
    let partial = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 600 }).chain((n) =>
          fc.record({
            x: fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
            y: fc.array(fc.integer({ min: 0, max: 8 }).map((v) => v * 5), { minLength: n, maxLength: n }),
            kPick: fc.oneof(fc.constantFrom(0, 1, -1, -2), fc.double({ min: 0, max: 0.25, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          }),
        ),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom<Weights>('uniform', 'distance'),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.constantFrom<Scale>('none', 'standard'),
        ({ x, y, kPick }, seed, weights, metric, scale) => {
          const features: FeatureInfo[] = ['a', 'b'].map((code) => ({ code, description: code, unit: '' }));
          const data = datasetFromRows('dups', 'dups', x.map((r, i) => ({ a: r[0], b: r[1], t: y[i] })), features, 't', 't');
          const testFraction = 0.2;
          const nTrain = data.nRows - Math.ceil(testFraction * data.nRows);
          // 0 → k-max 1, 1 → nTrain − 1, −1 → nTrain, −2 → the default; a fraction → that share of nTrain.
          const kMax = kPick === 0 ? 1 : kPick === 1 ? nTrain - 1 : kPick === -1 ? nTrain : kPick === -2 ? undefined : Math.max(1, Math.round(kPick * nTrain));
          if (kMax !== undefined && (kMax + 1) * 4 <= nTrain) partial++;
          const settings: SweepSettings = { seed, testFraction, weights, metric, scale, features: ['a', 'b'], kMax };
          const expected = fullSortSweep(data, settings);
          for (const ours of [sweep(data, settings), new Sweeper(data).sweep(settings)]) {
            expect(Array.from(ours.mse)).toEqual(expected.mse);
            expect(Array.from(ours.mae)).toEqual(expected.mae);
            expect(Array.from(ours.tiedRows)).toEqual(expected.tiedRows);
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(partial, 'runs whose k-max leaves most rows unordered').toBeGreaterThan(30);
  });

  it('on a spread-out dataset of 3,000 rows with standard scaling, k-max 100 gives the first 100 k of the full curve', () => {
    let s = 11;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const features: FeatureInfo[] = ['a', 'b', 'c', 'd'].map((code) => ({ code, description: code, unit: '' }));
    const rows = Array.from({ length: 3000 }, () => {
      const [a, b, c, d] = [next(), next() * 10, Math.round(next() * 5), next()];
      return { a, b, c, d, t: Math.round(10 * (a + b + c) + 20 * next()) };
    });
    const data = datasetFromRows('spread', 'spread', rows, features, 't', 't');
    const settings: SweepSettings = { seed: 5, testFraction: 0.1, weights: 'distance', metric: 'euclidean', scale: 'standard', features: ['a', 'b', 'c', 'd'], kMax: 100 };
    const ours = sweep(data, settings);
    const full = fullSortSweep(data, { ...settings, kMax: undefined });
    expect(Array.from(ours.mse)).toEqual(full.mse.slice(0, 100));
    expect(Array.from(ours.tiedRows)).toEqual(full.tiedRows.slice(0, 100));
  });
});
