import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import { createLabStore } from './store';
import { fakeStorageServices } from './storage-fakes';

function makeStore(storage = fakeStorageServices()) {
  return createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...storage });
}
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('registry slice', () => {
  it('a first visit creates version 1 from the defaults at the best k and makes it active', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const { registry } = store.getState();
    expect(registry.entries).toHaveLength(1);
    expect(registry.activeVersion).toBe(1);
    expect(registry.active).toMatchObject({ version: 1, k: 6, seed: 42, weights: 'distance', scale: 'none' });
  });

  it('saves the lab settings at the selected k as a new version with the sweep metrics at that k', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    store.getState().change({ seed: 7, scale: 'standard', k: 9 });
    await until(() => store.getState().sweep.status === 'done');
    expect(await store.getState().saveModel('  scaled  ', 'a note')).toBe(true);
    const saved = store.getState().registry.entries[0];
    expect(saved.status === 'ok' && saved.record).toMatchObject({ version: 2, name: 'scaled', note: 'a note', k: 9, seed: 7, scale: 'standard' });
    const mseAt9 = store.getState().sweep.result!.mse[8];
    expect(saved.status === 'ok' && saved.record.metrics.mse).toBe(mseAt9);
    expect(store.getState().registry.activeVersion).toBe(1);
  });

  it('refuses an empty name and keeps what is stored', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    expect(await store.getState().saveModel('   ')).toBe(false);
    expect(store.getState().registry.notice?.text).toMatch(/name/);
    expect(store.getState().registry.entries).toHaveLength(1);
  });

  it('activation switches another tab’s active model through the change feed', async () => {
    const shared = createMemoryStorage();
    const a = makeStore(fakeStorageServices(shared));
    const b = makeStore(fakeStorageServices(shared));
    await a.getState().startRegistry();
    await b.getState().startRegistry();
    a.getState().change({ seed: 3 });
    await until(() => a.getState().sweep.status === 'done');
    await a.getState().saveModel('second');
    await a.getState().activateModel(2);
    await until(() => b.getState().registry.activeVersion === 2);
    expect(b.getState().registry.active?.name).toBe('second');
  });

  it('the active model cannot be deleted; another can, once a different version is active', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    store.getState().change({ seed: 3 });
    await until(() => store.getState().sweep.status === 'done');
    await store.getState().saveModel('two');
    expect(await store.getState().deleteModel(1)).toBe(false);
    expect(store.getState().registry.entries).toHaveLength(2);
    await store.getState().activateModel(2);
    expect(await store.getState().deleteModel(1)).toBe(true);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([2]);
  });
});

describe('prediction slice', () => {
  it('predicts with the active model, shows the version, and logs the prediction', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    expect(store.getState().prediction.texts.rm).toBe('6.2085');
    expect(await store.getState().predict()).toBe(true);
    const { result } = store.getState().prediction;
    expect(result?.version).toBe(1);
    expect(result?.neighbours).toHaveLength(6);
    const page = await services.store.predictions.page();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ modelVersion: 1, priceThousands: result!.priceThousands });
  });

  it('bad input never predicts and is never logged; the field says what is allowed', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    store.getState().setPredictionField('crim', 'lots');
    store.getState().setPredictionField('chas', '2');
    expect(await store.getState().predict()).toBe(false);
    expect(store.getState().prediction.errors).toEqual({ crim: expect.stringMatching(/CRIM must be a number ≥ 0/), chas: 'CHAS must be 0 (no) or 1 (yes).' });
    expect(store.getState().prediction.result).toBeNull();
    expect(await services.store.predictions.count()).toBe(0);
  });

  it('filling from a dataset row that is a training row predicts that row’s price exactly', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const model = store.getState().registry.active!.model;
    const row = model.trainRows[0];
    await store.getState().fillPredictionFromRow(row);
    await store.getState().predict();
    expect(store.getState().prediction.result).toMatchObject({ exactMatch: true, priceThousands: model.trainY[0] });
  });
});

describe('history slice', () => {
  it('pages newest first, filters by version, exports CSV and clears', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    for (let i = 0; i < 60; i++) await services.store.predictions.add({ modelVersion: i % 2 ? 1 : 2, inputs: { rm: i }, priceThousands: i, at: 1000 + i });
    await store.getState().loadHistory();
    expect(store.getState().history.items).toHaveLength(50);
    expect(store.getState().history.items[0].priceThousands).toBe(59);
    await store.getState().loadMoreHistory();
    expect(store.getState().history.items).toHaveLength(60);
    await store.getState().loadHistory(2);
    expect(store.getState().history.total).toBe(30);
    const csv = await store.getState().exportHistory();
    expect(csv.fileName).toMatch(/-v2-/);
    expect(csv.text.trim().split('\n')).toHaveLength(31);
    expect(await store.getState().clearHistory()).toBe(true);
    expect(store.getState().history).toMatchObject({ total: 0, items: [], filter: null });
  });
});

describe('first visit when the worker fails once', () => {
  it('retries the default model once, so a cancelled or crashed first fit still leaves version 1 active', async () => {
    const services = fakeStorageServices();
    let calls = 0;
    const flaky = { ...services, fit: async (...args: Parameters<typeof services.fit>) => (++calls === 1 ? Promise.reject(new Error('Cancelled.')) : services.fit(...args)) };
    const store = makeStore(flaky);
    await store.getState().startRegistry();
    expect(calls).toBe(2);
    expect(store.getState().registry.activeVersion).toBe(1);
    expect(store.getState().registry.notice).toBeNull();
  });
});
