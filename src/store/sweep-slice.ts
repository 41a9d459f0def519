import { sameSweep, sweepRequestOf } from './lab-settings';
import type { Slice } from './slice';
import type { LabState } from './store';
import type { SweepRequest, SweepSummary } from '../worker/lab-api';
import type { SweepServices } from './services';
import type { JobProgress } from '../worker/progress';

/** A job still running after this long is cancelled when newer settings arrive, rather than waited for. */
export const STALE_JOB_MS = 250;

export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  /** The latest finished sweep and the request it answers; kept while a newer one runs, so the chart never blanks. */
  result: SweepSummary | null;
  request: SweepRequest | null;
  /** Input timestamp behind what is on screen now, for the `sweep` measure; null when not from an input. */
  inputTime: number | null;
  /** Bumped each time the screen should change (new result or a view-only change), so the chart can time its commit. */
  revision: number;
  error: string | null;
  /** When the worker last went from idle to busy. */
  busySince: number | null;
  /** How far the running sweep has got, once it has run long enough to say; null otherwise. */
  progress: JobProgress | null;
}

export interface SweepSlice {
  sweep: SweepState;
  runSweep: (inputTime?: number) => void;
  cancelSweep: () => void;
  /** Records a change that needs no new sweep (k, metric shown, axis). */
  noteViewChange: (inputTime?: number) => void;
}

const isCancel = (e: unknown) => e instanceof Error && e.name === 'CancelledError';
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createSweepSlice =
  (services: SweepServices): Slice<SweepSlice> =>
  (set, get) => {
    let latest = 0;
    const patch = (p: Partial<SweepState>) => set({ sweep: { ...get().sweep, ...p } });
    return {
      sweep: { status: 'idle', result: null, request: null, inputTime: null, revision: 0, error: null, busySince: null, progress: null },

      runSweep: (inputTime) => {
        const id = ++latest;
        const request = sweepRequestOf(get().settings);
        const { status, busySince } = get().sweep;
        const now = services.now();
        // Latest wins: a stuck job is killed so the new one need not queue behind it.
        const stuck = status === 'running' && busySince !== null && now - busySince > STALE_JOB_MS;
        if (stuck) services.cancel();
        patch({ status: 'running', busySince: status === 'running' && !stuck ? busySince : now, progress: null });
        const onProgress = (progress: JobProgress) => {
          if (id === latest) patch({ progress });
        };
        services.sweep(request, onProgress).then(
          (result) => {
            if (id !== latest) return; // stale: a newer request owns the screen
            patch({ status: 'done', result, request, inputTime: inputTime ?? null, revision: get().sweep.revision + 1, error: null, busySince: null, progress: null });
          },
          (error: unknown) => {
            if (id !== latest) return;
            patch(
              isCancel(error)
                ? { status: 'cancelled', error: 'Calculation cancelled. Change any setting, or press Try again, to run it again.', busySince: null, progress: null }
                : { status: 'error', error: `The calculation failed (${messageOf(error)}). The page still works: change any setting, or press Try again.`, busySince: null, progress: null },
            );
          },
        );
      },

      cancelSweep: () => {
        if (get().sweep.status === 'running') services.cancel();
      },

      noteViewChange: (inputTime) => patch({ inputTime: inputTime ?? null, revision: get().sweep.revision + 1 }),
    };
  };

/** The best k of the sweep that answers the current settings; null while that sweep has not answered yet. */
export function currentBestK(state: Pick<LabState, 'settings' | 'sweep'>): number | null {
  const { result, request } = state.sweep;
  return result && request && sameSweep(request, sweepRequestOf(state.settings)) ? result.best.k : null;
}
