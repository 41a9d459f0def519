import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createChangeFeed } from './changes';
import { DB_VERSION } from './db';
import { openStorage, type StorageState } from './open-storage';
import { testDraft, uniqueDbName } from './test-drafts';
import { v1Record, writeV1Database } from './v1-fixture';

const quiet = () => createChangeFeed('unused', null);

describe('schema migration', () => {
  it('opens a version-1 database with the current code and keeps every record', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v1');
    const oldModels = [v1Record(testDraft({ seed: 1, name: 'one' }), 1), v1Record(testDraft({ seed: 2, name: 'two' }), 2), v1Record(testDraft({ seed: 3, name: 'three' }), 4)];
    const oldPredictions = Array.from({ length: 30 }, (_, i) => ({ at: 1000 + i, modelVersion: i % 2 ? 1 : 2, inputs: { crim: i, rm: 6, lstat: 10 }, priceThousands: 20 + i }));
    await writeV1Database(factory, name, { models: oldModels, activeVersion: 2, nextVersion: 5, predictions: oldPredictions });

    const storage = await openStorage({ factory, name, changes: quiet() });
    expect(storage.getState().kind).toBe('ready');

    const entries = await storage.models.list();
    expect(entries.map((e) => [e.version, e.status, e.active])).toEqual([[1, 'ok', false], [2, 'ok', true], [4, 'ok', false]]);
    for (const [i, entry] of entries.entries()) {
      if (entry.status !== 'ok') continue;
      const { sha256: _new, note, ...rest } = entry.record;
      const { sha256: _old, ...oldRest } = oldModels[i];
      expect(note).toBe(''); // the field version 2 added
      expect(rest).toEqual(oldRest);
    }
    // The version counter survives: the next save is 5, not a reused 3.
    const saved = await storage.models.save(testDraft({ seed: 9 }));
    expect(saved.ok && saved.value.version).toBe(5);

    expect(await storage.predictions.count()).toBe(30);
    const all = await storage.predictions.page({ limit: 100 });
    expect(all.items.map((p) => p.priceThousands)).toEqual(oldPredictions.map((p) => p.priceThousands).reverse());
    // The by-model index added in version 2 covers the old rows too.
    expect(await storage.predictions.count(1)).toBe(15);
    const ofOne = await storage.predictions.page({ modelVersion: 1, limit: 100 });
    expect(ofOne.items.every((p) => p.modelVersion === 1)).toBe(true);
    expect(ofOne.items).toHaveLength(15);
  });

  it('does not turn a record that was already damaged under version 1 into a valid one', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('v1-damaged');
    const tampered = v1Record(testDraft({ seed: 1 }), 1);
    tampered.k = 7; // edited after hashing
    tampered.model = { ...tampered.model, k: 7 };
    await writeV1Database(factory, name, { models: [tampered, v1Record(testDraft({ seed: 2 }), 2)], predictions: [] });
    const storage = await openStorage({ factory, name, changes: quiet() });
    const [first, second] = await storage.models.list();
    expect(first.status === 'damaged' && first.reason).toMatch(/hash mismatch/);
    expect(second.status).toBe('ok');
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
    await writeV1Database(factory, name, { models: [], predictions: [] });
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
