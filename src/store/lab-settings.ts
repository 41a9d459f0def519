import { DATASET_ROWS, FEATURE_CODES, type DatasetName } from '../ml/dataset-meta';
import { DEFAULT_PARAMS, DEFAULT_TEST_FRACTION, type Metric, type Scale, type Weights } from '../ml/params';
import { testCount } from '../ml/split';
import type { SweepRequest } from '../worker/lab-api';

export const SHOWN_METRICS = ['mse', 'rmse', 'mae', 'r2'] as const;
export type ShownMetric = (typeof SHOWN_METRICS)[number];
export const K_AXES = ['linear', 'log'] as const;
export type KAxis = (typeof K_AXES)[number];

/** Everything the lab shows is a function of these; the URL holds all of them. */
export interface LabSettings {
  dataset: DatasetName;
  seed: number;
  testFraction: number;
  /** The k to inspect; null follows the best k. */
  k: number | null;
  weights: Weights;
  scale: Scale;
  metric: Metric;
  /** Included feature codes, in dataset order. */
  features: string[];
  show: ShownMetric;
  kAxis: KAxis;
}

/** The old Python script's choices, seed 42. */
export const DEFAULT_SETTINGS: Readonly<LabSettings> = Object.freeze({
  dataset: 'boston',
  seed: 42,
  testFraction: DEFAULT_TEST_FRACTION,
  k: null,
  ...DEFAULT_PARAMS,
  features: [...FEATURE_CODES],
  show: 'mse',
  kAxis: 'linear',
});

export const MIN_TEST_FRACTION = 0.05;
export const MAX_TEST_FRACTION = 0.5;
export const SEED_SLIDER_MAX = 9999;

export function rowCount(dataset: DatasetName): number {
  return DATASET_ROWS[dataset];
}

/** Training and test row counts for scikit-learn's split at this fraction. */
export function splitCounts(dataset: DatasetName, testFraction: number): { nTrain: number; nTest: number } {
  const nRows = rowCount(dataset);
  const nTest = testCount(nRows, testFraction);
  return { nTrain: nRows - nTest, nTest };
}

/** Largest k a sweep scores: nTrain − 1. */
export function maxK(dataset: DatasetName, testFraction: number): number {
  return splitCounts(dataset, testFraction).nTrain - 1;
}

/** The part of the settings a sweep depends on; k, metric shown and axis only change the view. */
export function sweepRequestOf(s: LabSettings): SweepRequest {
  return { dataset: s.dataset, seed: s.seed, testFraction: s.testFraction, weights: s.weights, scale: s.scale, metric: s.metric, features: [...s.features] };
}

export function sameSweep(a: SweepRequest, b: SweepRequest): boolean {
  return (
    a.dataset === b.dataset && a.seed === b.seed && a.testFraction === b.testFraction && a.weights === b.weights &&
    a.scale === b.scale && a.metric === b.metric && a.features.join() === b.features.join()
  );
}
