import { useStore } from 'zustand';
import { cancelWork, sweepInWorker } from '../worker/bridge';
import type { SweepRequest } from '../worker/lab-api';
import { createLabStore, type LabState } from './store';

// Benchmark hook: ?sweepOn=main runs sweeps on the main thread, the baseline `npm run bench:ui` compares the
// worker against. The dynamic import keeps the dataset out of the page's own chunk.
const sweepOnMain = typeof location !== 'undefined' && new URLSearchParams(location.search).get('sweepOn') === 'main';
const mainThreadSweep = async (request: SweepRequest) => (await import('../worker/lab-api')).labApi.sweep(request);

/** The app's one store, wired to the worker. */
export const labStore = createLabStore({
  sweep: sweepOnMain ? mainThreadSweep : sweepInWorker,
  cancel: cancelWork,
  now: () => performance.now(),
});

/** Selects one piece of the store; pass a stable selector (or useShallow) to avoid extra renders. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}
