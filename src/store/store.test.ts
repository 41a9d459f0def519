import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_CATALOGUE, DATASET_NAMES, datasetInfo } from '../ml/dataset-meta';
import { loadDataset } from '../ml/datasets';
import { labApi, type SweepRequest, type SweepSummary } from '../worker/lab-api';
import type { JobProgress } from '../worker/progress';
import { DEFAULT_SETTINGS, maxK } from './lab-settings';
import { createLabStore } from './store';
import { fakeStorageServices } from '../test-support/storage-fakes';
import { STALE_JOB_MS } from './sweep-slice';

/** A fake worker: each call waits until the test resolves or rejects it. */
function fakeServices() {
  const calls: { request: SweepRequest; onProgress: (p: JobProgress) => void; resolve: (s: SweepSummary) => void; reject: (e: Error) => void }[] = [];
  let clock = 0;
  const services = {
    ...fakeStorageServices(),
    sweep: vi.fn((request: SweepRequest, onProgress: (p: JobProgress) => void) => new Promise<SweepSummary>((resolve, reject) => calls.push({ request, onProgress, resolve, reject }))),
    cancel: vi.fn(),
    now: () => clock,
  };
  return { services, calls, advance: (ms: number) => (clock += ms) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the lab store', () => {
  it('knows each built-in dataset’s row count without loading it', () => {
    for (const name of DATASET_NAMES) expect(datasetInfo(BUILT_IN_CATALOGUE, name).nRows).toBe(loadDataset(name).nRows);
  });

  it('starts with the old script’s settings and no result', () => {
    const store = createLabStore(fakeServices().services);
    expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(store.getState().sweep.status).toBe('idle');
  });

  it('runs a sweep when a setting that changes the split or fit changes, and shows its result', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 7 }, { inputTime: 12 });
    expect(store.getState().sweep.status).toBe('running');
    expect(calls[0].request.seed).toBe(7);
    const result = labApi.sweep(calls[0].request);
    calls[0].resolve(result);
    await flush();
    expect(store.getState().sweep).toMatchObject({ status: 'done', result, inputTime: 12, revision: 1 });
  });

  it('latest wins: a stale result arriving after a newer request is never shown', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 1 });
    store.getState().change({ seed: 2 });
    const second = labApi.sweep(calls[1].request);
    calls[1].resolve(second);
    await flush();
    calls[0].resolve(labApi.sweep(calls[0].request));
    await flush();
    expect(store.getState().sweep.result).toBe(second);
    expect(store.getState().sweep.request?.seed).toBe(2);
  });

  it('does not sweep again for view-only changes (k, metric shown, axis), but counts them as screen updates', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().runSweep();
    calls[0].resolve(labApi.sweep(calls[0].request));
    await flush();
    store.getState().change({ k: 10, show: 'r2', kAxis: 'log' }, { inputTime: 5 });
    expect(services.sweep).toHaveBeenCalledTimes(1);
    expect(store.getState().sweep).toMatchObject({ revision: 2, inputTime: 5 });
  });

  it('a failure shows a message, and the next change works again', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 3 });
    calls[0].reject(new Error('worker crashed'));
    await flush();
    expect(store.getState().sweep.status).toBe('error');
    expect(store.getState().sweep.error).toMatch(/worker crashed/);
    store.getState().change({ seed: 4 });
    calls[1].resolve(labApi.sweep(calls[1].request));
    await flush();
    expect(store.getState().sweep).toMatchObject({ status: 'done', error: null });
  });

  it('a job running longer than the stale limit is cancelled when newer settings arrive', () => {
    const { services, advance } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 1 });
    advance(10);
    store.getState().change({ seed: 2 });
    expect(services.cancel).not.toHaveBeenCalled();
    advance(STALE_JOB_MS + 1);
    store.getState().change({ seed: 3 });
    expect(services.cancel).toHaveBeenCalledTimes(1);
  });

  it('Cancel terminates the running job and says so', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 1 });
    store.getState().cancelSweep();
    expect(services.cancel).toHaveBeenCalledTimes(1);
    const cancelled = new Error('Cancelled.');
    cancelled.name = 'CancelledError';
    calls[0].reject(cancelled);
    await flush();
    expect(store.getState().sweep.status).toBe('cancelled');
  });

  it('shows the latest sweep’s progress while it runs, never an older sweep’s, and clears it when the answer comes', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 1 });
    calls[0].onProgress({ fraction: 0.25, label: 'Seed 1' });
    expect(store.getState().sweep.progress).toEqual({ fraction: 0.25, label: 'Seed 1' });
    store.getState().change({ seed: 2 });
    expect(store.getState().sweep.progress).toBeNull();
    calls[0].onProgress({ fraction: 0.5, label: 'older' });
    expect(store.getState().sweep.progress).toBeNull();
    calls[1].onProgress({ fraction: 0.75, label: 'newer' });
    expect(store.getState().sweep.progress?.label).toBe('newer');
    calls[1].resolve(labApi.sweep(calls[1].request));
    await flush();
    expect(store.getState().sweep).toMatchObject({ status: 'done', progress: null });
  });

  it('a cancelled sweep clears its progress and offers to run again', async () => {
    const { services, calls } = fakeServices();
    const store = createLabStore(services);
    store.getState().change({ seed: 1 });
    calls[0].onProgress({ fraction: 0.5, label: 'half way' });
    store.getState().cancelSweep();
    const cancelled = Object.assign(new Error('Cancelled.'), { name: 'CancelledError' });
    calls[0].reject(cancelled);
    await flush();
    expect(store.getState().sweep).toMatchObject({ status: 'cancelled', progress: null, error: expect.stringMatching(/Calculation cancelled/) });
  });

  it('never leaves k above n_train − 1 when the test size grows', () => {
    const store = createLabStore(fakeServices().services);
    store.getState().change({ k: 400 });
    store.getState().change({ testFraction: 0.5 });
    expect(store.getState().settings.k).toBe(maxK('boston', 0.5));
  });

  it('keeps at least one feature and keeps features in dataset order', () => {
    const store = createLabStore(fakeServices().services);
    store.getState().change({ features: ['rm'] });
    store.getState().toggleFeature('rm', false);
    expect(store.getState().settings.features).toEqual(['rm']);
    store.getState().toggleFeature('crim', true);
    expect(store.getState().settings.features).toEqual(['crim', 'rm']);
  });

  it('records where a change came from, for the URL writer', () => {
    const store = createLabStore(fakeServices().services);
    store.getState().change({ seed: 9 }, { source: 'drag' });
    expect(store.getState().lastChangeSource).toBe('drag');
    store.getState().replaceSettings(DEFAULT_SETTINGS, { source: 'history' });
    expect(store.getState().lastChangeSource).toBe('history');
  });
});
