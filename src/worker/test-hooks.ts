// Test builds only: the page's side of the hooks that e2e tests and `npm run bench:ui` set in the URL. Production
// builds leave this module out (see the VITE_TEST_HOOKS checks in main.tsx and lab-store.ts).
import type { Remote } from 'comlink';
import { isDatasetName } from '../ml/dataset-meta';
import { callLane, readDataset } from './bridge';
import type { FailureHookApi } from './failure-hook';
import { isFailureMode } from './failure-mode';
import type { SweepRequest, SweepSummary } from './lab-api';

/**
 * Applies what the link asks for before the app starts: ?failWorker=throw|crash|hang makes the first sweep fail
 * that way. Resolves once the sweep's worker is armed, so the first sweep cannot overtake it.
 */
export async function prepareTestHooks(search = location.search): Promise<void> {
  const mode = new URLSearchParams(search).get('failWorker');
  if (mode && isFailureMode(mode)) await callLane('sweep', (api) => (api as unknown as Remote<FailureHookApi>).armFailure(mode));
}

/** ?sweepOn=main runs sweeps on the page's own thread: the baseline `npm run bench:ui` compares the worker against. */
export function sweepsOnMainThread(search = location.search): boolean {
  return new URLSearchParams(search).get('sweepOn') === 'main';
}

/** One sweep on the main thread; the dynamic import keeps the dataset out of the page's own chunk. */
export async function mainThreadSweep(request: SweepRequest): Promise<SweepSummary> {
  const { labApi } = await import('./lab-api');
  if (!isDatasetName(request.dataset) && !given.has(request.dataset)) {
    labApi.registerDataset(await readDataset(request.dataset));
    given.add(request.dataset);
  }
  return labApi.sweep(request);
}

const given = new Set<string>();
