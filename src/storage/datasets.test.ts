import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChangeFeed, type StorageChange } from './changes';
import { MAX_LEFT_OUT_LINES, type DatasetMeta, type DatasetRows } from './dataset-record';
import { DB_VERSION } from './db';
import { MAX_NAME_LENGTH } from './names';
import { createMemoryStorage, openStorage, type KnnStorage } from './open-storage';
import { testDraft, uniqueDbName } from '../test-support/model-drafts';

const quiet = () => createChangeFeed('unused', null);

const FINGERPRINT = 'ab'.repeat(32);

/** A small imported dataset; `hex` (16 digits) makes its id. */
function sample(options: { hex?: string; name?: string; importedAt?: number; nRows?: number; nFeatures?: number } = {}): { meta: DatasetMeta; rows: DatasetRows } {
  const { hex = '0123456789abcdef', nRows = 4, nFeatures = 3 } = options;
  const id = `csv-${hex}`;
  const x = Float64Array.from({ length: nRows * nFeatures }, (_, i) => ((i * 7919) % 1009) / 7);
  const y = Float64Array.from({ length: nRows }, (_, i) => 10 + i / 3);
  const meta: DatasetMeta = {
    id,
    name: options.name ?? `houses ${hex.slice(0, 4)}`,
    fileName: 'houses.csv',
    importedAt: options.importedAt ?? 1_700_000_000_000,
    nRows,
    nFeatures,
    features: Array.from({ length: nFeatures }, (_, j) => `f${j}`),
    target: 'price',
    sha256: FINGERPRINT,
    source: { delimiter: ';', decimalMark: ',', leftOutLines: [7, 9], leftOutCount: 2 },
  };
  return { meta, rows: { id, x, y } };
}

const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

async function idbStorage(factory = new IDBFactory(), name = uniqueDbName('datasets')): Promise<KnnStorage & { factory: IDBFactory; name: string }> {
  const storage = await openStorage({ factory, name, changes: quiet() });
  expect(storage.getState().kind).toBe('ready');
  return Object.assign(storage, { factory, name });
}

/** Edits a store behind the repository's back, as devtools or disk corruption might. */
async function tamper(s: { factory: IDBFactory; name: string }, edit: (db: Awaited<ReturnType<typeof openDB>>) => Promise<unknown>): Promise<void> {
  const original = globalThis.indexedDB;
  globalThis.indexedDB = s.factory; // idb's openDB uses the global factory
  try {
    const db = await openDB(s.name, DB_VERSION);
    await edit(db);
    db.close();
  } finally {
    globalThis.indexedDB = original;
  }
}

afterEach(() => vi.restoreAllMocks());

const implementations: [string, () => Promise<KnnStorage>][] = [
  ['IndexedDB', () => idbStorage()],
  ['memory', async () => createMemoryStorage('test', quiet())],
];

describe.each(implementations)('imported datasets (%s)', (_label, open) => {
  it('reads every number back bit for bit, -0 and 17-digit values included, as Float64Array', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample({ nRows: 3, nFeatures: 2 });
    rows.x.set([-0, 0.1 + 0.2, 1.0000000000000002, Number.MIN_VALUE, -Number.MAX_VALUE, 123456789.12345679]);
    rows.y.set([-0, 2 ** 53 + 2, 9.87654321098765e-300]);
    const expectedX = rows.x.slice();
    const expectedY = rows.y.slice();
    const added = await datasets.add(meta, rows);
    expect(added).toEqual({ ok: true, value: meta });

    const read = await datasets.rows(meta.id);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.id).toBe(meta.id);
    expect(read.value.x).toBeInstanceOf(Float64Array);
    expect(read.value.y).toBeInstanceOf(Float64Array);
    expect(bytes(read.value.x)).toEqual(bytes(expectedX));
    expect(bytes(read.value.y)).toEqual(bytes(expectedY));
    expect(Object.is(read.value.x[0], -0)).toBe(true);
    expect(read.value.x[1]).toBe(0.30000000000000004);
    expect(await datasets.get(meta.id)).toEqual(meta);
  });

  it('keeps a 20,000 × 10 dataset whole', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample({ nRows: 20_000, nFeatures: 10 });
    expect((await datasets.add(meta, rows)).ok).toBe(true);
    const read = await datasets.rows(meta.id);
    expect(read.ok && bytes(read.value.x)).toEqual(bytes(rows.x));
    expect(read.ok && bytes(read.value.y)).toEqual(bytes(rows.y));
  });

  it('lists metadata alone, oldest import first, without x or y', async () => {
    const { datasets } = await open();
    const newer = sample({ hex: 'aaaaaaaaaaaaaaaa', importedAt: 2000 });
    const older = sample({ hex: 'bbbbbbbbbbbbbbbb', importedAt: 1000 });
    // A stray array on the meta is not stored with it.
    await datasets.add({ ...newer.meta, x: newer.rows.x } as DatasetMeta, newer.rows);
    await datasets.add(older.meta, older.rows);
    const listed = await datasets.list();
    expect(listed).toEqual([older.meta, newer.meta]);
    for (const meta of listed) {
      expect(Object.keys(meta)).not.toContain('x');
      expect(Object.keys(meta)).not.toContain('y');
    }
  });

  it('keeps the first 1,000 left-out line numbers and the full count', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample();
    const lines = Array.from({ length: 2500 }, (_, i) => i + 2);
    const added = await datasets.add({ ...meta, source: { ...meta.source, leftOutLines: lines, leftOutCount: 2500 } }, rows);
    expect(added.ok && added.value.source.leftOutLines).toEqual(lines.slice(0, MAX_LEFT_OUT_LINES));
    const stored = await datasets.get(meta.id);
    expect(stored?.source.leftOutLines).toEqual(lines.slice(0, MAX_LEFT_OUT_LINES));
    expect(stored?.source.leftOutCount).toBe(2500);
  });

  it('refuses an id already stored, naming the stored dataset, and changes nothing', async () => {
    const { datasets, changes } = await open();
    const first = sample({ name: 'Ames 2010' });
    await datasets.add(first.meta, first.rows);
    const seen: StorageChange[] = [];
    changes.subscribe((change) => seen.push(change));
    const again = sample({ name: 'another name', importedAt: 5 });
    again.rows.x.fill(1);
    const refused = await datasets.add(again.meta, again.rows);
    expect(!refused.ok && refused.error).toEqual({ kind: 'conflict', message: expect.stringContaining('"Ames 2010"') });
    expect(await datasets.list()).toEqual([first.meta]);
    const read = await datasets.rows(first.meta.id);
    expect(read.ok && bytes(read.value.x)).toEqual(bytes(first.rows.x));
    expect(seen).toEqual([]);
  });

  const refusals: [string, (d: { meta: DatasetMeta; rows: DatasetRows }) => void, RegExp][] = [
    ['an id of the wrong form', (d) => { d.meta.id = d.rows.id = 'csv-XYZ'; }, /not a dataset id/],
    ['a name of zero-width characters', (d) => { d.meta.name = '\u200B\u2060'; }, /visible character/],
    ['a name over the limit', (d) => { d.meta.name = 'n'.repeat(MAX_NAME_LENGTH + 1); }, /at most 120 characters/],
    ['x of the wrong length', (d) => { d.rows.x = d.rows.x.subarray(1); }, /need 12/],
    ['y of the wrong length', (d) => { d.rows.y = new Float64Array(5); }, /5 values for 4 rows/],
    ['fewer column names than columns', (d) => { d.meta.features.pop(); }, /3 feature columns but 2 column names/],
    ['two columns with one name', (d) => { d.meta.features[2] = 'f0'; }, /both named "f0"/],
    ['a target named like a feature', (d) => { d.meta.target = 'f1'; }, /both named "f1"/],
    ['NaN among the features', (d) => { d.rows.x[4] = NaN; }, /Data row 2, column "f1", is NaN/],
    ['an infinite target', (d) => { d.rows.y[3] = -Infinity; }, /Data row 4, target "price", is -Infinity/],
    ['rows that are not Float64Array', (d) => { d.rows.x = Array.from(d.rows.x) as unknown as Float64Array; }, /64-bit/],
    ['rows under another id', (d) => { d.rows.id = 'csv-ffffffffffffffff'; }, /filed under/],
    ['a fingerprint that is not 64 hex digits', (d) => { d.meta.sha256 = 'ABC'; }, /64 lowercase hex digits/],
    ['an unknown delimiter', (d) => { d.meta.source.delimiter = '|' as ','; }, /not one of comma, semicolon or tab/],
    ['fewer left out than line numbers given', (d) => { d.meta.source.leftOutCount = 1; }, /count of left-out rows/],
  ];
  it.each(refusals)('refuses %s before writing, with a message', async (_what, spoil, message) => {
    const { datasets } = await open();
    const d = sample();
    spoil(d);
    const result = await datasets.add(d.meta, d.rows);
    expect(!result.ok && result.error).toEqual({ kind: 'invalid', message: expect.stringMatching(message) });
    expect(await datasets.list()).toEqual([]);
    expect((await datasets.rows(d.meta.id)).ok).toBe(false);
  });

  it('renames a dataset, refusing invisible names and unknown ids', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample({ name: 'old' });
    await datasets.add(meta, rows);
    const renamed = await datasets.rename(meta.id, 'Ames, cleaned');
    expect(renamed).toEqual({ ok: true, value: { ...meta, name: 'Ames, cleaned' } });
    expect((await datasets.get(meta.id))?.name).toBe('Ames, cleaned');
    const invisible = await datasets.rename(meta.id, ' \u200D ');
    expect(!invisible.ok && invisible.error.kind).toBe('invalid');
    const missing = await datasets.rename('csv-ffffffffffffffff', 'x');
    expect(!missing.ok && missing.error.kind).toBe('not-found');
    expect((await datasets.get(meta.id))?.name).toBe('Ames, cleaned');
  });

  it('deletes metadata and rows together, says not-found for an unknown id, and leaves models alone', async () => {
    const storage = await open();
    const { meta, rows } = sample();
    await storage.datasets.add(meta, rows);
    const draft = testDraft();
    await storage.models.save({ ...draft, model: { ...draft.model, dataset: { ...draft.model.dataset, name: meta.id, sha256: meta.sha256 } } });
    expect(await storage.datasets.delete(meta.id)).toEqual({ ok: true, value: undefined });
    expect(await storage.datasets.list()).toEqual([]);
    expect(await storage.datasets.get(meta.id)).toBeNull();
    const read = await storage.datasets.rows(meta.id);
    expect(!read.ok && read.error.kind).toBe('not-found');
    const again = await storage.datasets.delete(meta.id);
    expect(!again.ok && again.error).toEqual({ kind: 'not-found', message: expect.stringContaining(meta.id) });
    expect((await storage.models.list()).map((e) => e.status)).toEqual(['ok']);
    // Once deleted, the same data can be imported again.
    expect((await storage.datasets.add(meta, rows)).ok).toBe(true);
  });

  it('names the saved models trained on a dataset: same id and fingerprint only, by version', async () => {
    const storage = await open();
    const { meta } = sample();
    const on = (name: string, sha256: string, modelName: string) => {
      const draft = testDraft({ name: modelName });
      return storage.models.save({ ...draft, model: { ...draft.model, dataset: { ...draft.model.dataset, name, sha256 } } });
    };
    await on(meta.id, meta.sha256, 'first');
    await storage.models.save(testDraft({ name: 'boston model' }));
    await on(meta.id, 'cd'.repeat(32), 'other content');
    await on('csv-ffffffffffffffff', meta.sha256, 'other id');
    await on(meta.id, meta.sha256, 'second');
    expect(await storage.datasets.modelsTrainedOn(meta.id, meta.sha256)).toEqual([
      { version: 1, name: 'first' },
      { version: 5, name: 'second' },
    ]);
    expect(await storage.datasets.modelsTrainedOn('csv-0000000000000000', meta.sha256)).toEqual([]);
  });

  it('keeps stored numbers out of reach of the arrays passed in and handed out', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample();
    const original = rows.x.slice();
    await datasets.add(meta, rows);
    rows.x[0] = 999;
    const first = await datasets.rows(meta.id);
    if (!first.ok) throw new Error(first.error.message);
    first.value.x[1] = 999;
    first.value.y[0] = 999;
    const second = await datasets.rows(meta.id);
    expect(second.ok && bytes(second.value.x)).toEqual(bytes(original));
    expect(second.ok && second.value.y[0]).toBe(10);
    const listed = await datasets.list();
    listed[0].features.push('extra');
    expect((await datasets.get(meta.id))?.features).toEqual(['f0', 'f1', 'f2']);
  });

  it('stores only the numbers of a view into a bigger buffer', async () => {
    const { datasets } = await open();
    const { meta, rows } = sample();
    const big = new Float64Array(1000);
    big.set(rows.x, 500);
    await datasets.add(meta, { ...rows, x: big.subarray(500, 500 + rows.x.length) });
    const read = await datasets.rows(meta.id);
    expect(read.ok && read.value.x.buffer.byteLength).toBe(rows.x.byteLength);
    expect(read.ok && bytes(read.value.x)).toEqual(bytes(rows.x));
  });

  it('announces each add, rename and delete with the dataset id', async () => {
    const { datasets, changes } = await open();
    const seen: StorageChange[] = [];
    changes.subscribe((change) => seen.push(change));
    const { meta, rows } = sample();
    await datasets.add(meta, rows);
    await datasets.rename(meta.id, 'renamed');
    await datasets.delete(meta.id);
    await datasets.delete(meta.id); // refused: announces nothing
    expect(seen).toEqual(Array(3).fill({ type: 'datasets-changed', id: meta.id }));
  });
});

describe('imported datasets in IndexedDB', () => {
  it('lists without opening the rows store', async () => {
    const s = await idbStorage();
    const { meta, rows } = sample();
    await s.datasets.add(meta, rows);
    const scopes: string[][] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      scopes.push(typeof args[0] === 'string' ? [args[0]] : [...args[0]]);
      return transaction.apply(this, args);
    });
    expect(await s.datasets.list()).toEqual([meta]);
    expect(await s.datasets.get(meta.id)).toEqual(meta);
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes.flat()).not.toContain('dataset-rows');
  });

  it('writes metadata and rows together: when the rows fail (quota), no metadata is left behind', async () => {
    const s = await idbStorage();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'dataset-rows') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const { meta, rows } = sample();
    const result = await s.datasets.add(meta, rows);
    expect(!result.ok && result.error).toEqual({ kind: 'quota', message: expect.stringMatching(/storage for this site is full/) });
    vi.restoreAllMocks();
    expect(await s.datasets.list()).toEqual([]);
    expect(await s.datasets.get(meta.id)).toBeNull();
    // Nothing half-written blocks a retry.
    expect((await s.datasets.add(meta, rows)).ok).toBe(true);
  });

  it('gives not-found, not a crash, when another tab deletes a dataset this one is reading', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('two-tabs');
    const [tabA, tabB] = [await idbStorage(factory, name), await idbStorage(factory, name)];
    const { meta, rows } = sample();
    await tabA.datasets.add(meta, rows);
    const [read, deleted] = await Promise.all([tabA.datasets.rows(meta.id), tabB.datasets.delete(meta.id)]);
    expect(deleted.ok).toBe(true);
    // Read before the delete (whole) or after it (not-found): never half of it.
    if (read.ok) expect(bytes(read.value.x)).toEqual(bytes(rows.x));
    else expect(read.error.kind).toBe('not-found');
    const after = await tabA.datasets.rows(meta.id);
    expect(!after.ok && after.error).toEqual({ kind: 'not-found', message: expect.stringMatching(/another tab may have deleted it/) });
    expect(await tabA.datasets.get(meta.id)).toBeNull();
    const gone = await tabA.datasets.rename(meta.id, 'late');
    expect(!gone.ok && gone.error.kind).toBe('not-found');
  });

  it.each([
    ['missing rows', (db: Awaited<ReturnType<typeof openDB>>) => db.delete('dataset-rows', 'csv-0123456789abcdef'), /rows are missing/],
    ['a row too few', async (db: Awaited<ReturnType<typeof openDB>>) => {
      const r = await db.get('dataset-rows', 'csv-0123456789abcdef');
      await db.put('dataset-rows', { ...r, y: r.y.subarray(1) });
    }, /3 values for 4 rows/],
    ['a value turned NaN', async (db: Awaited<ReturnType<typeof openDB>>) => {
      const r = await db.get('dataset-rows', 'csv-0123456789abcdef');
      r.x[5] = NaN;
      await db.put('dataset-rows', r);
    }, /Data row 2, column "f2", is NaN/],
  ])('reports %s as damaged on read, still lists the dataset and lets it be deleted', async (_what, edit, reason) => {
    const s = await idbStorage();
    const { meta, rows } = sample({ name: 'Ames' });
    await s.datasets.add(meta, rows);
    await tamper(s, edit);
    const read = await s.datasets.rows(meta.id);
    expect(!read.ok && read.error.kind).toBe('damaged');
    expect(!read.ok && read.error.message).toMatch(/Dataset "Ames" is damaged/);
    expect(!read.ok && read.error.message).toMatch(reason);
    expect(await s.datasets.list()).toEqual([meta]);
    expect((await s.datasets.delete(meta.id)).ok).toBe(true);
    expect(await s.datasets.list()).toEqual([]);
  });

  it('leaves unreadable metadata out of the list, refuses its rows, and still deletes it', async () => {
    const s = await idbStorage();
    const good = sample({ hex: 'aaaaaaaaaaaaaaaa' });
    const bad = sample({ hex: 'bbbbbbbbbbbbbbbb' });
    await s.datasets.add(good.meta, good.rows);
    await s.datasets.add(bad.meta, bad.rows);
    await tamper(s, (db) => db.put('datasets', { ...bad.meta, nRows: 'four' }));
    expect(await s.datasets.list()).toEqual([good.meta]);
    expect(await s.datasets.get(bad.meta.id)).toBeNull();
    const read = await s.datasets.rows(bad.meta.id);
    expect(!read.ok && read.error.kind).toBe('damaged');
    const renamed = await s.datasets.rename(bad.meta.id, 'fixed?');
    expect(!renamed.ok && renamed.error.kind).toBe('damaged');
    expect((await s.datasets.delete(bad.meta.id)).ok).toBe(true);
    await tamper(s, async (db) => expect(await db.count('dataset-rows')).toBe(1));
  });

  it('refuses the second of two tabs adding the same data at once', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('same-add');
    const [tabA, tabB] = [await idbStorage(factory, name), await idbStorage(factory, name)];
    const a = sample({ name: 'from A' });
    const b = sample({ name: 'from B' });
    const results = await Promise.all([tabA.datasets.add(a.meta, a.rows), tabB.datasets.add(b.meta, b.rows)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    const refused = results.find((r) => !r.ok);
    expect(!refused?.ok && refused?.error.kind).toBe('conflict');
    expect(await tabA.datasets.list()).toHaveLength(1);
  });
});
