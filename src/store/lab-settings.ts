// The lab settings as the store sees them. They are declared once, in src/ml/settings-schema.ts, which the CLI
// shares; this module re-exports what the store and features use and ties the sweep decision to the worker's type.
import { sameSweepPart, sweepPartOf, type LabSettings } from '../ml/settings-schema';
import type { SweepRequest } from '../worker/lab-api';

export {
  DEFAULT_SETTINGS, K_AXES, MAX_FOLDS, MAX_TEST_FRACTION, MIN_FOLDS, MIN_TEST_FRACTION, SHOWN_METRICS, kLimit, maxK, maxKForFolds, splitCounts, sweptKMax,
  type KAxis, type LabSettings, type ShownMetric,
} from '../ml/settings-schema';

export const SEED_SLIDER_MAX = 9999;


/** The part of the settings a sweep depends on (the table's sweep column); k, metric shown and axis only change the view. */
export function sweepRequestOf(s: LabSettings): SweepRequest {
  return sweepPartOf(s);
}

/** True when a and b give the same sweep: every setting flagged "needs a sweep" is equal. */
export function sameSweep(a: SweepRequest, b: SweepRequest): boolean {
  return sameSweepPart(a, b);
}
