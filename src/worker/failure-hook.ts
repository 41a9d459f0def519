import type { FailureMode } from './failure-mode';
import type { LabApi } from './lab-api';
import type { ProgressReport } from './progress';

/** Longer than any test waits: only terminating the worker ends a forced hang. */
const HANG_MS = 60_000;

/** What the failure hook adds to the worker's API. */
export interface FailureHookApi {
  /** Makes the next sweep fail in the given way, once. */
  armFailure(mode: FailureMode): void;
}

/**
 * Test builds only: the worker API with a sweep that can be made to throw, crash the worker or hang, so e2e
 * tests can prove the page survives each.
 */
export function withFailureHook(api: LabApi): LabApi & FailureHookApi {
  let armed: FailureMode | null = null;
  return {
    ...api,
    sweep(request, report) {
      const mode = armed;
      armed = null;
      if (mode === 'throw') throw new Error('Forced sweep failure (test hook)');
      if (mode === 'crash') {
        // Thrown outside any call: an uncaught worker error, so the page sees a dead worker rather than a rejection.
        setTimeout(() => {
          throw new Error('Forced worker crash (test hook)');
        });
        // Left unanswered: the page must notice the worker's death by itself.
        return new Promise<never>(() => {}) as never;
      }
      if (mode === 'hang') hang(report);
      return api.sweep(request, report);
    },
    armFailure(mode) {
      armed = mode;
    },
  };
}

/** A runaway job: busy without a break, though still reporting progress as long jobs do. */
function hang(report?: ProgressReport): void {
  const start = Date.now();
  for (let elapsed = 0; elapsed < HANG_MS; elapsed = Date.now() - start) {
    report?.({ fraction: elapsed / HANG_MS, label: 'Stuck on purpose (test hook)' });
  }
}
