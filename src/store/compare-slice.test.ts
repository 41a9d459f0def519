import { describe, expect, it, vi } from 'vitest';
import type { ModelIntervals } from '../ml/intervals';
import { predictOne, type FittedModel } from '../ml/model';
import { createMemoryStorage } from '../storage/open-storage';
import type { ModelRecord } from '../storage/repository';
import { testDraft } from '../test-support/model-drafts';
import { fakeStorageServices } from '../test-support/storage-fakes';
import { labApi } from '../worker/lab-api';
import { featuresOnlyIn, predictionFor, scoreDifferences, type Comparison } from './compare-slice';
import { createLabStore } from './store';

type Services = ReturnType<typeof fakeStorageServices>;

function makeStore(services: Services = fakeStorageServices()) {
  return createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...services });
}
type Store = ReturnType<typeof makeStore>;

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

/** Version 1 is the default model (all features); saves the lab's settings after `change` as the next version. */
async function saveWith(store: Store, name: string, change: () => void): Promise<ModelRecord> {
  change();
  await until(() => store.getState().sweep.status === 'done');
  expect(await store.getState().saveModel(name)).toBe(true);
  const entry = store.getState().registry.entries[0];
  if (entry.status !== 'ok') throw new Error('the saved version is damaged');
  return entry.record;
}

async function compared(store: Store, first: number, second: number): Promise<Comparison> {
  await store.getState().pickCompared('first', first);
  await store.getState().pickCompared('second', second);
  const { result } = store.getState().compare;
  if (!result) throw new Error(`no comparison for versions ${first} and ${second}: ${store.getState().compare.notice?.text}`);
  return result;
}

/** The form's values for a model, parsed as plain numbers, in the model's feature order. */
const rawValues = (texts: Record<string, string>, model: FittedModel) => model.features.map((code) => Number(texts[code]));

describe('comparing two saved versions', () => {
  it('a model against the same settings without B: both scores, their difference, the feature only one uses, and both predictions with intervals', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const withoutB = await saveWith(store, 'without B', () => store.getState().toggleFeature('b', false));
    const result = await compared(store, 1, withoutB.version);
    const { first, second } = result;
    expect(first.record.features).toContain('b');
    expect(featuresOnlyIn(first.record, second.record)).toEqual({ first: ['b'], second: [] });

    // Leaving B out changes the test error: the difference is second − first, score by score, and not zero.
    const difference = scoreDifferences(first.record.metrics, second.record.metrics);
    expect(difference.mse).toBe(second.record.metrics.mse - first.record.metrics.mse);
    expect(difference.r2).toBe(second.record.metrics.r2 - first.record.metrics.r2);
    expect(difference.mse).not.toBe(0);

    // Predictions answer the Predict form's values, each with its own model's interval at the form's level.
    await store.getState().loadPredictionDefaults('boston');
    store.getState().setPredictionField('rm', '7.5');
    const { texts, level } = store.getState().prediction;
    const catalogue = store.getState().datasets.catalogue;
    for (const side of [first, second]) {
      const predicted = predictionFor(side, texts, level, catalogue);
      if (!predicted.ok) throw new Error(predicted.reason);
      const price = predictOne(side.record.model, rawValues(texts, side.record.model)).priceThousands;
      const half = labApi.modelIntervals(side.record.model).halfWidths[`${level}`]!;
      expect(predicted.prediction.price).toBe(price);
      expect(predicted.prediction.interval).toEqual({ low: price - half, high: price + half, level });
    }
    expect(predictionFor(first, texts, level, catalogue)).not.toEqual(predictionFor(second, texts, level, catalogue));
  });

  it('a value the form refuses for one version is reported for that version only', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const withoutB = await saveWith(store, 'without B', () => store.getState().toggleFeature('b', false));
    const { first, second } = await compared(store, 1, withoutB.version);
    await store.getState().loadPredictionDefaults('boston');
    store.getState().setPredictionField('b', '500'); // above B's hard limit of 396.9
    const { texts, level } = store.getState().prediction;
    const catalogue = store.getState().datasets.catalogue;
    const refused = predictionFor(first, texts, level, catalogue);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/B must be a number from 0 to 396.9/);
    expect(predictionFor(second, texts, level, catalogue).ok).toBe(true);
  });

  it('versions on one dataset get both error curves, and each curve at the saved k is the saved score (split and K-fold)', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const kfold = await saveWith(store, '5-fold', () => store.getState().change({ cv: 5, features: ['crim', 'rm', 'lstat'] }));
    const { first, second, curves } = await compared(store, 1, kfold.version);
    if (!curves.ok) throw new Error(curves.reason);
    expect(curves.value.first.method).toBe('split');
    expect(curves.value.second.method).toBe('kfold');
    expect(curves.value.first.mse[first.record.k - 1]).toBe(first.record.metrics.mse);
    expect(curves.value.second.mse[second.record.k - 1]).toBe(second.record.metrics.mse);
    expect(curves.value.second.bestK).toBe(second.record.k);
  });

  it('versions on different datasets, or a radius model, get no curves and say why; their predictions still come', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const corrected = await saveWith(store, 'corrected', () => store.getState().change({ dataset: 'boston-corrected' }));
    const across = await compared(store, 1, corrected.version);
    expect(across.curves.ok).toBe(false);
    expect(!across.curves.ok && across.curves.reason).toMatch(/different rows/);
    expect(across.first.intervals.ok && across.second.intervals.ok).toBe(true);

    const radius = await saveWith(store, 'radius', () => store.getState().change({ dataset: 'boston', neighbours: 'radius' }));
    const byRadius = await compared(store, 1, radius.version);
    expect(!byRadius.curves.ok && byRadius.curves.reason).toMatch(new RegExp(`Version ${radius.version} is a radius model`));
  });

  it('versions on a dataset not in this browser get no curves, say so, and still predict from their own rows', async () => {
    const services = fakeStorageServices();
    const store = makeStore(services);
    await store.getState().startRegistry();
    const gone = (k: number) => {
      const draft = testDraft({ k });
      return { ...draft, model: { ...draft.model, dataset: { ...draft.model.dataset, name: 'csv-00000000deadbeef' } } };
    };
    await services.store.models.save(gone(3));
    await services.store.models.save(gone(9));
    await store.getState().refreshModels();
    const { first, curves } = await compared(store, 2, 3);
    expect(!curves.ok && curves.reason).toMatch(/not in this browser/);
    await store.getState().loadPredictionDefaults('boston');
    const { texts, level } = store.getState().prediction;
    expect(predictionFor(first, texts, level, store.getState().datasets.catalogue).ok).toBe(true);
  });

  it('a version picked twice is refused, and nothing is computed', async () => {
    const services = fakeStorageServices();
    const intervals = vi.spyOn(services, 'intervals');
    const store = makeStore(services);
    await store.getState().startRegistry();
    await store.getState().pickCompared('first', 1);
    await store.getState().pickCompared('second', 1);
    expect(store.getState().compare.result).toBeNull();
    expect(store.getState().compare.notice?.text).toMatch(/Version 1 is picked twice/);
    expect(intervals).not.toHaveBeenCalled();
  });

  it('a compared version deleted in another tab is named and dropped; the other stays picked', async () => {
    const shared = createMemoryStorage();
    const a = makeStore(fakeStorageServices(shared));
    const b = makeStore(fakeStorageServices(shared));
    await a.getState().startRegistry();
    await b.getState().startRegistry();
    const seed3 = await saveWith(a, 'seed 3', () => a.getState().change({ seed: 3 }));
    await compared(a, 1, seed3.version);
    await b.getState().refreshModels();
    expect(await b.getState().deleteModel(seed3.version)).toBe(true);
    await until(() => a.getState().compare.second === null);
    expect(a.getState().compare).toMatchObject({ first: 1, result: null, loading: false });
    expect(a.getState().compare.notice?.text).toMatch(new RegExp(`Version ${seed3.version} was deleted`));
  });

  it('a compared version renamed while its comparison is computed is shown under its new name', async () => {
    const services = fakeStorageServices();
    const held: (() => void)[] = [];
    services.intervals = (model) => new Promise<ModelIntervals>((resolve) => held.push(() => resolve(labApi.modelIntervals(model))));
    const store = makeStore(services);
    await store.getState().startRegistry();
    const seed3 = await saveWith(store, 'seed 3', () => store.getState().change({ seed: 3 }));
    await store.getState().pickCompared('first', 1);
    const picked = store.getState().pickCompared('second', seed3.version);
    await until(() => held.length === 2);
    expect(await store.getState().renameModel(seed3.version, 'seed three')).toBe(true);
    await until(() => held.length === 4);
    for (const release of held) release();
    await picked;
    await until(() => store.getState().compare.result !== null);
    expect(store.getState().compare.result?.second.record.name).toBe('seed three');
  });

  it('an answer for an earlier pair that arrives late is dropped; only the current pair’s is shown', async () => {
    const services = fakeStorageServices();
    // Calibrations wait until the test releases them, by record hash.
    const held: { sha256: string; release: () => void }[] = [];
    services.intervals = (model, sha256) => new Promise<ModelIntervals>((resolve) => held.push({ sha256, release: () => resolve(labApi.modelIntervals(model)) }));
    const store = makeStore(services);
    await store.getState().startRegistry();
    const seed3 = await saveWith(store, 'seed 3', () => store.getState().change({ seed: 3 }));
    const seed5 = await saveWith(store, 'seed 5', () => store.getState().change({ seed: 5 }));
    const shown: (number | undefined)[] = [];
    store.subscribe((s) => shown.push(s.compare.result?.second.record.version));

    await store.getState().pickCompared('first', 1);
    const early = store.getState().pickCompared('second', seed3.version);
    await until(() => held.length === 2);
    const late = store.getState().pickCompared('second', seed5.version);
    await until(() => held.length === 4);
    // The current pair answers first; the earlier pair's calibrations arrive after it.
    for (const h of held.slice(2)) h.release();
    await late;
    for (const h of held.slice(0, 2)) h.release();
    await early;
    expect(store.getState().compare.result?.second.record.version).toBe(seed5.version);
    expect(shown).not.toContain(seed3.version);
  });
});
