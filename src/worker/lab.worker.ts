import { expose, transfer, type Remote } from 'comlink';
import { withFailureHook } from './failure-hook';
import { csvImport, type FinishedImport, type ImportChoice } from './csv-import';
import { labApi, resultBuffers, type BatchRequest, type SeedStabilityRequest, type SweepRequest } from './lab-api';
import { throttleProgress, type JobProgress, type ProgressReport } from './progress';

// Only the transport lives here. Test builds add the failure hook; in production the condition is false when the
// bundle is built, so the hook's code is left out.
const api = import.meta.env.VITE_TEST_HOOKS === '1' ? withFailureHook(labApi) : labApi;

/** The page's end of this worker's progress channel: reports are addressed by job id. */
type ProgressSink = (job: number, progress: JobProgress) => void;
let sink: Remote<ProgressSink> | null = null;

/** A throttled reporter for one job, or none when the page did not ask to follow it. */
function reporterFor(job: number | undefined): ProgressReport | undefined {
  const page = sink;
  if (job === undefined || !page) return undefined;
  return throttleProgress((progress) => void page(job, progress));
}

// Long jobs take the page's job id for their progress; their results' arrays are transferred, not copied.
// `await` because the failure hook's crash answers with a promise that never settles.
const exposed = {
  ...api,
  /** Opens the progress channel; the bridge calls it once, before this worker's first job. */
  listen(pageSink: ProgressSink) {
    sink = pageSink as Remote<ProgressSink>;
  },
  async sweep(request: SweepRequest, job?: number) {
    const summary = await api.sweep(request, reporterFor(job));
    return transfer(summary, resultBuffers(summary));
  },
  async seedStability(request: SeedStabilityRequest, job?: number) {
    const result = await api.seedStability(request, reporterFor(job));
    return transfer(result, resultBuffers(result));
  },
  /** The error plots' rows as a job of its own: at 20,000 rows out-of-fold pricing takes seconds and may be cancelled. */
  async rowsJob({ request, k, radius }: { request: SweepRequest; k: number; radius?: number }) {
    const rows = await api.rowPredictions(request, k, radius);
    return transfer(rows, resultBuffers(rows));
  },
  /** A saved model's error curve for the Models view's comparison; its MSE column is transferred, not copied. */
  async modelCurve(request: SweepRequest) {
    const curve = await api.modelCurve(request);
    return transfer(curve, resultBuffers(curve));
  },
  async parseCsv(file: Blob, job?: number) {
    return csvImport.parseCsv(file, reporterFor(job));
  },
  /** A file priced by a saved model; its own lane, so Cancel stops it alone. The output CSV is a string: copied. */
  async batchPredict(request: BatchRequest, job?: number) {
    return api.batchPredict(request, reporterFor(job));
  },
  importIssues: csvImport.importIssues,
  finishImport(choice: ImportChoice): FinishedImport {
    const done = csvImport.finishImport(choice);
    if (!done.ok) return done;
    return transfer(done, [done.payload.x.buffer as ArrayBuffer, done.payload.y.buffer as ArrayBuffer]) as FinishedImport;
  },
};

export type LabWorkerApi = typeof exposed;

expose(exposed);
