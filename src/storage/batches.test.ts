import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_CSV_CHARS } from './batches';
import { createChangeFeed, type StorageChange } from './changes';
import { DB_VERSION } from './db';
import { createMemoryStorage, openStorage, type KnnStorage } from './open-storage';
import type { NewBatch } from './repository';
import { uniqueDbName } from '../test-support/model-drafts';

const quiet = () => createChangeFeed('unused', null);

// An output as the batch writes it: a BOM, CRLF rows, quoted text, non-ASCII and an error cell with a comma.
const OUTPUT = '\uFEFF"crim","rm","predicted_price","error"\r\n0.5,6,24.1,\r\n,7,,"line 3: crim is blank, Zürich"\r\n';

const batch = (overrides: Partial<NewBatch> = {}): NewBatch => ({
  fileName: 'houses.csv', rows: 2, predicted: 1, refused: 1, outOfRange: 0, modelVersion: 1, modelName: 'Café 東京', level: 0.9, csv: OUTPUT, at: 1_700_000_000_000, ...overrides,
});

const idb = async () => {
  const factory = new IDBFactory();
  const name = uniqueDbName('batches');
  const storage = await openStorage({ factory, name, changes: quiet() });
  expect(storage.getState().kind).toBe('ready');
  return Object.assign(storage, { factory, name });
};

const implementations: [string, () => Promise<KnnStorage>][] = [
  ['IndexedDB', idb],
  ['memory', async () => createMemoryStorage('test', quiet())],
];

describe.each(implementations)('batches kept in History (%s)', (_label, open) => {
  it('keeps a batch’s counts, model and level, and gives its output back character for character', async () => {
    const { batches } = await open();
    const added = await batches.add(batch());
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.value).toEqual({
      id: added.value.id, at: 1_700_000_000_000, fileName: 'houses.csv', rows: 2, predicted: 1, refused: 1, outOfRange: 0, modelVersion: 1, modelName: 'Café 東京', level: 0.9, csvLength: OUTPUT.length,
    });
    expect(await batches.list()).toEqual([added.value]);
    expect(await batches.csv(added.value.id)).toEqual({ ok: true, value: OUTPUT });
  });

  it('lists summaries newest first, without reading any output', async () => {
    const { batches } = await open();
    for (const [i, at] of [3000, 1000, 2000].entries()) await batches.add(batch({ fileName: `f${i}.csv`, at }));
    const listed = await batches.list();
    expect(listed.map((b) => b.fileName)).toEqual(['f0.csv', 'f2.csv', 'f1.csv']);
    for (const summary of listed) expect(summary).not.toHaveProperty('csv');
  });

  it.each<[string, Partial<NewBatch>, RegExp]>([
    ['counts that do not add up', { rows: 3 }, /must each be predicted or refused/],
    ['more rows unlike the training data than predicted', { outOfRange: 2 }, /Only predicted rows/],
    ['a negative or fractional count', { refused: -1, predicted: 3 }, /whole numbers ≥ 0/],
    ['no model version', { modelVersion: 0 }, /model version/],
    ['a level the app does not offer', { level: 0.5 }, /0\.8, 0\.9 or 0\.95/],
    ['no file name', { fileName: '' }, /file name/],
    ['an output that is not text', { csv: 42 as unknown as string }, /CSV text/],
  ])('refuses %s, says what is allowed, and stores nothing', async (_what, overrides, message) => {
    const { batches } = await open();
    const kept = await batches.add(batch());
    const refused = await batches.add(batch(overrides));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(message) });
    expect((await batches.list()).map((b) => b.id)).toEqual([kept.ok && kept.value.id]);
  });

  it('refuses to keep an output over 50 MB, saying its size and the limit, and stores nothing', async () => {
    const { batches } = await open();
    const huge = 'x'.repeat(MAX_BATCH_CSV_CHARS + 1);
    const refused = await batches.add(batch({ csv: huge }));
    expect(!refused.ok && refused.error.message).toMatch(/^The results are 50\.1 MB; History keeps results up to 50 MB.*Download them now/);
    expect(await batches.list()).toEqual([]);
  });

  it('deletes one batch, summary and output together, and says so when it is already gone', async () => {
    const { batches } = await open();
    const a = await batches.add(batch({ fileName: 'a.csv' }));
    const b = await batches.add(batch({ fileName: 'b.csv' }));
    if (!a.ok || !b.ok) throw new Error('not stored');
    expect((await batches.delete(a.value.id)).ok).toBe(true);
    expect((await batches.list()).map((s) => s.fileName)).toEqual(['b.csv']);
    const gone = await batches.csv(a.value.id);
    expect(!gone.ok && gone.error).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/no longer in History/) });
    expect(!(await batches.delete(a.value.id)).ok).toBe(true);
    expect(await batches.csv(b.value.id)).toEqual({ ok: true, value: OUTPUT });
  });

  it('clears every batch and announces adds and clears to the change feed', async () => {
    const changes = createChangeFeed('unused', null);
    const storage = _label === 'memory' ? createMemoryStorage('test', changes) : await openStorage({ factory: new IDBFactory(), name: uniqueDbName('batch-feed'), changes });
    const seen: StorageChange[] = [];
    changes.subscribe((change) => seen.push(change));
    const added = await storage.batches.add(batch());
    expect((await storage.batches.clear()).ok).toBe(true);
    expect(await storage.batches.list()).toEqual([]);
    const read = await storage.batches.csv(added.ok ? added.value.id : -1);
    expect(read.ok).toBe(false);
    expect(seen).toEqual([{ type: 'batches-changed' }, { type: 'batches-changed' }]);
  });

  it('never reuses an id, so a download asked for after a clear cannot return a newer batch’s output', async () => {
    const { batches } = await open();
    const first = await batches.add(batch({ fileName: 'first.csv' }));
    await batches.clear();
    const second = await batches.add(batch({ fileName: 'second.csv', csv: 'other\r\n' }));
    if (!first.ok || !second.ok) throw new Error('not stored');
    expect(second.value.id).not.toBe(first.value.id);
    expect((await batches.csv(first.value.id)).ok).toBe(false);
  });
});

describe('batch changes across tabs', () => {
  it('a batch kept in one tab is announced to another, marked remote, so its History list refreshes', async () => {
    const name = `test-${Math.random()}`;
    const [tabA, tabB] = [createChangeFeed(name), createChangeFeed(name)];
    const heard = new Promise<[StorageChange, boolean]>((resolve) => tabB.subscribe((change, remote) => resolve([change, remote])));
    await createMemoryStorage('test', tabA).batches.add(batch());
    expect(await heard).toEqual([{ type: 'batches-changed' }, true]);
    tabA.close();
    tabB.close();
  });
});

describe('batches in IndexedDB, read back after tampering', () => {
  it('reports a batch whose output went missing or changed length as damaged, never as an empty or partial file', async () => {
    const storage = await idb();
    const added = await storage.batches.add(batch());
    if (!added.ok) throw new Error('not stored');
    const original = globalThis.indexedDB;
    globalThis.indexedDB = storage.factory; // idb's openDB uses the global factory
    try {
      const raw = await openDB(storage.name, DB_VERSION);
      await raw.put('batch-outputs', { id: added.value.id, csv: OUTPUT.slice(0, 20) });
      raw.close();
    } finally {
      globalThis.indexedDB = original;
    }
    const read = await storage.batches.csv(added.value.id);
    expect(!read.ok && read.error).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/damaged.*Predict the file again/) });
  });
});
