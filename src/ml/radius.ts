import type { Dataset } from './datasets';
import { buildDesign } from './design';
import { distanceWeight, isDominant } from './estimate';
import { baselineScores, scores, type Scores } from './metrics';
import { argsortWithin, distancesToAll } from './neighbours';
import type { KnnParams } from './params';
import { trainTestSplit } from './split';

/** One radius's result: the share of test rows with at least one neighbour, and scores over those rows. */
export interface RadiusPoint {
  radius: number;
  coverage: number;
  covered: number;
  /** Null when no test row has a neighbour within the radius. */
  scores: Scores | null;
}

/**
 * RadiusNeighborsRegressor at each radius: every training row with distance ≤ r votes, weighted as
 * scikit-learn does; rows with none are left out and counted in coverage. Per test row, the rows within the largest
 * radius are put in order once and one walk out through them, radius by radius, scores every radius:
 * O(nTest · (nTrain · d + m log m) + radii log radii) for m rows within the largest radius. O(nTrain + nTest · radii) memory.
 */
export function radiusSweep(dataset: Dataset, settings: KnnParams & { seed: number; testFraction: number }, radii: readonly number[]): RadiusPoint[] {
  for (const r of radii) if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`radius must be a positive number, got ${r}`);
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  const nTrain = split.train.length;
  const nTest = split.test.length;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const preds = radii.map(() => new Float64Array(nTest).fill(Number.NaN));
  const rising = radii.map((_, ri) => ri).sort((a, b) => radii[a] - radii[b]);
  const widest = radii.reduce((m, r) => Math.max(m, r), 0);
  const uniform = settings.weights === 'uniform';
  for (let t = 0; t < nTest; t++) {
    distancesToAll(settings.metric, design.testX, t, design.trainX, nTrain, design.nCols, dist);
    const within = argsortWithin(dist, nTrain, split.train, widest, order);
    // Running sums over the rows in order: at each radius they are the sums a walk from the nearest row would give.
    let count = 0;
    let dominant = 0;
    let dominantSum = 0;
    let sumW = 0;
    let sumWY = 0;
    let sumY = 0;
    for (const ri of rising) {
      const r = radii[ri];
      while (count < within && dist[order[count]] <= r) {
        const j = order[count];
        const y = design.trainY[j];
        const w = distanceWeight(dist[j]);
        sumY += y;
        if (isDominant(w)) {
          dominant++;
          dominantSum += y;
        } else {
          sumW += w;
          sumWY += y * w;
        }
        count++;
      }
      if (count === 0) continue;
      if (uniform) preds[ri][t] = sumY / count;
      else preds[ri][t] = dominant > 0 ? dominantSum / dominant : sumWY / sumW;
    }
  }
  return radii.map((radius, ri) => {
    const keep: number[] = [];
    preds[ri].forEach((p, t) => {
      if (!Number.isNaN(p)) keep.push(t);
    });
    const covered = keep.length;
    return {
      radius,
      covered,
      coverage: covered / nTest,
      scores: covered === 0 ? null : scores(keep.map((t) => design.testY[t]), keep.map((t) => preds[ri][t])),
    };
  });
}

/** How many radii the lab's radius sweep scores. */
export const RADIUS_GRID_SIZE = 60;

/** The radius sweep the lab draws: error and coverage per radius, arrays indexed like `radii`. */
export interface RadiusCurve {
  /** Increasing radii, in the distance's units (scaled units when the features are scaled). */
  radii: Float64Array;
  /** Test rows with at least one training row within each radius. */
  covered: Uint32Array;
  coverage: Float64Array;
  /** Scores over the covered rows; NaN where none is covered (the page shows a refusal there, never the NaN). */
  mse: Float64Array;
  mae: Float64Array;
  r2: Float64Array;
  nTrain: number;
  nTest: number;
  /** The lowest MSE among radii that cover every test row (ties to the smaller radius); null when none does. */
  best: ({ index: number; radius: number } & Scores) | null;
  baseline: Scores;
}

/**
 * `count` radii evenly spaced from the smallest non-zero distance from a test row to its nearest training row to
 * twice the largest such distance: below the first nearly every row is uncovered; from the largest every row is,
 * and the radii beyond it show what widening the neighbourhood further costs. O(count).
 */
export function radiusGrid(nearest: ArrayLike<number>, count = RADIUS_GRID_SIZE): Float64Array {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < nearest.length; i++) {
    const d = nearest[i];
    if (d > 0 && d < lo) lo = d;
    if (d > hi) hi = d;
  }
  hi *= 2;
  if (!Number.isFinite(lo) || hi <= 0) return Float64Array.of(hi > 0 ? hi : 1);
  if (count < 2 || hi === lo) return Float64Array.of(hi);
  return Float64Array.from({ length: count }, (_, i) => (i === count - 1 ? hi : lo + ((hi - lo) * i) / (count - 1)));
}

/** Each test row's distance to its nearest training row, for these settings. O(nTest · nTrain · d). */
export function nearestDistances(dataset: Dataset, settings: KnnParams & { seed: number; testFraction: number }): Float64Array {
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const design = buildDesign(dataset, settings.features, settings.scale, split.train, split.test);
  const nTrain = split.train.length;
  const dist = new Float64Array(nTrain);
  return Float64Array.from({ length: split.test.length }, (_, t) => {
    distancesToAll(settings.metric, design.testX, t, design.trainX, nTrain, design.nCols, dist);
    let min = Infinity;
    for (let i = 0; i < nTrain; i++) if (dist[i] < min) min = dist[i];
    return min;
  });
}

/** The radius sweep over the data's own grid (radiusGrid), as the lab draws it. O(radiusSweep + nTest · nTrain · d). */
export function radiusCurve(dataset: Dataset, settings: KnnParams & { seed: number; testFraction: number }, count = RADIUS_GRID_SIZE): RadiusCurve {
  const radii = radiusGrid(nearestDistances(dataset, settings), count);
  const points = radiusSweep(dataset, settings, Array.from(radii));
  const split = trainTestSplit(dataset.nRows, settings.testFraction, settings.seed);
  const pick = (of: (s: Scores) => number) => Float64Array.from(points, (p) => (p.scores ? of(p.scores) : Number.NaN));
  let best: RadiusCurve['best'] = null;
  points.forEach((p, index) => {
    if (p.scores && p.covered === split.test.length && (!best || p.scores.mse < best.mse)) best = { index, radius: p.radius, ...p.scores };
  });
  return {
    radii,
    covered: Uint32Array.from(points, (p) => p.covered),
    coverage: Float64Array.from(points, (p) => p.coverage),
    mse: pick((s) => s.mse),
    mae: pick((s) => s.mae),
    r2: pick((s) => s.r2),
    nTrain: split.train.length,
    nTest: split.test.length,
    best,
    baseline: baselineScores(Float64Array.from(split.train, (r) => dataset.y[r]), Float64Array.from(split.test, (r) => dataset.y[r])),
  };
}
