import { proxy, wrap, type Remote } from 'comlink';
import { isDatasetName } from '../ml/dataset-meta';
import type { ModelIntervals } from '../ml/intervals';
import type { FittedModel } from '../ml/model';
import type { RowSample } from '../ml/row-sample';
import type { FinishedImport, ImportChoice, ImportIssues } from './csv-import';
import type { DatasetPayload, DatasetSummary, FitResult, ModelCurve, SweepRequest } from './lab-api';
import type { LabWorkerApi } from './lab.worker';
import type { JobProgress } from './progress';

/** The worker died (uncaught error or unreadable message); calls in flight are lost. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** The caller cancelled the job, or started a newer one of the same kind. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/**
 * Each kind of long job runs in a worker of its own (its lane); quick calls share the "calls" lane, which nothing
 * cancels. Stopping a job means terminating its lane's worker, the only way to stop a busy loop at once, so a
 * cancelled sweep never takes a fit, a save or a dataset row down with it. A lane's worker starts on first use and
 * again after a cancel or a crash; each loads the dataset and builds its own neighbour index, ~0.1–0.2 s of CPU.
 */
export type JobKind = 'sweep' | 'seedStability' | 'parseCsv' | 'rowsJob' | 'batchPredict';
/** 'models' works on saved models (interval calibrations, comparison curves): seconds at 20,000 rows, so never in 'calls'. */
export type Lane = JobKind | 'calls' | 'models';

type JobRequest<K extends JobKind> = Parameters<LabWorkerApi[K]>[0];

type JobResult<K extends JobKind> = Awaited<ReturnType<LabWorkerApi[K]>>;

/** A long job in flight. */
export interface Job<T> {
  /** The result; rejects with CancelledError when cancelled or superseded, WorkerCrashedError when its worker dies. */
  promise: Promise<T>;
  /** Stops the job at once by terminating its lane's worker; does nothing once the job has settled. */
  cancel: () => void;
}

interface Running {
  lane: Lane;
  worker: Worker;
  api: Remote<LabWorkerApi>;
  /** Rejects when this worker dies or is terminated; every call races against it. */
  death: Promise<never>;
  kill: (error: Error) => void;
  /** Rejects the lane's latest job if it has not settled, because a newer one replaces it. */
  supersede: (() => void) | null;
  /** Progress callbacks of this worker's jobs in flight, by job id. */
  listeners: Map<number, (progress: JobProgress) => void>;
  /** Imported datasets given to this worker (or being given), by id. */
  given: Map<string, Promise<void>>;
}

const lanes = new Map<Lane, Running>();
let lastJobId = 0;

/** Reads an imported dataset's rows for a worker (from storage); set once by the app. */
export type DatasetSource = (id: string) => Promise<DatasetPayload>;
let datasetSource: DatasetSource | null = null;

/** Where workers get imported datasets from. Each worker is given a dataset before its first call that names it. */
export function setDatasetSource(source: DatasetSource): void {
  datasetSource = source;
}

/** An imported dataset's rows as workers get them (test builds run a main-thread sweep on them too). */
export function readDataset(id: string): Promise<DatasetPayload> {
  return datasetSource ? datasetSource(id) : Promise.reject(new Error(`dataset "${id}" cannot be read: no dataset source is set`));
}

// A worker started after a cancel or a crash has no imported data, so every call naming a dataset waits for this.
function given(running: Running, dataset: string | undefined): Promise<void> {
  if (dataset === undefined || isDatasetName(dataset)) return Promise.resolve();
  let ready = running.given.get(dataset);
  if (!ready) {
    const source = datasetSource;
    ready = source
      ? source(dataset).then((payload) => running.api.registerDataset(payload))
      : Promise.reject(new Error(`dataset "${dataset}" cannot be read: no dataset source is set`));
    running.given.set(dataset, ready);
    ready.catch(() => running.given.delete(dataset));
  }
  return ready;
}
function start(lane: Lane): Running {
  const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
  let kill!: (error: Error) => void;
  const death = new Promise<never>((_, reject) => {
    kill = reject;
  });
  death.catch(() => {}); // Observed through the races; a worker that dies idle must not log an unhandled rejection.
  const entry: Running = { lane, worker, api: wrap<LabWorkerApi>(worker), death, kill, supersede: null, listeners: new Map(), given: new Map() };
  // comlink leaves calls pending forever when the worker dies, so the bridge rejects them itself.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    retire(entry, new WorkerCrashedError(event.message || 'The calculation worker stopped unexpectedly.'));
  });
  worker.addEventListener('messageerror', () => retire(entry, new WorkerCrashedError('The calculation worker sent an unreadable message.')));
  // One progress channel per job worker, opened before its first job: a callback proxy per job would cost every
  // few-millisecond sweep a MessageChannel and two more messages (~0.3 ms a round trip), for reports it never sends.
  if (lane !== 'calls') void entry.api.listen(proxy((job: number, progress: JobProgress) => entry.listeners.get(job)?.(progress)));
  return entry;
}

function laneFor(lane: Lane): Running {
  let running = lanes.get(lane);
  if (!running) lanes.set(lane, (running = start(lane)));
  return running;
}

function retire(entry: Running, error: Error): void {
  if (lanes.get(entry.lane) === entry) lanes.delete(entry.lane);
  entry.worker.terminate();
  entry.kill(error);
}

/**
 * Sends one call to a lane's worker, starting it if needed; rejects if that worker dies first. The app's quick
 * calls go through the typed functions below; test hooks use it to reach the sweep's worker before its first job.
 */
export function callLane<T>(lane: Lane, send: (api: Remote<LabWorkerApi>) => Promise<T>, dataset?: string): Promise<T> {
  const running = laneFor(lane);
  return Promise.race([given(running, dataset).then(() => send(running.api)), running.death]);
}

/**
 * Starts a long job in its kind's lane. The latest job of a kind wins: starting one rejects the previous one (if
 * still unsettled) with CancelledError, though its worker finishes it first unless it is cancelled. Progress
 * arrives at most every ~50 ms, and only from jobs that run longer than that.
 */
export function startJob<K extends JobKind>(kind: K, request: JobRequest<K>, onProgress?: (progress: JobProgress) => void): Job<JobResult<K>> {
  const running = laneFor(kind);
  running.supersede?.();
  // False from the moment the job settles or is superseded: from then on its progress and its cancel are ignored.
  let live = true;
  let supersede!: () => void;
  const overtaken = new Promise<never>((_, reject) => {
    supersede = () => {
      live = false;
      reject(new CancelledError('A newer job of the same kind replaced this one.'));
    };
  });
  const id = ++lastJobId;
  if (onProgress) {
    running.listeners.set(id, (progress) => {
      if (live) onProgress(progress);
    });
  }
  const run = running.api[kind] as unknown as (request: JobRequest<K>, job?: number) => Promise<JobResult<K>>;
  const carried = request as { dataset?: unknown; request?: { dataset?: unknown } };
  const dataset = carried.dataset ?? carried.request?.dataset;
  const sent = given(running, typeof dataset === 'string' ? dataset : undefined).then(() => run(request, onProgress ? id : undefined));
  const promise = Promise.race([sent, running.death, overtaken]).finally(() => {
    live = false;
    running.listeners.delete(id);
    if (running.supersede === supersede) running.supersede = null;
  });
  running.supersede = supersede;
  return {
    promise,
    cancel: () => {
      if (live) retire(running, new CancelledError('Cancelled.'));
    },
  };
}

/** Statistics and first rows of a dataset. */
export function describeDataset(name: string): Promise<DatasetSummary> {
  return callLane('calls', (api) => api.describe(name), name);
}

/** A model fitted at k (the best k when omitted), for saving. */
export function fitInWorker(request: SweepRequest, k?: number, radius?: number): Promise<FitResult> {
  return callLane('calls', (api) => api.fit(request, k, radius), request.dataset);
}

let rowsJob: { job: Job<RowSample>; started: number } | null = null;
/** A rows job still running after this long is stopped when a newer one arrives; a quicker one is left to finish. */
const STALE_ROWS_MS = 250;

/** Stops the error plots' rows job if it is still running: a new sweep means new settings, so its rows are stale. */
export function cancelRowPredictions(): void {
  rowsJob?.job.cancel();
}

/**
 * Each test row's recorded price and its price at k, for the lab's error plots, in a lane of its own: pricing
 * 20,000 rows out of fold takes seconds, so it never holds up a save, and a newer request stops a slow one rather
 * than queue behind it (a quick one finishes first: restarting a worker per k of a slider drag would cost more).
 */
export function rowPredictionsInWorker(request: SweepRequest, k: number, radius?: number): Promise<RowSample> {
  if (rowsJob && performance.now() - rowsJob.started > STALE_ROWS_MS) rowsJob.job.cancel();
  const job = startJob('rowsJob', { request, k, radius });
  rowsJob = { job, started: performance.now() };
  return job.promise;
}

/** One dataset row's feature values. */
export function datasetRowInWorker(name: string, row: number): Promise<number[]> {
  return callLane('calls', (api) => api.datasetRow(name, row), name);
}

/** The rows a choice of columns cannot use, from the file the import worker parsed last. */
export function importIssuesInWorker(choice: ImportChoice): Promise<ImportIssues> {
  return callLane('parseCsv', (api) => api.importIssues(choice));
}

/** Builds and fingerprints the chosen dataset in the import worker; its rows are transferred to the page. */
export function finishImportInWorker(choice: ImportChoice): Promise<FinishedImport> {
  return callLane('parseCsv', (api) => api.finishImport(choice) as Promise<FinishedImport>);
}

/** Calibrations by record hash: the same content always calibrates the same, so each is computed once a page load. */
const calibrations = new Map<string, Promise<ModelIntervals>>();

/**
 * A saved model's interval calibration and out-of-range distance, computed once per content hash in the models
 * lane (O(nTrain²): ~10 ms on Boston, seconds at 20,000 rows). A failure is not kept, so a later call tries again.
 */
export function modelIntervalsInWorker(model: FittedModel, sha256: string): Promise<ModelIntervals> {
  let found = calibrations.get(sha256);
  if (!found) {
    found = callLane('models', (api) => api.modelIntervals(model));
    calibrations.set(sha256, found);
    found.catch(() => calibrations.delete(sha256));
  }
  return found;
}

/** Curves by request: a saved model's settings always sweep alike, so going back to a pair costs nothing. */
const curves = new Map<string, Promise<ModelCurve>>();
const KEPT_CURVES = 20;

/**
 * A saved model's error curve against k (see labApi.modelCurve) in the models lane, beside its calibration: one
 * sweep, seconds at 20,000 rows in K-fold mode. The latest KEPT_CURVES are kept; a failure is not, so a later call
 * tries again.
 */
export function modelCurveInWorker(request: SweepRequest): Promise<ModelCurve> {
  const key = JSON.stringify(request);
  let found = curves.get(key);
  if (!found) {
    found = callLane('models', (api) => api.modelCurve(request), request.dataset);
    curves.set(key, found);
    found.catch(() => curves.delete(key));
    for (const oldest of curves.keys()) {
      if (curves.size <= KEPT_CURVES) break;
      curves.delete(oldest);
    }
  }
  return found;
}
