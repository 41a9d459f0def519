import { describe, expect, it, vi } from 'vitest';
import { modelIntervals } from '../ml/intervals';
import { predictOne } from '../ml/model';
import { modelFileHash, parseModelFile } from '../ml/model-file';
import { labApi } from '../worker/lab-api';
import { createLabStore } from './store';
import { fakeStorageServices } from '../test-support/storage-fakes';

function makeStore() {
  const services = fakeStorageServices();
  return createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...services });
}
const asFile = (name: string, text: string, read = async () => text) => ({ name, size: new Blob([text]).size, text: read });
const row = [0.3, 10, 8, 0, 0.5, 6.5, 60, 4, 4, 300, 17, 390, 9];

describe('model files in the registry', () => {
  it('exports a version, which imports back after it is deleted as a new version that predicts the same', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const v1 = store.getState().registry.active!;
    const exported = await store.getState().exportModel(1);
    expect(exported?.fileName).toBe(`${v1.name.replace(/[:]/g, '-')}.knn.json`);
    const parsed = parseModelFile(exported!.text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.intervals).toEqual(modelIntervals(v1.model));

    // Version 1 is active: save and activate another before deleting it.
    store.getState().change({ seed: 3 });
    await vi.waitFor(() => expect(store.getState().sweep.status).toBe('done'));
    await store.getState().saveModel('second');
    await store.getState().activateModel(2);
    expect(await store.getState().deleteModel(1)).toBe(true);

    expect(await store.getState().importModelFile(asFile(exported!.fileName, exported!.text))).toBe(true);
    expect(store.getState().registry.notice?.text).toMatch(/^Imported “.*” as version 3\. Activate it to predict with it\.$/);
    const back = store.getState().registry.entries.find((e) => e.version === 3);
    if (back?.status !== 'ok') throw new Error('version 3 missing');
    const { version: _v1, sha256: _h1, ...before } = v1;
    const { version: _v3, sha256: _h3, ...after } = back.record;
    expect(after).toEqual(before);
    expect(predictOne(back.record.model, row)).toEqual(predictOne(v1.model, row));
    // The record hashes the same content the same way: export again, and it is the very same file.
    expect((await store.getState().exportModel(3))?.text).toBe(exported!.text);
  });

  it('refuses a tampered file with its reason and changes nothing', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const exported = (await store.getState().exportModel(1))!;
    const tampered = JSON.parse(exported.text);
    tampered.model.trainY[0] += 0.1;
    const before = store.getState().registry.entries;
    expect(await store.getState().importModelFile(asFile('tampered.knn.json', JSON.stringify(tampered)))).toBe(false);
    expect(store.getState().registry.notice?.text).toMatch(/^“tampered\.knn\.json” was not imported: sha256: the file has been altered: .* Nothing was changed\.$/);
    expect(store.getState().registry.entries).toEqual(before);
  });

  it('refuses a file that is resealed but breaks the schema, naming the path', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const file = JSON.parse((await store.getState().exportModel(1))!.text);
    file.model.metric = 'cosine';
    file.sha256 = modelFileHash(file);
    expect(await store.getState().importModelFile(asFile('odd.knn.json', JSON.stringify(file)))).toBe(false);
    expect(store.getState().registry.notice?.text).toMatch(/model\.metric: must be "euclidean" or "manhattan", not "cosine"/);
    expect(store.getState().registry.entries).toHaveLength(1);
  });

  it('stores the same file once, even when it is given twice at the same moment', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    store.getState().change({ seed: 5 });
    await vi.waitFor(() => expect(store.getState().sweep.status).toBe('done'));
    await store.getState().saveModel('to copy');
    const exported = (await store.getState().exportModel(2))!;
    await store.getState().deleteModel(2);
    const results = await Promise.all([store.getState().importModelFile(asFile('a.knn.json', exported.text)), store.getState().importModelFile(asFile('a.knn.json', exported.text))]);
    expect(results.sort()).toEqual([false, true]);
    expect(store.getState().registry.notice?.text).toMatch(/already stored as version 3/);
    expect(store.getState().registry.entries.map((e) => e.version)).toEqual([3, 1]);
  });

  it('stores a file once when two tabs import it at the same moment', async () => {
    const shared = fakeStorageServices();
    const tab = () => createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...fakeStorageServices(shared.store) });
    const [tabA, tabB] = [tab(), tab()];
    await tabA.getState().startRegistry();
    await tabB.getState().startRegistry();
    tabA.getState().change({ seed: 5 });
    await vi.waitFor(() => expect(tabA.getState().sweep.status).toBe('done'));
    await tabA.getState().saveModel('to copy');
    const exported = (await tabA.getState().exportModel(2))!;
    await tabA.getState().deleteModel(2);
    // Each tab queues its own imports; only the write itself can see the other tab's.
    const results = await Promise.all([tabA.getState().importModelFile(asFile('a.knn.json', exported.text)), tabB.getState().importModelFile(asFile('a.knn.json', exported.text))]);
    expect(results.sort()).toEqual([false, true]);
    const refused = [tabA, tabB].find((t) => t.getState().registry.notice?.tone === 'error')!;
    expect(refused.getState().registry.notice?.text).toMatch(/was not imported: it is already stored as version 3\. Nothing was changed\.$/);
    expect((await shared.store.models.list()).map((e) => e.version)).toEqual([1, 3]);
  });

  it('refuses a file over 50 MB before reading it, and text that is not JSON', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const read = vi.fn(async () => '{}');
    expect(await store.getState().importModelFile({ name: 'huge.json', size: 50 * 1024 * 1024 + 1, text: read })).toBe(false);
    expect(read).not.toHaveBeenCalled();
    expect(store.getState().registry.notice?.text).toMatch(/a model file can be at most 50 MB/);
    expect(await store.getState().importModelFile(asFile('pasted JSON', 'hello'))).toBe(false);
    expect(store.getState().registry.notice?.text).toMatch(/^“pasted JSON” was not imported: not a model file: the text is not valid JSON/);
    expect(store.getState().registry.entries).toHaveLength(1);
  });

  it('quotes a very long file name shortened, so the reason stays readable', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    const name = `${'x'.repeat(300)}.json`;
    expect(await store.getState().importModelFile(asFile(name, '[]'))).toBe(false);
    expect(store.getState().registry.notice?.text).toBe(`“${'x'.repeat(60)}…${'x'.repeat(7)}.json” was not imported: not a model file: expected a JSON object. Nothing was changed.`);
  });
});
