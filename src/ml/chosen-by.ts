/** How a saved model's k was chosen: on one train/test split, or by K-fold cross-validation (then fitted on every row). */
export type ChosenBy =
  | { method: 'split'; seed: number; testFraction: number }
  | { method: 'kfold'; folds: number; seed: number; mseStd: number; oneSeK: number };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const wholeAtLeast = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
const finiteAtLeast = (v: unknown, min: number) => typeof v === 'number' && Number.isFinite(v) && v >= min;

/** True for a well-formed ChosenBy (no other keys). O(1). */
export function isChosenBy(v: unknown): v is ChosenBy {
  if (!isObject(v)) return false;
  const keys = Object.keys(v).sort().join();
  if (v.method === 'split') return keys === 'method,seed,testFraction' && wholeAtLeast(v.seed, 0) && finiteAtLeast(v.testFraction, 0) && (v.testFraction as number) < 1;
  if (v.method === 'kfold') {
    return keys === 'folds,method,mseStd,oneSeK,seed' && wholeAtLeast(v.folds, 2) && wholeAtLeast(v.seed, 0) && finiteAtLeast(v.mseStd, 0) && wholeAtLeast(v.oneSeK, 1);
  }
  return false;
}

/** Where a model's test MSE falls among the best test MSEs of a range of seeds (the Stability view's last run). */
export interface SeedStanding {
  seeds: { from: number; to: number };
  /** Share of those seeds whose best test MSE is lower than this model's test MSE (0–1). */
  lowerShare: number;
}

/** The standing of `mse` among the seeds' best MSEs. O(seeds). */
export function seedStanding(seeds: { from: number; to: number }, bestMse: ArrayLike<number>, mse: number): SeedStanding {
  let lower = 0;
  for (let i = 0; i < bestMse.length; i++) if (bestMse[i] < mse) lower++;
  return { seeds: { ...seeds }, lowerShare: bestMse.length ? lower / bestMse.length : 0 };
}

/** True for a well-formed SeedStanding. O(1). */
export function isSeedStanding(v: unknown): v is SeedStanding {
  if (!isObject(v) || !isObject(v.seeds)) return false;
  const { from, to } = v.seeds;
  return Object.keys(v).sort().join() === 'lowerShare,seeds' && wholeAtLeast(from, 0) && wholeAtLeast(to, from as number) && finiteAtLeast(v.lowerShare, 0) && (v.lowerShare as number) <= 1;
}

/** In words, for the Models view: "a single split (seed 42, 10 % test)" or "10-fold cross-validation (seed 42)". */
export function describeChosenBy(c: ChosenBy | undefined): string {
  if (!c) return 'a single split';
  return c.method === 'split'
    ? `a single split (seed ${c.seed}, ${Math.round(c.testFraction * 100)} % test)`
    : `${c.folds}-fold cross-validation (seed ${c.seed}), then fitted on every row`;
}
