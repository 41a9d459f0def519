import { useStore } from 'zustand';
import { openStorage, type KnnStorage } from '../storage/open-storage';
import {
  cancelRowPredictions, datasetRowInWorker, describeDataset, finishImportInWorker, fitInWorker, importIssuesInWorker, modelCurveInWorker, modelIntervalsInWorker, rowPredictionsInWorker, setDatasetSource, startJob, type Job,
} from '../worker/bridge';
import type { SweepSummary } from '../worker/lab-api';
import { mainThreadSweep, sweepsOnMainThread } from '../worker/test-hooks';
import type { LabServices } from './services';
import { createLabStore, type LabState } from './store';

let storage: Promise<KnnStorage> | null = null;
let sweepJob: Job<SweepSummary> | null = null;

const openOnce = () => (storage ??= openStorage({ onState: (state) => labStore.setState((s) => ({ registry: { ...s.registry, storage: state } })) }));

const sweepInWorker: LabServices['sweep'] = (request, onProgress) => {
  // Rows still being priced for the old settings would only compete with the new sweep for the CPU.
  cancelRowPredictions();
  return (sweepJob = startJob('sweep', request, onProgress)).promise;
};

/** The app's one store, wired to the worker and to storage (opened once, on first use). */
export const labStore = createLabStore({
  // Test builds can sweep on the main thread, the benchmark's baseline; production builds leave that code out.
  sweep: import.meta.env.VITE_TEST_HOOKS === '1' && sweepsOnMainThread() ? mainThreadSweep : sweepInWorker,
  // Stops the sweep's own worker only: fits, dataset rows and descriptions run in another and carry on.
  cancel: () => sweepJob?.cancel(),
  now: () => performance.now(),
  storage: () => openOnce(),
  fit: fitInWorker,
  datasetRow: datasetRowInWorker,
  describe: describeDataset,
  intervals: modelIntervalsInWorker,
  modelCurve: modelCurveInWorker,
  rows: rowPredictionsInWorker,
  // Its own worker: Cancel stops the run and nothing else, and the lab keeps sweeping meanwhile.
  seedStability: (request, onProgress) => startJob('seedStability', request, onProgress),
  // The import worker keeps the parsed file between these calls; Cancel stops it and nothing else.
  parseCsv: (file, onProgress) => startJob('parseCsv', file, onProgress),
  // Its own worker: Cancel (or a second file) stops that batch and nothing else.
  batchPredict: (request, onProgress) => startJob('batchPredict', request, onProgress),
  importIssues: importIssuesInWorker,
  finishImport: finishImportInWorker,
});

// Workers read imported datasets' rows from storage through the page, the one owner of IndexedDB.
setDatasetSource(async (id) => {
  const store = await openOnce();
  const meta = await store.datasets.get(id);
  const rows = await store.datasets.rows(id);
  if (!meta || !rows.ok) throw new Error(`the dataset ${id} cannot be read from this browser's storage${rows.ok ? '' : `: ${rows.error.message}`}`);
  return { id, title: meta.name, features: meta.features, target: meta.target, x: rows.value.x, y: rows.value.y, sha256: meta.sha256 };
});

/** Selects one piece of the store; pass a stable selector (or useShallow) to avoid extra renders. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}
