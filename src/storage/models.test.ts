import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { predictOne } from '../ml/model';
import { createChangeFeed, type StorageChange } from './changes';
import { createMemoryModelRepository, createMemoryStore } from './memory';
import { DB_VERSION } from './db';
import { MAX_NAME_LENGTH, recordHash, type ModelRecord } from './model-record';
import { createMemoryStorage, openStorage, type KnnStorage } from './open-storage';
import { testDraft, uniqueDbName } from '../test-support/model-drafts';

const noBroadcast = () => createChangeFeed('unused', null);

async function idbStorage(factory = new IDBFactory(), name = uniqueDbName('models')): Promise<KnnStorage & { factory: IDBFactory; name: string }> {
  const storage = await openStorage({ factory, name, changes: noBroadcast() });
  expect(storage.getState().kind).toBe('ready');
  return Object.assign(storage, { factory, name });
}

/** Edits a stored record behind the repository's back, as a user with devtools (or disk corruption) might. */
async function tamper(factory: IDBFactory, name: string, version: number, edit: (record: Record<string, unknown>) => void): Promise<void> {
  const original = globalThis.indexedDB;
  globalThis.indexedDB = factory; // idb's openDB uses the global factory
  try {
    const db = await openDB(name, DB_VERSION);
    const record = await db.get('models', version);
    edit(record);
    await db.put('models', record);
    db.close();
  } finally {
    globalThis.indexedDB = original;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('model registry in memory', () => {
  it('saves past a damaged counter too', async () => {
    const store = createMemoryStore();
    const repo = createMemoryModelRepository(store, noBroadcast());
    await repo.save(testDraft({ seed: 1 }));
    await repo.save(testDraft({ seed: 2 }));
    store.nextVersion = 2;
    const saved = await repo.save(testDraft({ seed: 3 }));
    expect(saved.ok && saved.value.version).toBe(3);
  });
});

const implementations: [string, () => Promise<KnnStorage>][] = [
  ['IndexedDB', () => idbStorage()],
  ['memory', async () => createMemoryStorage('test', noBroadcast())],
];

describe.each(implementations)('model registry (%s)', (_label, open) => {
  it('saves a version with every field and lists it back verified', async () => {
    const storage = await open();
    const draft = testDraft({ name: 'first', note: 'from the lab' });
    const saved = await storage.models.save(draft);
    expect(saved.ok).toBe(true);
    const entries = await storage.models.list();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry.status).toBe('ok');
    if (entry.status !== 'ok') return;
    const r = entry.record;
    expect(r).toMatchObject({ version: 1, name: 'first', note: 'from the lab', k: 5, seed: 42, testFraction: 0.1, weights: 'distance', metric: 'euclidean', scale: 'standard' });
    expect(r.features).toEqual(['crim', 'rm', 'lstat']);
    expect(r.dataset).toEqual({ name: 'boston', sha256: draft.model.dataset.sha256 });
    expect(r.scaler).toEqual(draft.model.scaler);
    expect(r.metrics).toEqual(draft.metrics);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.sha256).toBe(recordHash(r));
    // The stored model predicts exactly as the one that was saved.
    const row = [0.1, 6.2, 9.5];
    expect(predictOne(r.model, row)).toEqual(predictOne(draft.model, row));
  });

  it('numbers versions 1, 2, 3 and never reuses a deleted number', async () => {
    const storage = await open();
    const versions = [];
    for (const seed of [1, 2, 3]) {
      const saved = await storage.models.save(testDraft({ seed }));
      if (saved.ok) versions.push(saved.value.version);
    }
    expect(versions).toEqual([1, 2, 3]);
    expect((await storage.models.delete(3)).ok).toBe(true);
    const next = await storage.models.save(testDraft({ seed: 4 }));
    expect(next.ok && next.value.version).toBe(4);
  });

  it('refuses a name with no visible character or over the limit, and a note over its limit, storing nothing', async () => {
    const storage = await open();
    for (const name of ['\u200B\u200B', ' \u200D\uFEFF ', '\u2060', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
      const saved = await storage.models.save(testDraft({ name }));
      expect(saved.ok, JSON.stringify(name)).toBe(false);
      expect(!saved.ok && saved.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/visible character|at most 120 characters/) });
    }
    expect((await storage.models.save(testDraft({ note: 'n'.repeat(501) }))).ok).toBe(false);
    expect(await storage.models.list()).toEqual([]);
    expect((await storage.models.save(testDraft({ name: 'y'.repeat(MAX_NAME_LENGTH) }))).ok).toBe(true);
    expect((await storage.models.save(testDraft({ name: '🏠' }))).ok).toBe(true);
    const renamed = await storage.models.rename(1, { name: '\u200B' });
    expect(!renamed.ok && renamed.error.message).toMatch(/visible character/);
    const entry = await storage.models.get(1);
    expect(entry?.status === 'ok' && entry.record.name).toBe('y'.repeat(MAX_NAME_LENGTH));
  });

  it('with unlessStored, refuses content already stored (kind "exists", naming the version) and stores nothing', async () => {
    const storage = await open();
    expect((await storage.models.save(testDraft({ seed: 1 }))).ok).toBe(true);
    const again = await storage.models.save(testDraft({ seed: 1 }), { unlessStored: true });
    expect(!again.ok && again.error).toEqual({ kind: 'exists', message: 'This model is already stored as version 1; nothing was added.' });
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1]);
    // Other content is stored as usual, and a plain save still stores a copy (a second Save in the lab is a choice).
    expect((await storage.models.save(testDraft({ seed: 2 }), { unlessStored: true })).ok).toBe(true);
    expect((await storage.models.save(testDraft({ seed: 1 }))).ok).toBe(true);
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('gives two saves started together two different numbers', async () => {
    const storage = await open();
    const [a, b] = await Promise.all([storage.models.save(testDraft({ seed: 1 })), storage.models.save(testDraft({ seed: 2 }))]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(new Set([a.value.version, b.value.version])).toEqual(new Set([1, 2]));
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1, 2]);
  });

  it('activates a version, reports it as active and announces the change', async () => {
    const storage = await open();
    const seen: StorageChange[] = [];
    storage.changes.subscribe((change) => seen.push(change));
    await storage.models.save(testDraft({ seed: 1 }));
    await storage.models.save(testDraft({ seed: 2 }));
    expect(await storage.models.getActive()).toBeNull();
    const activated = await storage.models.activate(2);
    expect(activated.ok).toBe(true);
    const active = await storage.models.getActive();
    expect(active?.version).toBe(2);
    expect(active?.status).toBe('ok');
    expect((await storage.models.list()).map((e) => e.active)).toEqual([false, true]);
    expect(seen).toContainEqual({ type: 'active-changed', version: 2 });
    const missing = await storage.models.activate(9);
    expect(!missing.ok && missing.error.kind).toBe('not-found');
  });

  it('refuses to delete the active version and deletes the others', async () => {
    const storage = await open();
    await storage.models.save(testDraft({ seed: 1 }));
    await storage.models.save(testDraft({ seed: 2 }));
    await storage.models.activate(1);
    const refused = await storage.models.delete(1);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('active');
      expect(refused.error.message).toMatch(/Activate another version/);
    }
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1, 2]);
    expect((await storage.models.delete(2)).ok).toBe(true);
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1]);
    // Once another version is the champion, the old one can go.
    await storage.models.save(testDraft({ seed: 3 }));
    await storage.models.activate(3);
    expect((await storage.models.delete(1)).ok).toBe(true);
  });

  it('renames a version and re-hashes it so it still verifies', async () => {
    const storage = await open();
    const saved = await storage.models.save(testDraft({ name: 'old' }));
    const before = saved.ok ? saved.value.sha256 : '';
    const renamed = await storage.models.rename(1, { name: 'champion', note: 'best so far' });
    expect(renamed.ok).toBe(true);
    const entry = await storage.models.get(1);
    expect(entry?.status).toBe('ok');
    if (entry?.status !== 'ok') return;
    expect(entry.record.name).toBe('champion');
    expect(entry.record.note).toBe('best so far');
    expect(entry.record.sha256).not.toBe(before);
  });

  it('creates and activates version 1 on the first visit only', async () => {
    const storage = await open();
    const factory = vi.fn(() => testDraft({ name: 'default' }));
    const first = await storage.models.ensureDefaultModel(factory);
    expect(first.ok && first.value.created).toBe(true);
    expect(first.ok && first.value.active?.version).toBe(1);
    const again = await storage.models.ensureDefaultModel(factory);
    expect(again.ok && again.value.created).toBe(false);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(await storage.models.list()).toHaveLength(1);
  });
});

describe('model registry in IndexedDB', () => {
  it('hashes each stored record once per page load for listing, but always before activating it', async () => {
    const storage = await idbStorage();
    await storage.models.save(testDraft({ seed: 1 }));
    await storage.models.save(testDraft({ seed: 2 }));
    expect((await storage.models.list()).map((e) => e.status)).toEqual(['ok', 'ok']);
    // Changed behind the app's back, stored hash kept: listing trusts this page load's verdict...
    await tamper(storage.factory, storage.name, 2, (record) => {
      (record.model as { trainY: number[] }).trainY[0] += 1;
    });
    expect((await storage.models.list()).map((e) => e.status)).toEqual(['ok', 'ok']);
    // ...activation hashes again and refuses it, and the next page load lists it as damaged.
    const activated = await storage.models.activate(2);
    expect(!activated.ok && activated.error.kind).toBe('damaged');
    const reloaded = await openStorage({ factory: storage.factory, name: storage.name, changes: noBroadcast() });
    expect((await reloaded.models.list()).map((e) => e.status)).toEqual(['ok', 'damaged']);
  });

  it('saves past a damaged counter that points at a stored version, and repairs it', async () => {
    const storage = await idbStorage();
    await storage.models.save(testDraft({ seed: 1 }));
    await storage.models.save(testDraft({ seed: 2 }));
    const original = globalThis.indexedDB;
    globalThis.indexedDB = storage.factory;
    try {
      const db = await openDB(storage.name, DB_VERSION);
      await db.put('meta', 1, 'nextVersion'); // behind the stored versions: version 1 exists
      db.close();
    } finally {
      globalThis.indexedDB = original;
    }
    for (const expected of [3, 4]) {
      const saved = await storage.models.save(testDraft({ seed: expected }));
      expect(saved.ok && saved.value.version).toBe(expected);
    }
    expect((await storage.models.list()).map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('gives two tabs saving at the same moment two different version numbers', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('tabs');
    const tabA = await idbStorage(factory, name);
    const tabB = await idbStorage(factory, name);
    const saves = await Promise.all([
      tabA.models.save(testDraft({ seed: 1 })),
      tabB.models.save(testDraft({ seed: 2 })),
      tabA.models.save(testDraft({ seed: 3 })),
      tabB.models.save(testDraft({ seed: 4 })),
    ]);
    const versions = saves.map((s) => (s.ok ? s.value.version : -1));
    expect([...versions].sort()).toEqual([1, 2, 3, 4]);
    expect((await tabA.models.list()).map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('stores one model once when two tabs import it at the same moment (unlessStored is checked inside the write)', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('import-race');
    const tabA = await idbStorage(factory, name);
    const tabB = await idbStorage(factory, name);
    const draft = testDraft({ seed: 7 });
    const saves = await Promise.all([tabA.models.save(draft, { unlessStored: true }), tabB.models.save(draft, { unlessStored: true })]);
    expect(saves.filter((s) => s.ok)).toHaveLength(1);
    expect(saves.find((s) => !s.ok)).toMatchObject({ ok: false, error: { kind: 'exists' } });
    expect((await tabA.models.list()).map((e) => e.version)).toEqual([1]);
  });

  it('lets the genuine model be imported beside a damaged record that kept its hash', async () => {
    const storage = await idbStorage();
    await storage.models.save(testDraft({ seed: 1 }));
    await tamper(storage.factory, storage.name, 1, (record) => {
      (record.model as { trainY: number[] }).trainY[0] += 1;
    });
    const restored = await storage.models.save(testDraft({ seed: 1 }), { unlessStored: true });
    expect(restored.ok && restored.value.version).toBe(2);
  });

  it('creates only one default model when two tabs open the empty registry together', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('race');
    const [tabA, tabB] = [await idbStorage(factory, name), await idbStorage(factory, name)];
    const [a, b] = await Promise.all([
      tabA.models.ensureDefaultModel(() => testDraft({ name: 'A' })),
      tabB.models.ensureDefaultModel(() => testDraft({ name: 'B' })),
    ]);
    expect([a.ok && a.value.created, b.ok && b.value.created].filter(Boolean)).toHaveLength(1);
    const entries = await tabA.models.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ version: 1, active: true, status: 'ok' });
    expect((await tabB.models.getActive())?.version).toBe(1);
  });

  it('marks a tampered record damaged with the reason, keeps the others, and never uses it', async () => {
    const s = await idbStorage();
    for (const seed of [1, 2, 3]) await s.models.save(testDraft({ seed }));
    await s.models.activate(2);
    await tamper(s.factory, s.name, 2, (r) => {
      (r.model as { trainY: Float64Array }).trainY[0] += 1; // one price nudged by $1000
    });
    const entries = await s.models.list();
    expect(entries.map((e) => e.status)).toEqual(['ok', 'damaged', 'ok']);
    const bad = entries[1];
    expect(bad.status === 'damaged' && bad.reason).toMatch(/hash mismatch/);
    expect(bad.status === 'damaged' && bad.name).toBe('seed 2, k 5');
    // The active model is reported damaged, so the form has nothing to predict with.
    const active = await s.models.getActive();
    expect(active?.status).toBe('damaged');
    const activation = await s.models.activate(2);
    expect(!activation.ok && activation.error.kind).toBe('damaged');
    const rename = await s.models.rename(2, { name: 'laundered' });
    expect(!rename.ok && rename.error.kind).toBe('damaged');
    expect((await s.models.activate(3)).ok).toBe(true);
    // A damaged version can always be deleted.
    expect((await s.models.delete(2)).ok).toBe(true);
    expect((await s.models.list()).map((e) => [e.version, e.status])).toEqual([[1, 'ok'], [3, 'ok']]);
  });

  it('lets a damaged active version be deleted, leaving no active model', async () => {
    const s = await idbStorage();
    await s.models.save(testDraft({ seed: 1 }));
    await s.models.activate(1);
    await tamper(s.factory, s.name, 1, (r) => {
      r.k = 6;
    });
    expect((await s.models.delete(1)).ok).toBe(true);
    expect(await s.models.getActive()).toBeNull();
  });

  it.each([
    ['a missing field', (r: Record<string, unknown>) => delete r.metrics, /^metrics: missing$/],
    ['a wrong type', (r: Record<string, unknown>) => (r.k = 'five'), /^k: must be a finite number, not "five"$/],
    ['a broken fitted model', (r: Record<string, unknown>) => delete (r.model as Record<string, unknown>).trainX, /^model\.trainX: missing$/],
    ['a setting of the wrong kind', (r: Record<string, unknown>) => Object.assign(r, { weights: ['distance'] }), /^weights: must be "uniform" or "distance", not a list$/],
  ])('reports %s as damaged without affecting the other versions', async (_what, edit, reason) => {
    const s = await idbStorage();
    await s.models.save(testDraft({ seed: 1 }));
    await s.models.save(testDraft({ seed: 2 }));
    await tamper(s.factory, s.name, 1, edit);
    const [first, second] = await s.models.list();
    expect(first.status === 'damaged' && first.reason).toMatch(reason);
    expect(second.status).toBe('ok');
  });

  it('returns a clear quota error, writes nothing, and keeps earlier versions loadable', async () => {
    const s = await idbStorage();
    await s.models.save(testDraft({ seed: 1 }));
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'models') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    });
    const result = await s.models.save(testDraft({ seed: 2 }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('quota');
      expect(result.error.message).toMatch(/storage for this site is full/);
    }
    vi.restoreAllMocks();
    const entries = await s.models.list();
    expect(entries.map((e) => [e.version, e.status])).toEqual([[1, 'ok']]);
    // The failed save did not consume a number.
    const next = await s.models.save(testDraft({ seed: 3 }));
    expect(next.ok && next.value.version).toBe(2);
  });

  it('keeps the record hash identical after a structured-clone or JSON round trip', async () => {
    const s = await idbStorage();
    const saved = await s.models.save(testDraft());
    if (!saved.ok) throw new Error(saved.error.message);
    const cloned = structuredClone(saved.value);
    const json = JSON.parse(JSON.stringify(saved.value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))) as ModelRecord;
    expect(recordHash(cloned)).toBe(saved.value.sha256);
    expect(recordHash(json)).toBe(saved.value.sha256);
  });
});
