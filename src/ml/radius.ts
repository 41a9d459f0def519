import type { Dataset } from './datasets';
import { buildDesign } from './design';
import { distanceWeight, isDominant } from './estimate';
import { scores, type Scores } from './metrics';
import { argsortInto, distancesToAll } from './neighbours';
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
 * scikit-learn does; rows with none are left out and counted in coverage. One sort per test row is
 * shared by all radii: O(nTest · nTrain · (d + log nTrain) + nTest · radii · nTrain).
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
  for (let t = 0; t < nTest; t++) {
    distancesToAll(settings.metric, design.testX, t, design.trainX, nTrain, design.nCols, dist);
    argsortInto(dist, order, nTrain, split.train);
    radii.forEach((r, ri) => {
      let count = 0;
      let dominant = 0;
      let dominantSum = 0;
      let sumW = 0;
      let sumWY = 0;
      let sumY = 0;
      while (count < nTrain && dist[order[count]] <= r) {
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
      if (count === 0) return;
      if (settings.weights === 'uniform') preds[ri][t] = sumY / count;
      else preds[ri][t] = dominant > 0 ? dominantSum / dominant : sumWY / sumW;
    });
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
