import { wrap, type Remote } from 'comlink';
import type { DatasetName } from '../ml/dataset-meta';
import type { FailureMode } from './failure-mode';
import type { DatasetSummary, FitResult, LabApi, SweepRequest, SweepSummary } from './lab-api';

/** The worker died (uncaught error or unreadable message); calls in flight are lost. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** The caller cancelled: the worker was terminated mid-job. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

interface Running {
  worker: Worker;
  api: Remote<LabApi>;
  /** Rejects when this worker dies or is cancelled; every call races against it. */
  death: Promise<never>;
  kill: (error: Error) => void;
}

let running: Running | null = null;

function start(): Running {
  const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
  let kill!: (error: Error) => void;
  const death = new Promise<never>((_, reject) => {
    kill = reject;
  });
  death.catch(() => {}); // Observed through the races; a worker that dies idle must not log an unhandled rejection.
  const entry: Running = { worker, api: wrap<LabApi>(worker), death, kill };
  // comlink leaves calls pending forever when the worker dies, so the bridge rejects them itself.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    retire(entry, new WorkerCrashedError(event.message || 'The calculation worker stopped unexpectedly.'));
  });
  worker.addEventListener('messageerror', () => retire(entry, new WorkerCrashedError('The calculation worker sent an unreadable message.')));
  return entry;
}

function retire(entry: Running, error: Error): void {
  if (running === entry) running = null;
  entry.worker.terminate();
  entry.kill(error);
}

/** Calls the worker, starting one if none is running; rejects if that worker dies first. */
function call<T>(send: (api: Remote<LabApi>) => Promise<T>): Promise<T> {
  running ??= start();
  return Promise.race([send(running.api), running.death]);
}

/** Every k's test scores for these settings, computed off the main thread. */
export function sweepInWorker(request: SweepRequest): Promise<SweepSummary> {
  return call((api) => api.sweep(request));
}

/** Statistics and first rows of a built-in dataset. */
export function describeDataset(name: DatasetName): Promise<DatasetSummary> {
  return call((api) => api.describe(name));
}

/** A model fitted at k (the best k when omitted), for saving. */
export function fitInWorker(request: SweepRequest, k?: number): Promise<FitResult> {
  return call((api) => api.fit(request, k));
}

/** One dataset row's feature values. */
export function datasetRowInWorker(name: DatasetName, row: number): Promise<number[]> {
  return call((api) => api.datasetRow(name, row));
}

/** Test hook: the next sweep fails in this way. */
export function armWorkerFailure(mode: FailureMode): Promise<void> {
  return call((api) => api.armFailure(mode));
}

/** Stops whatever the worker is doing; pending calls reject with CancelledError and the next call starts a fresh worker. */
export function cancelWork(): void {
  if (running) retire(running, new CancelledError('Cancelled.'));
}
