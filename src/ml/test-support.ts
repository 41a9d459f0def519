// Shared by the unit tests: the golden values from ../shared/FACTS.md (scikit-learn 1.2.1).
import { FEATURE_CODES } from './dataset-meta';
import type { Scale, Weights } from './params';

export const ALL_FEATURES = [...FEATURE_CODES];

export const GOLDEN_SWEEPS: { seed: number; weights: Weights; scale: Scale; bestK: number; mse: number; mae: number; r2: number; mseAt1: number; mseAt5: number }[] = [
  { seed: 42, weights: 'distance', scale: 'none', bestK: 6, mse: 22.71214334767049, mae: 3.575589604364873, r2: 0.6362228243164914, mseAt1: 56.924117647058814, mseAt5: 24.66642357080066 },
  { seed: 42, weights: 'uniform', scale: 'none', bestK: 6, mse: 24.89457516339869, mae: 3.777777777777778, r2: 0.6012671237516274, mseAt1: 56.92411764705883, mseAt5: 27.93209411764706 },
  { seed: 0, weights: 'uniform', scale: 'standard', bestK: 3, mse: 35.412135076252724, mae: 3.2777777777777777, r2: 0.5883461547182408, mseAt1: 41.31686274509804, mseAt5: 43.537945098039216 },
  { seed: 7, weights: 'distance', scale: 'standard', bestK: 5, mse: 5.514517769901799, mae: 1.9536292801949664, r2: 0.914174375736505, mseAt1: 11.810000000000004, mseAt5: 5.514517769901799 },
];

/** |actual − expected| ≤ 1e-9 · |expected|: scikit-learn's own search methods agree to 6e-13. */
export function closeRelative(actual: number, expected: number, tolerance = 1e-9): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}
