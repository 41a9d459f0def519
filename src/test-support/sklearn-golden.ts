// scikit-learn's own numbers, as tools/parity/sklearn_reference.py writes them: the committed golden file
// for unit tests, and the same shapes for what `sklearn_reference.py cases` prints (tools/parity/parity.ts).
// Field meanings: tools/parity/README.md.
import { readFileSync } from 'node:fs';
import type { DatasetName } from '../ml/dataset-meta';
import type { Metric, Scale, Weights } from '../ml/params';
import type { SweepSettings } from '../ml/sweep';

interface SklearnCaseCommon {
  name: string;
  dataset: DatasetName;
  seed: number;
  weights: Weights;
  scale: Scale;
  metric: Metric;
  /** Feature codes in dataset order. */
  features: string[];
}

/** Scores that scikit-learn reports as NaN (R² of a one-row test set) are null. */
export interface SklearnCurve {
  mse: (number | null)[];
  mae: (number | null)[];
  r2: (number | null)[];
}

/** train_test_split, then a fresh KNeighborsRegressor for every k = 1..kMax; arrays indexed by k − 1. */
export interface SklearnSplitResult extends SklearnCaseCommon {
  kind: 'split';
  testSize: number;
  kMax: number;
  nTrain: number;
  nTest: number;
  /** Dataset rows of the test set, in scikit-learn's order. */
  testRows: number[];
  curve: SklearnCurve;
  best: { k: number; mse: number; mae: number; r2: number | null };
}

/** KFold(folds, shuffle=True, random_state=seed); per k, the mean over folds (`mseStd`: numpy std, ddof 0). */
export interface SklearnCvResult extends SklearnCaseCommon {
  kind: 'cv';
  folds: number;
  kMax: number;
  foldTestRows: number[][];
  curve: SklearnCurve & { mseStd: (number | null)[] };
  best: { k: number; mse: number; mseStd: number };
  /** The largest k whose mean MSE is within one standard error (std / √folds) of the best. */
  oneSe: { k: number };
}

/** RadiusNeighborsRegressor at each radius; scores over the covered test rows, null when none is. */
export interface SklearnRadiusResult extends SklearnCaseCommon {
  kind: 'radius';
  testSize: number;
  radii: number[];
  nTrain: number;
  nTest: number;
  testRows: number[];
  byRadius: { radius: number; covered: number; coverage: number; mse: number | null; mae: number | null; r2: number | null }[];
}

export type SklearnResult = SklearnSplitResult | SklearnCvResult | SklearnRadiusResult;

/** A split case on a CSV file: `csv` is its path in the repository, `target` its target column, `features` its columns. */
export interface SklearnCsvSplitResult extends Omit<SklearnSplitResult, 'dataset'> {
  dataset: 'csv';
  csv: string;
  target: string;
}

/** `RandomState(seed).permutation(n)`: whole (`perm`) or its first entries (`head`). */
export interface SklearnPermutation {
  seed: number;
  n: number;
  perm?: number[];
  head?: number[];
}

export interface SklearnGolden {
  generator: string;
  sklearn: string;
  numpy: string;
  threads: number;
  cases: SklearnResult[];
  permutations: SklearnPermutation[];
  /** Cases on the generated CSV (tools/parity/fixtures/generated.csv), read as the app reads a user's file. */
  csvCases: SklearnCsvSplitResult[];
}

export const GOLDEN_PATH = new URL('../../tools/parity/sklearn-golden.json', import.meta.url);

let golden: SklearnGolden | null = null;

/** tools/parity/sklearn-golden.json, read once. */
export function sklearnGolden(): SklearnGolden {
  golden ??= JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as SklearnGolden;
  return golden;
}

export const goldenSplitCases = (): SklearnSplitResult[] => sklearnGolden().cases.filter((c): c is SklearnSplitResult => c.kind === 'split');
export const goldenCvCases = (): SklearnCvResult[] => sklearnGolden().cases.filter((c): c is SklearnCvResult => c.kind === 'cv');
export const goldenRadiusCases = (): SklearnRadiusResult[] => sklearnGolden().cases.filter((c): c is SklearnRadiusResult => c.kind === 'radius');

export const goldenCsvCases = (): SklearnCsvSplitResult[] => sklearnGolden().csvCases;

/** Where a CSV case's file is. */
export const csvCaseUrl = (result: Pick<SklearnCsvSplitResult, 'csv'>): URL => new URL(`../../${result.csv}`, import.meta.url);

/** The golden split case of that name; throws when the golden file has none (a renamed case). */
export function goldenSplitCase(name: string): SklearnSplitResult {
  const found = goldenSplitCases().find((c) => c.name === name);
  if (!found) throw new Error(`no split case "${name}" in ${GOLDEN_PATH.pathname}; its split cases: ${goldenSplitCases().map((c) => c.name).join(', ')}`);
  return found;
}

/** Our sweep settings for a scikit-learn split result: same split, fit and k range. */
export function sweepSettingsOf(result: Pick<SklearnSplitResult, 'seed' | 'testSize' | 'weights' | 'scale' | 'metric' | 'features' | 'kMax'>): SweepSettings {
  const { seed, testSize, weights, scale, metric, features, kMax } = result;
  return { seed, testFraction: testSize, weights, scale, metric, features, kMax };
}
