import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortInto, argsortWithin, distancesToAll, nearestRows, rowDistance } from './neighbours';
import type { Metric } from './params';

/** The full ordering nearestRows must reproduce: every distance, then one sort of all of them. */
function fullOrder(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, nB: number, d: number, tie: ArrayLike<number>) {
  const dist = new Float64Array(nB);
  const order = new Uint32Array(nB);
  distancesToAll(metric, xa, a, xb, nB, d, dist);
  argsortInto(dist, order, nB, tie);
  return { dist, order };
}

/** Checks nearestRows against the full sort for one query; returns how many places it sorted. */
function expectSamePrefix(metric: Metric, xa: Float64Array, a: number, xb: Float64Array, nB: number, d: number, tie: ArrayLike<number>, count: number): number {
  const full = fullOrder(metric, xa, a, xb, nB, d, tie);
  const dist = new Float64Array(nB);
  const order = new Uint32Array(nB);
  const sorted = nearestRows(metric, xa, a, xb, nB, d, tie, count, dist, order);
  expect(sorted).toBeGreaterThanOrEqual(count);
  expect(Array.from(order.subarray(0, sorted)), 'the sorted places, row for row').toEqual(Array.from(full.order.subarray(0, sorted)));
  const distances = (d: Float64Array, o: Uint32Array) => Array.from(o.subarray(0, sorted), (p) => d[p]);
  expect(distances(dist, order), 'their distances').toEqual(distances(full.dist, full.order));
  // Every row at the count-th distance is among the sorted places (tie counting reads them).
  const last = full.dist[full.order[count - 1]];
  expect(Array.from(full.order.subarray(sorted), (p) => full.dist[p]).includes(last), 'a row at the count-th distance left unsorted').toBe(false);
  return sorted;
}

/** A row-major matrix of `rows` × d small integers: coarse values make equal distances and duplicate rows common. */
const coarseMatrix = (rows: number, d: number, max: number) =>
  fc.array(fc.integer({ min: 0, max }), { minLength: rows * d, maxLength: rows * d }).map((v) => Float64Array.from(v));

describe('distances', () => {
  it('distancesToAll gives rowDistance’s value for every row, to the last bit, whatever the width and row count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 23 }),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (d, nB, metric, seed) => {
          let s = seed;
          const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 1e3;
          const xa = Float64Array.from({ length: d }, next);
          const xb = Float64Array.from({ length: nB * d }, next);
          const out = new Float64Array(nB);
          distancesToAll(metric, xa, 0, xb, nB, d, out);
          for (let b = 0; b < nB; b++) expect(Object.is(out[b], rowDistance(metric, xa, 0, xb, b, d))).toBe(true);
        },
      ),
    );
  });
});

describe('nearestRows: the nearest rows in the full sort’s order, without sorting the rest', () => {
  it('property: on data full of duplicate rows and equal distances, its first places are the full sort’s for any count (1, 2, nB − 1, nB and between)', () => {
    let partial = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 256, max: 700 }).chain((nB) =>
          fc.record({
            nB: fc.constant(nB),
            d: fc.integer({ min: 1, max: 3 }),
            max: fc.constantFrom(1, 3, 9),
            count: fc.oneof(fc.constantFrom(1, 2, nB - 1, nB), fc.integer({ min: 1, max: Math.floor(nB / 4) }), fc.integer({ min: 1, max: nB })),
            shuffle: fc.integer({ min: 0, max: 2 ** 31 }),
          }),
        ).chain((c) => fc.record({ c: fc.constant(c), xb: coarseMatrix(c.nB, c.d, c.max), xa: coarseMatrix(3, c.d, c.max) })),
        fc.constantFrom<Metric>('euclidean', 'manhattan'),
        ({ c, xb, xa }, metric) => {
          // Dataset rows of the training rows, in no particular order, as a split gives them.
          let s = c.shuffle;
          const tie = Uint32Array.from({ length: c.nB }, (_, i) => i);
          for (let i = c.nB - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2 ** 31;
            const j = s % (i + 1);
            [tie[i], tie[j]] = [tie[j], tie[i]];
          }
          for (let a = 0; a < 3; a++) if (expectSamePrefix(metric, xa, a, xb, c.nB, c.d, tie, c.count) < c.nB) partial++;
        },
      ),
      { numRuns: 150 },
    );
    expect(partial, 'queries that took the partial path').toBeGreaterThan(50);
  });

  it('on spread-out data, a small count sorts only a few more rows than asked for', () => {
    const nB = 5000;
    const d = 4;
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const xb = Float64Array.from({ length: nB * d }, next);
    const xa = Float64Array.from({ length: 10 * d }, next);
    const tie = Uint32Array.from({ length: nB }, (_, i) => i);
    for (let a = 0; a < 10; a++) {
      const sorted = expectSamePrefix('euclidean', xa, a, xb, nB, d, tie, 200);
      expect(sorted).toBeLessThan(2 * 200);
    }
  });

  it('when the sampled rows are unlike the rest, so the limit keeps too few rows, it falls back to the full sort', () => {
    // The sample reads every other row here (nB = 2 × its size): those rows are all near, the others far.
    const nB = 2048;
    const xb = Float64Array.from({ length: nB }, (_, i) => (i % 2 === 0 ? 1 + i / nB : 100 + i));
    const tie = Uint32Array.from({ length: nB }, (_, i) => i);
    expect(expectSamePrefix('manhattan', Float64Array.of(0), 0, xb, nB, 1, tie, 500)).toBe(nB);
  });

  it('orders two sums the square root makes equal by row, as the full sort does, though only one is under the limit', () => {
    // (94906265, 0) and (94906265, 1) are at squared distances t² and t² + 1 from the origin, one distance once rooted.
    const t = 94906265;
    expect(Math.sqrt(t * t)).toBe(Math.sqrt(t * t + 1));
    const nB = 400;
    const xb = Float64Array.from({ length: nB * 2 }, (_, i) => (i % 2 === 0 ? t : (i >> 1) % 2));
    const tie = Uint32Array.from({ length: nB }, (_, i) => i);
    const dist = new Float64Array(nB);
    const order = new Uint32Array(nB);
    nearestRows('euclidean', Float64Array.of(0, 0), 0, xb, nB, 2, tie, 50, dist, order);
    expect(Array.from(order.subarray(0, 50))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expectSamePrefix('euclidean', Float64Array.of(0, 0), 0, xb, nB, 2, tie, 50);
  });
});

describe('argsortWithin', () => {
  it('sorts exactly the keys up to the limit, as the full sort orders them', () => {
    const key = Float64Array.from([5, 1, 3, 3, 0, 9, 3, 2, 7, 1]);
    const tie = Uint32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const order = new Uint32Array(key.length);
    const full = new Uint32Array(key.length);
    argsortInto(key, full, key.length, tie);
    const c = argsortWithin(key, key.length, tie, 3, order);
    expect(c).toBe(7);
    expect(Array.from(order.subarray(0, c))).toEqual(Array.from(full.subarray(0, c)));
  });
});
