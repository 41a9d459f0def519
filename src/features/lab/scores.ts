import type { ShownMetric } from '../../store/lab-settings';
import type { SweepSummary } from '../../store/services';

/** The chosen metric at k; RMSE is derived from MSE. */
export function shownValue(result: SweepSummary, show: ShownMetric, k: number): number {
  const i = k - 1;
  if (show === 'rmse') return Math.sqrt(result.mse[i]);
  return result[show][i];
}
