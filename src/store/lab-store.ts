import { useStore } from 'zustand';
import { openStorage, type KnnStorage } from '../storage/open-storage';
import { cancelWork, datasetRowInWorker, describeDataset, fitInWorker, sweepInWorker } from '../worker/bridge';
import type { SweepRequest } from '../worker/lab-api';
import { createLabStore, type LabState } from './store';

// Benchmark hook: ?sweepOn=main runs sweeps on the main thread, the baseline `npm run bench:ui` compares the
// worker against. The dynamic import keeps the dataset out of the page's own chunk.
const sweepOnMain = typeof location !== 'undefined' && new URLSearchParams(location.search).get('sweepOn') === 'main';
const mainThreadSweep = async (request: SweepRequest) => (await import('../worker/lab-api')).labApi.sweep(request);

let storage: Promise<KnnStorage> | null = null;

/** The app's one store, wired to the worker and to storage (opened once, on first use). */
export const labStore = createLabStore({
  sweep: sweepOnMain ? mainThreadSweep : sweepInWorker,
  cancel: cancelWork,
  now: () => performance.now(),
  storage: () => (storage ??= openStorage({ onState: (state) => labStore.setState((s) => ({ registry: { ...s.registry, storage: state } })) })),
  fit: fitInWorker,
  datasetRow: datasetRowInWorker,
  describe: describeDataset,
});

/** Selects one piece of the store; pass a stable selector (or useShallow) to avoid extra renders. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}
