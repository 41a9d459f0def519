import { readSeedRange } from '../ml/seed-stability';
import type { SeedStabilityRequest, SeedStabilityResult } from '../worker/lab-api';
import type { JobProgress } from '../worker/progress';
import { sweepRequestOf, type LabSettings } from './lab-settings';
import type { StabilityServices } from './services';
import type { Slice } from './slice';
import type { LabState } from './store';

export interface StabilityState {
  /** The seed range as typed; read only when a run starts. */
  fromText: string;
  toText: string;
  /** Why the typed range was refused (nothing ran); cleared by the next edit or run. */
  rangeError: string | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** The run in flight. */
  running: SeedStabilityRequest | null;
  /** How far it has got, once it has run long enough to say. */
  progress: JobProgress | null;
  /** The latest finished run and what it was asked; kept while a newer one runs (see stabilityIsCurrent). */
  result: SeedStabilityResult | null;
  request: SeedStabilityRequest | null;
  /** Why the latest run has no result: stopped, or failed. */
  message: string | null;
}

export interface StabilitySlice {
  stability: StabilityState;
  setStabilityRange: (fromText: string, toText: string) => void;
  /** Runs the typed range with the lab's current settings; the latest run wins, and the same run again is ignored. */
  runStability: () => void;
  /** Stops the run in flight (its worker only; the lab's sweeps carry on). */
  cancelStability: () => void;
}

export const DEFAULT_STABILITY_RANGE = { from: 0, to: 999 };

/**
 * What a stability run over these seeds is asked: the lab's sweep settings but its seed, with one train/test split
 * per seed (never K-fold) and k nearest neighbours (the run counts best k's).
 */
export function stabilityRequestOf(settings: LabSettings, seeds: { from: number; to: number }): SeedStabilityRequest {
  const { seed: _seed, neighbours: _neighbours, ...rest } = sweepRequestOf(settings);
  return { ...rest, cv: null, seeds };
}

// Every field of the request but the range, so a setting added to the request later counts too: a result is never
// taken for another setting's answer.
const settingsKey = ({ seeds: _seeds, ...settings }: SeedStabilityRequest) => JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
const sameSettings = (a: SeedStabilityRequest, b: SeedStabilityRequest) => settingsKey(a) === settingsKey(b);

const sameRun = (a: SeedStabilityRequest, b: SeedStabilityRequest) => sameSettings(a, b) && a.seeds.from === b.seeds.from && a.seeds.to === b.seeds.to;

/** True when the stored result was run with the lab's current settings (the lab's own seed does not matter). */
export function stabilityIsCurrent(state: Pick<LabState, 'settings' | 'stability'>): boolean {
  const { request } = state.stability;
  return request !== null && sameSettings(request, stabilityRequestOf(state.settings, request.seeds));
}

/** True when the run in flight uses the lab's current settings. */
export function runningIsCurrent(state: Pick<LabState, 'settings' | 'stability'>): boolean {
  const { running } = state.stability;
  return running !== null && sameSettings(running, stabilityRequestOf(state.settings, running.seeds));
}

const isCancel = (e: unknown) => e instanceof Error && e.name === 'CancelledError';
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const count = (n: number) => n.toLocaleString('en-GB');

/** "Stopped after 4,210 of 10,000 seeds": the last progress report's count, the most the page knows was done. */
function stoppedMessage(progress: JobProgress | null, total: number): string {
  const done = progress ? Math.round(progress.fraction * total) : 0;
  return done > 0 ? `Stopped after ${count(done)} of ${count(total)} seeds; nothing is kept from a stopped run.` : 'Cancelled before the first progress report; nothing is kept.';
}

export const createStabilitySlice =
  (services: Partial<StabilityServices>): Slice<StabilitySlice> =>
  (set, get) => {
    let latest = 0;
    let job: { cancel: () => void } | null = null;
    const patch = (p: Partial<StabilityState>) => set({ stability: { ...get().stability, ...p } });
    return {
      stability: {
        fromText: String(DEFAULT_STABILITY_RANGE.from),
        toText: String(DEFAULT_STABILITY_RANGE.to),
        rangeError: null,
        status: 'idle',
        running: null,
        progress: null,
        result: null,
        request: null,
        message: null,
      },

      setStabilityRange: (fromText, toText) => patch({ fromText, toText, rangeError: null }),

      runStability: () => {
        const { fromText, toText, status, running } = get().stability;
        const range = readSeedRange(fromText, toText);
        if (!range.ok) {
          patch({ rangeError: range.message });
          return;
        }
        const request = stabilityRequestOf(get().settings, { from: range.from, to: range.to });
        if (status === 'running' && running && sameRun(running, request)) return; // a double click: it is running already
        if (!services.seedStability) {
          patch({ rangeError: null, status: 'error', message: 'Seed stability needs the calculation worker, which this page does not have.' });
          return;
        }
        // Latest wins: the older run's worker is stopped, so the new one does not queue behind it.
        job?.cancel();
        const id = ++latest;
        const total = range.to - range.from + 1;
        patch({ rangeError: null, status: 'running', running: request, progress: null, message: null });
        const started = services.seedStability(request, (progress) => {
          if (id === latest) patch({ progress });
        });
        job = started;
        started.promise.then(
          (result) => {
            if (id !== latest) return;
            job = null;
            patch({ status: 'done', running: null, progress: null, result, request, message: null });
          },
          (error: unknown) => {
            if (id !== latest) return;
            job = null;
            const message = isCancel(error) ? stoppedMessage(get().stability.progress, total) : `The seed run failed (${messageOf(error)}). The lab still works; press Run to try again.`;
            patch({ status: isCancel(error) ? 'cancelled' : 'error', running: null, progress: null, message });
          },
        );
      },

      cancelStability: () => {
        if (get().stability.status === 'running') job?.cancel();
      },
    };
  };
