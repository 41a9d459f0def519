import { describe, expect, it, vi } from 'vitest';
import type { RowSample } from '../ml/row-sample';
import { fakeStorageServices } from '../test-support/storage-fakes';
import { labApi, type SweepRequest } from '../worker/lab-api';
import { rowsAreCurrent, wantedRows } from './rows-slice';
import { createLabStore } from './store';

/** Sweeps answer at once, in-process; each rows call waits until the test answers it. */
function makeStore() {
  const calls: { request: SweepRequest; k: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const rows = vi.fn(
    (request: SweepRequest, k: number) =>
      new Promise<RowSample>((resolve, reject) => calls.push({ request, k, resolve: () => resolve(labApi.rowPredictions(request, k)), reject })),
  );
  const store = createLabStore({ ...fakeStorageServices(), sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, rows });
  return { store, calls, rows };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the rows slice', () => {
  it('waits for the sweep when k follows the best k, then loads the best k’s test rows', async () => {
    const { store, calls } = makeStore();
    store.getState().runSweep();
    store.getState().loadRows();
    expect(calls).toHaveLength(0);
    await flush();
    const best = store.getState().sweep.result!.best.k;
    store.getState().loadRows();
    expect(calls.map((c) => c.k)).toEqual([best]);
    calls[0].resolve();
    await flush();
    expect(store.getState().rows.status).toBe('done');
    expect(store.getState().rows.result?.k).toBe(best);
    expect(store.getState().rows.result?.rows).toHaveLength(51);
    expect(rowsAreCurrent(store.getState())).toBe(true);
  });

  it('loads a chosen k at once, without waiting for the sweep', () => {
    const { store, calls } = makeStore();
    store.getState().change({ k: 9 });
    store.getState().loadRows();
    expect(calls.map((c) => [c.k, c.request.seed])).toEqual([[9, 42]]);
  });

  it('latest wins: an older k’s answer arriving last is never shown', async () => {
    const { store, calls } = makeStore();
    store.getState().change({ k: 5 });
    store.getState().loadRows();
    store.getState().change({ k: 9 });
    store.getState().loadRows();
    calls[1].resolve();
    await flush();
    calls[0].resolve();
    await flush();
    expect(store.getState().rows.result?.k).toBe(9);
    expect(rowsAreCurrent(store.getState())).toBe(true);
  });

  it('marks the rows on screen stale the moment the settings or k move on, until the new ones arrive', async () => {
    const { store, calls } = makeStore();
    store.getState().change({ k: 5 });
    store.getState().loadRows();
    calls[0].resolve();
    await flush();
    expect(rowsAreCurrent(store.getState())).toBe(true);
    store.getState().change({ seed: 43 });
    expect(rowsAreCurrent(store.getState())).toBe(false);
    expect(store.getState().rows.result?.k).toBe(5); // still drawn, but marked stale
    store.getState().loadRows();
    expect(store.getState().rows.status).toBe('loading');
    store.getState().change({ k: 6 });
    expect(rowsAreCurrent(store.getState())).toBe(false);
    store.getState().loadRows();
    calls[2].resolve();
    await flush();
    expect(calls.map((c) => [c.request.seed, c.k])).toEqual([[42, 5], [43, 5], [43, 6]]);
    expect(store.getState().rows.request?.seed).toBe(43);
    expect(rowsAreCurrent(store.getState())).toBe(true);
  });

  it('asks once per setting: a repeat is ignored, and moving back to the rows on screen drops the answer on its way', async () => {
    const { store, calls } = makeStore();
    store.getState().change({ k: 5 });
    store.getState().loadRows();
    store.getState().loadRows();
    expect(calls).toHaveLength(1);
    calls[0].resolve();
    await flush();
    store.getState().change({ k: 6 });
    store.getState().loadRows();
    store.getState().change({ k: 5 });
    store.getState().loadRows();
    expect(calls).toHaveLength(2);
    expect(store.getState().rows.status).toBe('done');
    calls[1].resolve();
    await flush();
    expect(store.getState().rows.result?.k).toBe(5);
    expect(rowsAreCurrent(store.getState())).toBe(true);
  });

  it('says so when the rows cannot be priced, and the next change tries again', async () => {
    const { store, calls } = makeStore();
    store.getState().change({ k: 5 });
    store.getState().loadRows();
    calls[0].reject(new Error('worker crashed'));
    await flush();
    expect(store.getState().rows).toMatchObject({ status: 'error', error: 'The test rows could not be priced (worker crashed).' });
    store.getState().loadRows();
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    await flush();
    expect(store.getState().rows).toMatchObject({ status: 'done', error: null });
  });

  it('in K-fold mode wants every row’s out-of-fold prediction at the selected k, for the K-fold settings', () => {
    const { store, rows } = makeStore();
    store.getState().change({ k: 5, cv: 5 });
    expect(wantedRows(store.getState())).toMatchObject({ k: 5, request: { cv: 5 } });
    store.getState().loadRows();
    expect(rows).toHaveBeenCalledWith(expect.objectContaining({ cv: 5 }), 5, undefined);
  });
});

describe('rows in radius mode', () => {
  it('wants the rows within the selected radius, or the best radius once the sweep for these settings has answered', async () => {
    const { store, rows } = makeStore();
    store.getState().change({ neighbours: 'radius', radius: 1.5, scale: 'standard' });
    expect(wantedRows(store.getState())).toMatchObject({ k: 0, radius: 1.5, request: { neighbours: 'radius' } });
    store.getState().loadRows();
    expect(rows).toHaveBeenCalledWith(expect.objectContaining({ neighbours: 'radius' }), 0, 1.5);
  });
});

describe('rows stopped by a newer sweep', () => {
  it('are not reported as an error: the rows for the new settings are asked for instead', async () => {
    const { store, calls } = makeStore();
    store.getState().replaceSettings({ ...store.getState().settings, k: 5 });
    await flush();
    store.getState().loadRows();
    expect(calls).toHaveLength(1);
    const cancelled = Object.assign(new Error('Cancelled.'), { name: 'CancelledError' });
    calls[0].reject(cancelled);
    await flush();
    expect(store.getState().rows.status).not.toBe('error');
    expect(store.getState().rows.error).toBeNull();
    store.getState().loadRows();
    expect(calls).toHaveLength(2);
  });
});
