import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { createChangeFeed } from './changes';
import { DB_VERSION, upgrade, type KnnDb } from './db';
import type { DatasetMeta } from './dataset-record';
import { openStorage, type StorageState } from './open-storage';
import { v1Snapshot, writeV1Database } from '../test-support/v1-database';
import { testDraft, uniqueDbName } from '../test-support/model-drafts';

const quiet = () => createChangeFeed('unused', null);

/** The database opened at an older `version`, taken there by the app's own migrations, as users of that version have it. */
async function openMigratedTo(factory: IDBFactory, name: string, version: number): Promise<KnnDb> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => upgrade(wrap(request.result) as unknown as KnnDb, event.oldVersion, version, wrap(request.transaction!) as never);
  return (await wrap(request)) as unknown as KnnDb;
}

describe('schema migration', () => {
  it('opens the frozen version-1 database with the current code: every record verified by its version-1 hash, re-hashed with a note, and kept', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v1');
    const old = v1Snapshot();
    await writeV1Database(factory, name, old);

    const storage = await openStorage({ factory, name, changes: quiet() });
    expect(storage.getState().kind).toBe('ready');

    // 'ok' means today's check passed, and the migration re-hashes only records whose version-1 hash matched.
    const entries = await storage.models.list();
    expect(entries.map((e) => [e.version, e.status, e.active])).toEqual(old.models.map((m) => [m.version, 'ok', m.version === old.meta.activeVersion]));
    for (const [i, entry] of entries.entries()) {
      if (entry.status !== 'ok') continue;
      const { sha256, note, ...rest } = entry.record;
      const { sha256: oldSha256, ...oldRest } = old.models[i];
      expect(note).toBe(''); // the field version 2 added
      expect(sha256).not.toBe(oldSha256); // so the record was re-hashed
      expect(rest).toEqual(oldRest);
      expect(rest.model.trainX).toBeInstanceOf(Float64Array);
      expect(rest.model.trainRows).toBeInstanceOf(Uint32Array);
    }
    // The version counter survives: the next save takes it, not a reused deleted version.
    const saved = await storage.models.save(testDraft({ seed: 9 }));
    expect(saved.ok && saved.value.version).toBe(old.meta.nextVersion);

    expect(await storage.predictions.count()).toBe(old.predictions.length);
    const all = await storage.predictions.page({ limit: 100 });
    expect(all.items).toEqual([...old.predictions].reverse());
    // The by-model index added in version 2 covers the old rows too.
    for (const { version } of old.models) {
      const mine = old.predictions.filter((p) => p.modelVersion === version);
      expect(mine.length).toBeGreaterThan(0);
      expect(await storage.predictions.count(version)).toBe(mine.length);
      const page = await storage.predictions.page({ modelVersion: version, limit: 100 });
      expect(page.items).toEqual([...mine].reverse());
    }
  });

  it('upgrades a version-2 database: models and predictions kept as they were, dataset stores added and empty', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v2');
    await writeV1Database(factory, name);
    // Version 2 as users have it: the frozen version-1 data taken through the first two migrations, plus a
    // prediction logged by version-2 code (with modelName).
    const v2 = await openMigratedTo(factory, name, 2);
    expect(v2.version).toBe(2);
    await v2.add('predictions', { modelVersion: 1, modelName: 'named', inputs: { crim: 0.5 }, priceThousands: 21.5, at: 1_700_000_000_999 } as never);
    const [models, predictions, meta, active] = [await v2.getAll('models'), await v2.getAll('predictions'), await v2.getAll('meta'), await v2.get('meta', 'activeVersion')];
    expect(models.length).toBeGreaterThan(0);
    v2.close();

    const storage = await openStorage({ factory, name, changes: quiet() });
    expect(storage.getState().kind).toBe('ready');
    const entries = await storage.models.list();
    expect(entries.map((e) => e.status)).toEqual(models.map(() => 'ok'));
    expect(entries.map((e) => e.status === 'ok' && e.record)).toEqual(models);
    expect((await storage.models.getActive())?.version).toBe(active);
    const page = await storage.predictions.page({ limit: 1000 });
    expect(page.items).toEqual([...predictions].reverse());
    expect(page.items[0]).toMatchObject({ modelName: 'named' });

    expect(await storage.datasets.list()).toEqual([]);
    // The new models index covers records stored before it existed.
    const { dataset } = models[0];
    expect((await storage.datasets.modelsTrainedOn(dataset.name, dataset.sha256)).map((m) => m.version)).toEqual(
      models.filter((m) => m.dataset.sha256 === dataset.sha256).map((m) => m.version),
    );
    const id = 'csv-00112233445566ff';
    const imported: DatasetMeta = {
      id, name: 'imported after the upgrade', fileName: 'a.csv', importedAt: 1, nRows: 1, nFeatures: 1, features: ['a'], target: 'b',
      sha256: 'c'.repeat(64), source: { delimiter: ',', decimalMark: '.', leftOutLines: [], leftOutCount: 0 },
    };
    expect((await storage.datasets.add(imported, { id, x: Float64Array.of(1), y: Float64Array.of(2) })).ok).toBe(true);
    storage.close();

    // Nothing else in the database changed.
    const v3 = (await wrap(factory.open(name, DB_VERSION))) as unknown as KnnDb;
    expect(await v3.getAll('models')).toEqual(models);
    expect(await v3.getAll('predictions')).toEqual(predictions);
    expect(await v3.getAll('meta')).toEqual(meta);
    v3.close();
  });

  it('upgrades a version-3 database: models, predictions and datasets kept as they were, batch stores added and empty', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v3');
    await writeV1Database(factory, name);
    // Version 3 as users have it: the frozen version-1 data taken through the first three migrations, plus an
    // imported dataset stored by version-3 code.
    const v3 = await openMigratedTo(factory, name, 3);
    expect(v3.version).toBe(3);
    const id = 'csv-00112233445566ff';
    const meta: DatasetMeta = {
      id, name: 'imported under version 3', fileName: 'a.csv', importedAt: 1, nRows: 1, nFeatures: 1, features: ['a'], target: 'b',
      sha256: 'c'.repeat(64), source: { delimiter: ',', decimalMark: '.', leftOutLines: [], leftOutCount: 0 },
    };
    await v3.put('datasets', meta);
    await v3.put('dataset-rows', { id, x: Float64Array.of(1.5), y: Float64Array.of(2.5) });
    const before = { models: await v3.getAll('models'), predictions: await v3.getAll('predictions'), meta: await v3.getAll('meta'), datasets: await v3.getAll('datasets'), rows: await v3.getAll('dataset-rows') };
    v3.close();

    const storage = await openStorage({ factory, name, changes: quiet() });
    expect(storage.getState().kind).toBe('ready');
    expect((await storage.models.list()).map((e) => e.status === 'ok' && e.record)).toEqual(before.models);
    expect((await storage.predictions.page({ limit: 1000 })).items).toEqual([...before.predictions].reverse());
    expect(await storage.datasets.list()).toEqual([meta]);
    expect(await storage.datasets.rows(id)).toEqual({ ok: true, value: { id, x: Float64Array.of(1.5), y: Float64Array.of(2.5) } });
    expect(await storage.batches.list()).toEqual([]);
    const kept = await storage.batches.add({ fileName: 'after.csv', rows: 1, predicted: 1, refused: 0, outOfRange: 0, modelVersion: 1, modelName: 'm', level: 0.9, csv: 'a\r\n1\r\n' });
    expect(kept.ok).toBe(true);
    expect(await storage.batches.csv(kept.ok ? kept.value.id : -1)).toEqual({ ok: true, value: 'a\r\n1\r\n' });
    storage.close();

    // Nothing that was there changed.
    const v4 = (await wrap(factory.open(name, DB_VERSION))) as unknown as KnnDb;
    expect(v4.version).toBe(4);
    expect({ models: await v4.getAll('models'), predictions: await v4.getAll('predictions'), meta: await v4.getAll('meta'), datasets: await v4.getAll('datasets'), rows: await v4.getAll('dataset-rows') }).toEqual(before);
    v4.close();
  });

  it('does not turn a record that was already damaged under version 1 into a valid one', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v1-damaged');
    const old = v1Snapshot();
    const [first, second] = old.models;
    const tampered = { ...first, k: first.k + 1, model: { ...first.model, k: first.k + 1 } }; // edited after hashing
    await writeV1Database(factory, name, { ...old, models: [tampered, second] });
    const storage = await openStorage({ factory, name, changes: quiet() });
    const [damaged, intact] = await storage.models.list();
    expect(damaged.version).toBe(first.version);
    expect(damaged.status === 'damaged' && damaged.reason).toMatch(/hash mismatch/);
    expect([intact.version, intact.status]).toEqual([second.version, 'ok']);
  });
});

describe('opening storage', () => {
  it('falls back to memory after the timeout when the database never answers', async () => {
    const silent = { open: () => Object.assign(new EventTarget(), { result: undefined, error: null, transaction: null }) } as unknown as IDBFactory;
    const states: StorageState[] = [];
    const started = Date.now();
    const storage = await openStorage({ factory: silent, timeoutMs: 200, onState: (s) => states.push(s), changes: quiet() });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(storage.getState()).toMatchObject({ kind: 'unavailable', available: false, persistent: false });
    expect(storage.getState().message).toMatch(/did not open within.*nothing|will be lost/s);
    expect(states.map((s) => s.kind)).toEqual(['opening', 'unavailable']);
    // The app keeps working from memory.
    const saved = await storage.models.save(testDraft());
    expect(saved.ok).toBe(true);
    expect((await storage.models.activate(1)).ok).toBe(true);
    expect((await storage.predictions.add({ modelVersion: 1, inputs: { crim: 1 }, priceThousands: 20 })).ok).toBe(true);
    expect(await storage.predictions.count()).toBe(1);
  });

  it('falls back to memory at once when opening throws or IndexedDB is missing', async () => {
    const throwing = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const refused = await openStorage({ factory: throwing, changes: quiet() });
    expect(refused.getState()).toMatchObject({ kind: 'unavailable', available: false });
    expect(refused.getState().message).toMatch(/SecurityError/);
    const missing = await openStorage({ factory: undefined, changes: quiet() });
    expect(missing.getState()).toMatchObject({ kind: 'unavailable', available: false, persistent: false });
    expect(missing.getState().message).toMatch(/no IndexedDB/);
  });

  it('says "blocked" while an old tab holds the previous version open, instead of hanging', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('blocked');
    await writeV1Database(factory, name);
    // An old tab that never learned to close on versionchange.
    const old = factory.open(name, 1);
    await new Promise((resolve) => old.addEventListener('success', resolve));
    const states: StorageState[] = [];
    const storage = await openStorage({ factory, name, timeoutMs: 300, onState: (s) => states.push(s), changes: quiet() });
    expect(states.map((s) => s.kind)).toEqual(['opening', 'blocked', 'unavailable']);
    expect(storage.getState().message).toMatch(/Another KNN Lab tab/);
    old.result.close();
  });

  it('closes this tab\'s connection and asks for a reload when another tab needs a newer version', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('blocking');
    const states: StorageState[] = [];
    const storage = await openStorage({ factory, name, onState: (s) => states.push(s), changes: quiet() });
    expect(storage.getState().kind).toBe('ready');
    const newer = factory.open(name, DB_VERSION + 1);
    let wasBlocked = false;
    newer.addEventListener('blocked', () => (wasBlocked = true));
    await new Promise((resolve, reject) => {
      newer.addEventListener('success', resolve);
      newer.addEventListener('error', reject);
    });
    expect(wasBlocked).toBe(false);
    expect(storage.getState()).toMatchObject({ kind: 'reload-to-update', available: false });
    expect(storage.getState().message).toMatch(/Reload/);
    const save = await storage.models.save(testDraft());
    expect(!save.ok && save.error.kind).toBe('closed');
    newer.result.close();
  });
});
