import { describe, expect, it, vi } from 'vitest';
import { csvImport } from '../worker/csv-import';
import { labApi, type SweepRequest } from '../worker/lab-api';
import { fakeStorageServices } from '../test-support/storage-fakes';
import type { ImportServices } from './services';
import { createLabStore } from './store';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** The import worker run in-process; sweeps go to the lab API, which is given imported rows as a worker would be. */
function importStore(parse: ImportServices['parseCsv'] = (file, onProgress) => ({ promise: csvImport.parseCsv(file, onProgress), cancel: () => {} })) {
  const storage = fakeStorageServices();
  const sweeps: SweepRequest[] = [];
  const services = {
    ...storage,
    parseCsv: vi.fn(parse),
    importIssues: async (choice: Parameters<ImportServices['importIssues']>[0]) => csvImport.importIssues(choice),
    finishImport: async (choice: Parameters<ImportServices['finishImport']>[0]) => csvImport.finishImport(choice),
    sweep: async (request: SweepRequest) => {
      sweeps.push(request);
      if (request.dataset.startsWith('csv-')) {
        const meta = await storage.store.datasets.get(request.dataset);
        const rows = await storage.store.datasets.rows(request.dataset);
        if (!meta || !rows.ok) throw new Error('not stored');
        labApi.registerDataset({ id: meta.id, title: meta.name, features: meta.features, target: meta.target, x: rows.value.x, y: rows.value.y, sha256: meta.sha256 });
      }
      return labApi.sweep(request);
    },
    cancel: () => {},
    now: () => 0,
  };
  return { store: createLabStore(services), services, storage: storage.store, sweeps };
}

function csvFile(name: string, lines: string[]): File {
  return new File([`${lines.join('\n')}\n`], name, { type: 'text/csv' });
}

const rows = (n: number, blankAt: number[] = []) =>
  Array.from({ length: n }, (_, i) => `${50 + ((i * 17) % 90)};${1 + (i % 5)};${blankAt.includes(i) ? '' : String((i * 7) % 60)};${100 + i * 3},5`);

const settle = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await flush();
  expect(check()).toBe(true);
};

describe('importing a CSV in the store', () => {
  it('refuses a file over 100 MB before any parsing starts, and stores nothing', async () => {
    const { store, services, storage } = importStore();
    store.getState().startImport({ name: 'huge.csv', size: 101 * 1024 * 1024 } as File);
    expect(services.parseCsv).not.toHaveBeenCalled();
    expect(store.getState().importing.error).toMatch(/100 MB/);
    expect(await storage.datasets.list()).toEqual([]);
  });

  it('leaves out rows with blank values only with consent; then stores the dataset and opens the lab on it', async () => {
    const { store, storage, sweeps } = importStore();
    store.getState().startImport(csvFile('gaps.csv', ['area;rooms;age;price', ...rows(30, [2, 9])]));
    await settle(() => store.getState().importing.issues !== null);
    const { importing } = store.getState();
    expect([importing.target, importing.features]).toEqual(['price', ['area', 'rooms', 'age']]);
    expect(importing.issues).toMatchObject({ problem: null, badRows: 2, usableRows: 28, listed: [{ line: 4 }, { line: 11 }] });

    expect(await store.getState().acceptImport(false)).toBeNull();
    expect(store.getState().importing.error).toMatch(/2 rows of 30/);
    expect(await storage.datasets.list()).toEqual([]);

    const id = await store.getState().acceptImport(true);
    expect(id).toMatch(/^csv-[0-9a-f]{16}$/);
    const [meta] = await storage.datasets.list();
    expect(meta).toMatchObject({ id, name: 'gaps', fileName: 'gaps.csv', nRows: 28, features: ['area', 'rooms', 'age'], target: 'price', source: { delimiter: ';', leftOutLines: [4, 11], leftOutCount: 2 } });
    const { settings, datasets } = store.getState();
    expect(settings).toMatchObject({ dataset: id, features: ['area', 'rooms', 'age'], k: null, kMax: null });
    expect(datasets.catalogue.get(id!)).toMatchObject({ title: 'gaps', nRows: 28, builtIn: false });
    await settle(() => store.getState().sweep.status === 'done');
    expect(sweeps.at(-1)?.dataset).toBe(id);
    expect(store.getState().sweep.result?.nTrain).toBe(25);
  });

  it('refuses a header naming __proto__ and changes nothing stored', async () => {
    const { store, storage } = importStore();
    const before = await storage.models.list();
    store.getState().startImport(csvFile('evil.csv', ['a,__proto__,price', ...Array.from({ length: 12 }, (_, i) => `${i},${i},${i}`)]));
    await settle(() => store.getState().importing.phase === 'idle' && store.getState().importing.error !== null);
    expect(store.getState().importing.error).toContain('__proto__');
    expect(await storage.datasets.list()).toEqual([]);
    expect(await storage.models.list()).toEqual(before);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('refuses fewer than 10 data rows before the columns are chosen', async () => {
    const { store } = importStore();
    store.getState().startImport(csvFile('few.csv', ['a,price', '1,2', '3,4']));
    await settle(() => store.getState().importing.error !== null);
    expect(store.getState().importing).toMatchObject({ phase: 'idle', error: 'The file has 2 data rows; a dataset needs at least 10.' });
  });

  it('cancels a parse by stopping its job; a late answer from it is ignored', async () => {
    let answer!: (read: Awaited<ReturnType<typeof csvImport.parseCsv>>) => void;
    const cancel = vi.fn();
    const { store, storage } = importStore(() => ({ promise: new Promise((resolve) => (answer = resolve)), cancel }));
    const file = csvFile('slow.csv', ['a;price', ...rows(12)]);
    store.getState().startImport(file);
    expect(store.getState().importing.phase).toBe('parsing');
    store.getState().cancelImport();
    expect(cancel).toHaveBeenCalledOnce();
    expect(store.getState().importing).toMatchObject({ phase: 'idle', notice: { text: 'Import of “slow.csv” cancelled; nothing was stored.' } });
    answer(await csvImport.parseCsv(file));
    await flush();
    expect(store.getState().importing.phase).toBe('idle');
    expect(await storage.datasets.list()).toEqual([]);
  });

  it('imports the same data twice as one dataset, and says it is already there', async () => {
    const { store, storage } = importStore();
    for (const name of ['one.csv', 'two.csv']) {
      store.getState().startImport(csvFile(name, ['area;rooms;price', ...rows(15).map((r) => r.split(';').filter((_, i) => i !== 2).join(';'))]));
      await settle(() => store.getState().importing.issues !== null);
      await store.getState().acceptImport(false);
    }
    expect(await storage.datasets.list()).toHaveLength(1);
    expect(store.getState().importing.notice?.text).toMatch(/already stored as dataset "one"/);
  });

  it('moves the lab back to Boston, saying why, when the dataset it is on is deleted (here or in another tab)', async () => {
    const { store, storage } = importStore();
    store.getState().startImport(csvFile('gone.csv', ['area;rooms;price', ...rows(15).map((r) => r.split(';').filter((_, i) => i !== 2).join(';'))]));
    await settle(() => store.getState().importing.issues !== null);
    const id = (await store.getState().acceptImport(false))!;
    expect(store.getState().settings.dataset).toBe(id);
    // Another tab deletes it: the change feed reaches this store.
    expect((await storage.datasets.delete(id)).ok).toBe(true);
    await settle(() => store.getState().settings.dataset === 'boston');
    expect(store.getState().settings.features).toHaveLength(13);
    expect(store.getState().linkProblems.at(-1)).toMatch(/is not in this browser; the lab is back on Boston/);
  });

  it('saves and predicts with a dataset whose columns are called toString and valueOf, and logs the prediction under the target', async () => {
    const { store, storage } = importStore();
    await store.getState().startRegistry();
    const lines = ['toString;valueOf;hasOwnProperty', ...Array.from({ length: 40 }, (_, i) => `${i % 9};${(i * 7) % 13};${1000 + i * 10}`)];
    store.getState().startImport(csvFile('odd.csv', lines));
    await settle(() => store.getState().importing.issues !== null);
    const id = (await store.getState().acceptImport(false))!;
    await settle(() => store.getState().sweep.status === 'done' && store.getState().sweep.request?.dataset === id);
    expect(await store.getState().saveModel('odd columns')).toBe(true);
    const saved = store.getState().registry.entries.find((e) => e.status === 'ok' && e.record.name === 'odd columns')!;
    expect(await store.getState().activateModel(saved.version)).toBe(true);
    await store.getState().loadPredictionDefaults(id);
    expect(Object.keys(store.getState().prediction.texts).sort()).toEqual(['toString', 'valueOf']);
    store.getState().setPredictionField('toString', '4');
    expect(await store.getState().predict()).toBe(true);
    const result = store.getState().prediction.result!;
    expect(Number.isFinite(result.priceThousands)).toBe(true);
    expect(result.inputs).toEqual({ toString: 4, valueOf: Number(store.getState().prediction.texts.valueOf) });
    const [logged] = (await storage.predictions.page()).items;
    expect(logged).toMatchObject({ target: 'hasOwnProperty', modelName: 'odd columns' });
    // A field left empty is refused by its own name, not read from Object.prototype.
    store.getState().setPredictionField('valueOf', '');
    expect(await store.getState().predict()).toBe(false);
    expect(store.getState().prediction.errors.valueOf).toMatch(/^VALUEOF is required/);
  });
});
