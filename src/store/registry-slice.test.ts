import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import { sweepRequestOf } from './lab-settings';
import { createLabStore } from './store';
import { goldenSplitCase } from '../test-support/sklearn-golden';
import { fakeStorageServices } from '../test-support/storage-fakes';

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
    const golden = goldenSplitCase('seed42-distance-none');
    expect(registry.active).toMatchObject({ version: 1, k: golden.best.k, seed: 42, weights: 'distance', scale: 'none' });
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

describe('the model list is read once per change', () => {
  it('a save, an activation and a delete each read the list once, though the change feed and the action both ask', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    const list = vi.spyOn(services.store.models, 'list');
    store.getState().change({ k: 9 });
    expect(await store.getState().saveModel('nine')).toBe(true);
    expect(list).toHaveBeenCalledTimes(1);
    expect(await store.getState().activateModel(2)).toBe(true);
    expect(list).toHaveBeenCalledTimes(2);
    // A delete of the active version's neighbour publishes one change; of a damaged active one, two: still one read.
    expect(await store.getState().deleteModel(1)).toBe(true);
    expect(list).toHaveBeenCalledTimes(3);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([2]);
  });
});

describe('saving: one gesture, one version, at the settings the lab shows', () => {
  it('twenty saves started in one task store one version; repeating it after it settles is refused until a setting changes', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.getState().saveModel('twenty clicks')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([2, 1]);
    expect(await store.getState().saveModel('a second Enter')).toBe(false);
    expect(store.getState().registry.notice?.text).toMatch(/already saved as version 2/);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([2, 1]);
    store.getState().change({ k: 9 });
    expect(await store.getState().saveModel('k 9')).toBe(true);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([3, 2, 1]);
  });

  it('a save pressed before the sweep for new settings has answered uses their best k, not the previous one', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    store.getState().change({ seed: 42 });
    await until(() => store.getState().sweep.status === 'done');
    const before = store.getState().sweep.result!.best.k;
    // Unticking AGE moves seed 42's best k (6) to 1; the save starts before that sweep can answer.
    store.getState().toggleFeature('age', false);
    expect(store.getState().sweep.result!.best.k).toBe(before);
    expect(await store.getState().saveModel('without age')).toBe(true);
    const saved = store.getState().registry.entries[0];
    const expected = labApi.sweep({ ...sweepRequestOf(store.getState().settings) });
    expect(expected.best.k).toBe(1);
    expect(saved.status === 'ok' && saved.record).toMatchObject({ k: 1, features: expect.not.arrayContaining(['age']) });
    expect(saved.status === 'ok' && saved.record.metrics.mse).toBe(expected.mse[0]);
    expect(store.getState().registry.notice?.text).toMatch(/version 2 \(k = 1\)/);
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

  it('a refused prediction or any edit clears the previous answer, so no stale price stays on screen', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    expect(await store.getState().predict()).toBe(true);
    expect(store.getState().prediction.result).not.toBeNull();
    store.getState().setPredictionField('rm', 'abc');
    expect(store.getState().prediction.result).toBeNull();
    expect(await store.getState().predict()).toBe(false);
    expect(store.getState().prediction.result).toBeNull();
    store.getState().setPredictionField('rm', '6.2');
    expect(await store.getState().predict()).toBe(true);
    await store.getState().fillPredictionFromRow(3);
    expect(store.getState().prediction.result).toBeNull();
  });

  it('refuses a value whose distance to the training rows overflows, at its field, naming the largest value that works', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    for (const [code, text] of [['tax', '1e300'], ['crim', '1e200'], ['rm', '1e308']]) {
      store.getState().setPredictionField(code, text);
      expect(await store.getState().predict()).toBe(false);
      expect(store.getState().prediction.errors[code]).toMatch(/too large: the distance to the training rows would overflow to infinity\. The largest value that works is 2\.6e\+153\./);
      expect(store.getState().prediction.result).toBeNull();
      store.getState().setPredictionField(code, '1');
    }
    expect(await services.store.predictions.count()).toBe(0);
    // The quoted limit itself is accepted and gives a finite price.
    store.getState().setPredictionField('tax', '2.6e153');
    expect(await store.getState().predict()).toBe(true);
    expect(Number.isFinite(store.getState().prediction.result!.priceThousands)).toBe(true);
    expect(store.getState().prediction.result!.neighbours.every((n) => Number.isFinite(n.distance) && Number.isFinite(n.weight))).toBe(true);
  });

  it('two presses in one task log one prediction', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    await Promise.all([store.getState().predict(), store.getState().predict()]);
    expect(await services.store.predictions.count()).toBe(1);
  });

  it('logs the model name as it is at prediction time', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().loadPredictionDefaults('boston');
    await store.getState().predict();
    expect((await services.store.predictions.page()).items[0].modelName).toBe(store.getState().registry.active!.name);
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

describe('history filter', () => {
  it('refuses a filter that is not a known version, with a notice, and shows all versions', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await services.store.predictions.add({ modelVersion: 1, inputs: { rm: 6 }, priceThousands: 20 });
    for (const bad of [Number.NaN, 99, 0, 1.5]) {
      await store.getState().loadHistory(bad);
      expect(store.getState().history).toMatchObject({ filter: null, total: 1, notice: { tone: 'error', text: expect.stringMatching(/no model version .* showing all versions/) } });
    }
  });

  it('the filter chosen last wins, even when an earlier load finishes after it', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    await services.store.predictions.add({ modelVersion: 1, inputs: { rm: 6 }, priceThousands: 20 });
    await Promise.all([store.getState().loadHistory(null), store.getState().loadHistory(1), store.getState().loadHistory()]);
    expect(store.getState().history).toMatchObject({ filter: 1, total: 1, busy: false });
  });

  it('a filtered version that is deleted stays selectable while its predictions exist; one without goes back to all', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    store.getState().change({ seed: 3 });
    await until(() => store.getState().sweep.status === 'done');
    await store.getState().saveModel('two');
    await store.getState().saveModel('three');
    await services.store.predictions.add({ modelVersion: 2, inputs: { rm: 6 }, priceThousands: 20 });
    await services.store.predictions.add({ modelVersion: 1, inputs: { rm: 7 }, priceThousands: 30 });
    await store.getState().loadHistory(2);
    await store.getState().deleteModel(2);
    await store.getState().loadHistory();
    expect(store.getState().history).toMatchObject({ filter: 2, versions: [1, 2], total: 1, items: [expect.objectContaining({ modelVersion: 2 })] });
    expect(await store.getState().exportHistory()).toMatchObject({ fileName: expect.stringMatching(/-v2-/) });
    await store.getState().loadHistory(3);
    await store.getState().deleteModel(3);
    await store.getState().loadHistory();
    expect(store.getState().history).toMatchObject({ filter: null, total: 2 });
  });
});

describe('first visit when the fit fails', () => {
  it('tries once, says why no model was created, and still lists the (empty) registry', async () => {
    const services = fakeStorageServices();
    const fit = vi.fn(() => Promise.reject(new Error('the worker crashed')));
    const store = makeStore({ ...services, fit });
    await store.getState().startRegistry();
    expect(fit).toHaveBeenCalledTimes(1);
    expect(store.getState().registry).toMatchObject({ loaded: true, entries: [], activeVersion: null });
    expect(store.getState().registry.notice).toEqual({ tone: 'error', text: expect.stringMatching(/^Could not create the first model: .*the worker crashed/) });
  });
});
