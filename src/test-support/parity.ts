// How our numbers are held against scikit-learn's: 1e-9 relative (its own brute, kd-tree and ball-tree
// searches agree to 6e-13), and when they do not agree, a message with both numbers and the gap.
import type { CrossValidationResult } from '../ml/cross-validation';
import type { SweepResult } from '../ml/sweep';
import type { SklearnCvResult, SklearnSplitResult } from './sklearn-golden';

/** |ours − scikit-learn| ≤ relative · max(|scikit-learn|, floor). */
export interface Tolerance {
  relative: number;
  /** Keeps values near 0 (R² of a poor fit) from demanding more than 1e-9 absolute. */
  floor: number;
}

export const PARITY_TOLERANCE: Tolerance = { relative: 1e-9, floor: 0 };
/** R² can be near 0, where a relative gap means nothing: compare against max(|R²|, 1). */
export const R2_TOLERANCE: Tolerance = { relative: 1e-9, floor: 1 };

export interface Gap {
  ok: boolean;
  /** |ours − scikit-learn| / max(|scikit-learn|, floor); Infinity when only one is NaN / null. */
  relative: number;
}

/** How far ours is from scikit-learn's value; null (scikit-learn's NaN) matches only NaN. */
export function parityGap(ours: number, sklearn: number | null, tolerance: Tolerance = PARITY_TOLERANCE): Gap {
  if (sklearn === null || Number.isNaN(sklearn)) return Number.isNaN(ours) ? { ok: true, relative: 0 } : { ok: false, relative: Infinity };
  if (Number.isNaN(ours)) return { ok: false, relative: Infinity };
  const diff = Math.abs(ours - sklearn);
  const scale = Math.max(Math.abs(sklearn), tolerance.floor);
  const relative = diff === 0 ? 0 : scale === 0 ? Infinity : diff / scale;
  return { ok: diff <= tolerance.relative * scale, relative };
}

const formatRelative = (r: number): string => (r === 0 ? '0' : Number.isFinite(r) ? r.toExponential(1) : 'infinite');

/** "seed42-distance-none k=6 mse: ours 22.71…, scikit-learn 22.71…, relative difference 3.1e-13 (allowed 1e-9)". */
export function describeGap(label: string, ours: number, sklearn: number | null, tolerance: Tolerance = PARITY_TOLERANCE): string {
  const { relative } = parityGap(ours, sklearn, tolerance);
  const allowed = `allowed ${tolerance.relative}${tolerance.floor > 0 ? `, of max(|scikit-learn|, ${tolerance.floor})` : ''}`;
  return `${label}: ours ${ours}, scikit-learn ${sklearn ?? 'NaN'}, relative difference ${formatRelative(relative)} (${allowed})`;
}

/** Throws, naming both numbers and their gap, unless ours is within tolerance of scikit-learn's. */
export function expectParity(label: string, ours: number, sklearn: number | null, tolerance: Tolerance = PARITY_TOLERANCE): void {
  if (!parityGap(ours, sklearn, tolerance).ok) throw new Error(describeGap(label, ours, sklearn, tolerance));
}

/** One score of a curve: ours and scikit-learn's, indexed by k − 1. */
export interface ScorePair {
  name: string;
  ours: ArrayLike<number>;
  sklearn: readonly (number | null)[];
  tolerance: Tolerance;
}

/** A k at which some score differs beyond tolerance, with the first such score's message. */
export interface KMismatch {
  k: number;
  tiedRows: number;
  bruteRows: number;
  message: string;
}

export interface CurveComparison {
  /** k = 1..compared were compared. */
  compared: number;
  /** k at which every score is within tolerance. */
  exact: number;
  /** k with tie-affected rows (tiedRows > 0), whether or not they match. */
  flagged: number;
  /** k that differ where ties explain it (tiedRows > 0): both tie choices are legitimate. */
  tieAffected: KMismatch[];
  /**
   * k that differ, untied, where scikit-learn's brute-force Euclidean arithmetic explains it (bruteRows > 0: a
   * test row with an identical training row, distance weights, k ≥ n_train // 2).
   */
  bruteAffected: KMismatch[];
  /** k that differ with neither explanation: a real parity failure. */
  untied: KMismatch[];
}

/**
 * Compares every k of a curve. Our engine flags with `tiedRows[k − 1]` every k whose prediction depends
 * on the order of equidistant neighbours, and with `bruteRows[k − 1]` every k where scikit-learn's brute-force
 * arithmetic moves a price; anywhere else it must equal scikit-learn. O(k · scores).
 */
export function compareCurve(label: string, scores: readonly ScorePair[], tiedRows: ArrayLike<number>, bruteRows: ArrayLike<number>): CurveComparison {
  const compared = scores[0].sklearn.length;
  for (const s of scores) {
    if (s.sklearn.length !== compared || s.ours.length !== compared) {
      throw new Error(`${label} ${s.name}: ours has ${s.ours.length} k, scikit-learn ${s.sklearn.length}; expected ${compared} each`);
    }
  }
  if (tiedRows.length !== compared) throw new Error(`${label}: tiedRows has ${tiedRows.length} k, the curve ${compared}`);
  const result: CurveComparison = { compared, exact: 0, flagged: 0, tieAffected: [], bruteAffected: [], untied: [] };
  for (let i = 0; i < compared; i++) {
    const k = i + 1;
    const tied = tiedRows[i];
    const brute = bruteRows[i];
    if (tied > 0 || brute > 0) result.flagged++;
    const failing = scores.find((s) => !parityGap(s.ours[i], s.sklearn[i], s.tolerance).ok);
    if (!failing) {
      result.exact++;
      continue;
    }
    const message = `${describeGap(`${label} k=${k} ${failing.name}`, failing.ours[i], failing.sklearn[i], failing.tolerance)}; tie-affected test rows ${tied}, brute-force-affected ${brute}`;
    (tied > 0 ? result.tieAffected : brute > 0 ? result.bruteAffected : result.untied).push({ k, tiedRows: tied, bruteRows: brute, message });
  }
  return result;
}

/** The first `limit` mismatches, one line each, and how many more there are. */
export function listMismatches(mismatches: readonly KMismatch[], limit = 5): string {
  const lines = mismatches.slice(0, limit).map((m) => m.message);
  if (mismatches.length > limit) lines.push(`… and ${mismatches.length - limit} more k`);
  return lines.join('\n');
}

/** Our sweep's MSE, MAE and R² at every k against scikit-learn's refit-per-k curve. */
export function compareSweep(label: string, ours: Pick<SweepResult, 'mse' | 'mae' | 'r2' | 'tiedRows' | 'bruteRows'>, sklearn: Pick<SklearnSplitResult, 'curve'>): CurveComparison {
  return compareCurve(
    label,
    [
      { name: 'mse', ours: ours.mse, sklearn: sklearn.curve.mse, tolerance: PARITY_TOLERANCE },
      { name: 'mae', ours: ours.mae, sklearn: sklearn.curve.mae, tolerance: PARITY_TOLERANCE },
      { name: 'r2', ours: ours.r2, sklearn: sklearn.curve.r2, tolerance: R2_TOLERANCE },
    ],
    ours.tiedRows,
    ours.bruteRows,
  );
}

/** Our fold means (and MSE spread) at every k against scikit-learn's cross-validation curve. */
export function compareCrossValidation(label: string, ours: CrossValidationResult, sklearn: SklearnCvResult): CurveComparison {
  return compareCurve(
    label,
    [
      { name: 'mean mse', ours: ours.meanMse, sklearn: sklearn.curve.mse, tolerance: PARITY_TOLERANCE },
      { name: 'mse std', ours: ours.stdMse, sklearn: sklearn.curve.mseStd, tolerance: PARITY_TOLERANCE },
      { name: 'mean mae', ours: ours.meanMae, sklearn: sklearn.curve.mae, tolerance: PARITY_TOLERANCE },
      { name: 'mean r2', ours: ours.meanR2, sklearn: sklearn.curve.r2, tolerance: R2_TOLERANCE },
    ],
    ours.tiedRows,
    ours.bruteRows,
  );
}
