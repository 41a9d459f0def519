import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createChangeFeed } from './changes';
import { csvCell, toCsv } from './csv';
import type { KnnDb } from './db';
import { openKnnDb } from './db';
import { createMemoryStorage, openStorage, type KnnStorage } from './open-storage';
import type { PredictionRecord } from './repository';
import { testDraft, uniqueDbName } from '../test-support/model-drafts';

const quiet = () => createChangeFeed('unused', null);

/** Minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '+cmd|\' /C calc\'!A0', '-1+1', '@SUM(A1:A9)', '\tTAB', '\rCR', 'say "hi"', 'a,b', 'line\nbreak'];

describe('CSV cells', () => {
  it('neutralises every formula starter and quotes text so it reads back exactly, apostrophe first', () => {
    const csv = toCsv(['text'], HOSTILE.map((t) => [t]));
    const cells = parseCsv(csv).slice(1).map((r) => r[0]);
    expect(cells).toEqual(HOSTILE.map((t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t)));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes numbers bare (negative ones too), text quoted, and empties for missing or non-finite values', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(19.9)).toBe('19.9');
    expect(csvCell('-1.5')).toBe('"\'-1.5"');
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('"a","b"\r\n1,"x"\r\n');
  });
});

async function seed(db: KnnDb, n: number, versionOf: (i: number) => number): Promise<void> {
  const tx = db.transaction('predictions', 'readwrite');
  for (let i = 0; i < n; i++) {
    void tx.store.add({ at: 1_700_000_000_000 + i * 1000, modelVersion: versionOf(i), inputs: { crim: i / 100, rm: 6, lstat: 12 }, priceThousands: 10 + (i % 40) } as Omit<PredictionRecord, 'id'> as PredictionRecord);
  }
  await tx.done;
}

describe('prediction history in IndexedDB with 10,000 entries', () => {
  let storage: KnnStorage;
  const N = 10_000;

  beforeAll(async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('history');
    storage = await openStorage({ factory, name, changes: quiet() });
    const raw = await openKnnDb({ factory, name });
    if (!raw.ok) throw new Error(raw.message);
    await seed(raw.db, N, (i) => 1 + (i % 3));
    raw.db.close();
  });

  it('pages newest first through every entry exactly once, each page seeking straight to its start', async () => {
    expect(await storage.predictions.count()).toBe(N);
    // The cost of a page, shown rather than timed: each one opens its cursor at a key range ending just before the
    // last id shown, so page 100 walks its own 100 rows, where offset paging would step over all earlier ones.
    const opened = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    try {
      const ids: number[] = [];
      const afters: (number | null)[] = [];
      let next: number | null = null;
      do {
        afters.push(next);
        const page: Awaited<ReturnType<KnnStorage['predictions']['page']>> = await storage.predictions.page({ limit: 100, after: next });
        ids.push(...page.items.map((p) => p.id));
        next = page.next;
      } while (next !== null);
      expect(ids).toHaveLength(N);
      expect(new Set(ids).size).toBe(N);
      expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first
      const ranges = opened.mock.calls.map(([range]) => range as IDBKeyRange | null);
      expect(ranges).toHaveLength(afters.length);
      ranges.forEach((range, i) => {
        if (afters[i] === null) expect(range).toBeNull();
        else expect(range).toMatchObject({ upper: afters[i], upperOpen: true });
      });
    } finally {
      opened.mockRestore();
    }
  });

  it('filters by model version, newest first, across pages, and counts per version', async () => {
    const ofTwo: PredictionRecord[] = [];
    let next: number | null = null;
    do {
      const page: Awaited<ReturnType<KnnStorage['predictions']['page']>> = await storage.predictions.page({ modelVersion: 2, limit: 250, after: next });
      ofTwo.push(...page.items);
      next = page.next;
    } while (next !== null);
    expect(await storage.predictions.count(2)).toBe(3333);
    expect(ofTwo).toHaveLength(3333);
    expect(ofTwo.every((p) => p.modelVersion === 2)).toBe(true);
    expect(ofTwo.map((p) => p.at)).toEqual(ofTwo.map((p) => p.at).sort((a, b) => b - a));
  });

  it('clears the whole history (runs last)', async () => {
    expect((await storage.predictions.clear()).ok).toBe(true);
    expect(await storage.predictions.count()).toBe(0);
    expect(await storage.predictions.page()).toEqual({ items: [], next: null });
  });
});

const implementations: [string, () => Promise<KnnStorage>][] = [
  ['IndexedDB', () => openStorage({ factory: new IDBFactory(), name: uniqueDbName('csv'), changes: quiet() })],
  ['memory', async () => createMemoryStorage('test', quiet())],
];

describe.each(implementations)('prediction history (%s)', (_label, open) => {
  it('adds entries with inputs, price, version and time, and pages them newest first', async () => {
    const storage = await open();
    for (let i = 0; i < 7; i++) await storage.predictions.add({ modelVersion: 1 + (i % 2), inputs: { crim: i }, priceThousands: 20 + i, at: 1000 + i });
    const first = await storage.predictions.page({ limit: 3 });
    expect(first.items.map((p) => p.priceThousands)).toEqual([26, 25, 24]);
    expect(first.items[0]).toMatchObject({ at: 1006, modelVersion: 1, inputs: { crim: 6 } });
    const second = await storage.predictions.page({ limit: 3, after: first.next });
    expect(second.items.map((p) => p.priceThousands)).toEqual([23, 22, 21]);
    const last = await storage.predictions.page({ limit: 3, after: second.next });
    expect(last).toMatchObject({ next: null });
    expect(last.items.map((p) => p.priceThousands)).toEqual([20]);
    const ofTwo = await storage.predictions.page({ modelVersion: 2 });
    expect(ofTwo.items.map((p) => p.priceThousands)).toEqual([25, 23, 21]);
  });

  it('refuses to store a prediction with a non-finite input or price', async () => {
    const storage = await open();
    const bad = await storage.predictions.add({ modelVersion: 1, inputs: { crim: Number.NaN }, priceThousands: 20 });
    expect(!bad.ok && bad.error.message).toMatch(/crim must be a finite number/);
    const noPrice = await storage.predictions.add({ modelVersion: 1, inputs: { crim: 1 }, priceThousands: Infinity });
    expect(noPrice.ok).toBe(false);
    expect(await storage.predictions.count()).toBe(0);
  });

  it('exports CSV with numbers as numbers and a hostile model name made harmless', async () => {
    const storage = await open();
    await storage.models.save(testDraft({ name: '=HYPERLINK("http://evil.example","x"), "quoted"\nnext line' }));
    await storage.predictions.add({ modelVersion: 1, inputs: { lstat: 4.98, crim: -0.5, rm: 6.575 }, priceThousands: 24.1, at: Date.UTC(2024, 0, 2, 3, 4, 5) });
    await storage.predictions.add({ modelVersion: 1, inputs: { crim: 1, rm: 7, lstat: 3 }, priceThousands: 30, at: Date.UTC(2024, 0, 3) });
    const csv = (await storage.predictions.exportCsv()).replace(/^\uFEFF/, '');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['id', 'time', 'model_version', 'model_name', 'target', 'predicted_price', 'crim', 'rm', 'lstat']);
    expect(rows[1]).toEqual(['2', '2024-01-03T00:00:00.000Z', '1', '\'=HYPERLINK("http://evil.example","x"), "quoted"\nnext line', 'medv', '30', '1', '7', '3']);
    expect(rows[2].slice(5)).toEqual(['24.1', '-0.5', '6.575', '4.98']);
    // Numbers are bare in the file (a spreadsheet reads them as numbers); the negative one is not neutralised.
    expect(csv.split('\r\n')[2]).toMatch(/,24\.1,-0\.5,6\.575,4\.98$/);
    expect(await storage.predictions.exportCsv(2)).toBe('\uFEFF"id","time","model_version","model_name","target","predicted_price"\r\n');
  });

  it('starts the CSV with a UTF-8 byte-order mark, so spreadsheets read non-ASCII names as UTF-8', async () => {
    const storage = await open();
    await storage.models.save(testDraft({ name: 'Café Zürich 東京' }));
    await storage.predictions.add({ modelVersion: 1, modelName: 'Café Zürich 東京', inputs: { rm: 6 }, priceThousands: 20 });
    const csv = await storage.predictions.exportCsv();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseCsv(csv.slice(1))[1][3]).toBe('Café Zürich 東京');
  });

  it('keeps in each row the model name as it was when the prediction was made', async () => {
    const storage = await open();
    await storage.models.save(testDraft({ name: 'first name' }));
    await storage.predictions.add({ modelVersion: 1, modelName: 'first name', inputs: { rm: 6 }, priceThousands: 20, at: 1 });
    expect((await storage.models.rename(1, { name: 'second name' })).ok).toBe(true);
    await storage.predictions.add({ modelVersion: 1, modelName: 'second name', inputs: { rm: 7 }, priceThousands: 30, at: 2 });
    // A record logged before names were kept falls back to the version's name now.
    await storage.predictions.add({ modelVersion: 1, inputs: { rm: 8 }, priceThousands: 40, at: 3 });
    const rows = parseCsv((await storage.predictions.exportCsv()).slice(1));
    expect(rows.slice(1).map((r) => [r[3], r[5]])).toEqual([['second name', '40'], ['second name', '30'], ['first name', '20']]);
  });

  it('names the target each prediction is of: its own record’s, or for older records the version’s', async () => {
    const storage = await open();
    await storage.models.save(testDraft({ name: 'v1' }));
    await storage.predictions.add({ modelVersion: 1, modelName: 'v1', target: 'sale_price', inputs: { rm: 6 }, priceThousands: 250000, at: 1 });
    await storage.predictions.add({ modelVersion: 1, inputs: { rm: 7 }, priceThousands: 30, at: 2 });
    await storage.predictions.add({ modelVersion: 9, inputs: { rm: 7 }, priceThousands: 31, at: 3 });
    const rows = parseCsv((await storage.predictions.exportCsv()).slice(1));
    expect(rows.slice(1).map((r) => [r[2], r[4], r[5]])).toEqual([['9', '', '31'], ['1', 'medv', '30'], ['1', 'sale_price', '250000']]);
  });

  it('lists the versions that have predictions, deleted ones included, and refuses a filter that is not a version', async () => {
    const storage = await open();
    for (const v of [3, 1, 3, 7, 1]) await storage.predictions.add({ modelVersion: v, inputs: {}, priceThousands: 20 });
    expect(await storage.predictions.versions()).toEqual([1, 3, 7]);
    for (const bad of [Number.NaN, 0, -1, 1.5, Infinity]) {
      await expect(storage.predictions.page({ modelVersion: bad })).rejects.toThrow(RangeError);
      await expect(storage.predictions.count(bad)).rejects.toThrow(/whole number ≥ 1/);
    }
  });
});
