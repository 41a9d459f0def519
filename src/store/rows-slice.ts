import type { RowSample } from '../ml/row-sample';
import type { SweepRequest } from '../worker/lab-api';
import { sameSweep, sweepRequestOf } from './lab-settings';
import type { RowsServices } from './services';
import type { Slice } from './slice';
import type { LabState } from './store';
import { currentBestK } from './sweep-slice';

/** The split settings and the k whose test rows the error plots show. */
export interface RowsKey {
  request: SweepRequest;
  /** The k; 0 in radius mode. */
  k: number;
  /** Radius mode: the radius the rows are priced within. */
  radius?: number;
}

export interface RowsState {
  /** The latest rows received; kept while newer ones load, so the plots do not blank (rowsAreCurrent says if they answer the settings now). */
  result: RowSample | null;
  /** The settings `result` answers (its k is `result.k`). */
  request: SweepRequest | null;
  status: 'idle' | 'loading' | 'done' | 'error';
  error: string | null;
}

export interface RowsSlice {
  rows: RowsState;
  /**
   * Loads the test rows for the current settings at the selected k (the best k once the sweep has found it), unless
   * they are on screen or on their way already. The latest request wins; an older answer is dropped.
   */
  loadRows: () => void;
}

/**
 * What the error plots should show now: the current settings at the selected k, or at the best k once the sweep for
 * these settings has answered; in K-fold mode every row's out-of-fold prediction. Null while that best k is unknown.
 */
export function wantedRows(state: Pick<LabState, 'settings' | 'sweep'>): RowsKey | null {
  const request = sweepRequestOf(state.settings);
  if (request.neighbours === 'radius') {
    const radius = state.settings.radius ?? (currentBestK(state) === null ? null : (state.sweep.result?.radius?.best?.radius ?? null));
    return radius === null ? null : { request, k: 0, radius };
  }
  const k = state.settings.k ?? currentBestK(state);
  return k === null ? null : { request, k };
}

const answers = (request: SweepRequest | null, got: Pick<RowSample, 'k' | 'radius'> | undefined | null, key: RowsKey) =>
  request !== null && got?.k === key.k && got.radius === key.radius && sameSweep(request, key.request);

/** True when the rows in the store answer the current settings and selected k; false while they are older ones. */
export function rowsAreCurrent(state: Pick<LabState, 'settings' | 'sweep' | 'rows'>): boolean {
  const key = wantedRows(state);
  const { result, request } = state.rows;
  return key !== null && answers(request, result, key);
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createRowsSlice =
  (services: RowsServices): Slice<RowsSlice> =>
  (set, get) => {
    let latest = 0;
    let pending: RowsKey | null = null;
    const patch = (p: Partial<RowsState>) => set({ rows: { ...get().rows, ...p } });
    return {
      rows: { result: null, request: null, status: 'idle', error: null },

      loadRows: () => {
        const key = wantedRows(get());
        if (!key) return;
        if (pending && answers(pending.request, pending, key)) return;
        const { result, request, status } = get().rows;
        const id = ++latest; // from here on, any answer still on its way is for other settings
        if (status !== 'error' && answers(request, result, key)) {
          // Back to what is on screen (k moved away and back before the answer came): nothing to load.
          pending = null;
          if (status === 'loading') patch({ status: 'done' });
          return;
        }
        pending = key;
        patch({ status: 'loading', error: null });
        services.rows(key.request, key.k, key.radius).then(
          (rows) => {
            if (id !== latest) return;
            pending = null;
            patch({ result: rows, request: key.request, status: 'done', error: null });
          },
          (error: unknown) => {
            if (id !== latest) return;
            pending = null;
            // Stopped because a new sweep made these settings stale: the rows for the new ones are asked for next.
            if (error instanceof Error && error.name === 'CancelledError') return;
            patch({ status: 'error', error: `The test rows could not be priced (${messageOf(error)}).` });
          },
        );
      },
    };
  };
