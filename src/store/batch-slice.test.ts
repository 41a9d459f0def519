import { describe, expect, it, vi } from 'vitest';
import { BATCH_OUTPUT_COLUMNS, type BatchOutcome } from '../ml/batch-predict';
import { loadDataset } from '../ml/datasets';
import { predictOne } from '../ml/model';
import { MAX_BATCH_CSV_CHARS } from '../storage/batches';
import { createMemoryStorage } from '../storage/open-storage';
import { labApi } from '../worker/lab-api';
import { testDraft } from '../test-support/model-drafts';
import { fakeBatchServices, fakeStorageServices } from '../test-support/storage-fakes';
import type { BatchServices } from './services';
import { createLabStore } from './store';

const flush = () => new Promise((r) => setTimeout(r, 0));
const settle = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await flush();
  expect(check()).toBe(true);
};

function batchStore(batch: BatchServices = fakeBatchServices()) {
  const storage = fakeStorageServices(createMemoryStorage('test'));
  const services = { ...storage, sweep: async () => { throw new Error('no sweeps here'); }, cancel: () => {}, now: () => 0, batchPredict: vi.fn(batch.batchPredict) };
  return { store: createLabStore(services), storage: storage.store, services };
}

/** A job that answers only when told: to act while a batch runs. */
function heldJob() {
  let answer!: (outcome: BatchOutcome) => void;
  let stop!: (error: Error) => void;
  const promise = new Promise<BatchOutcome>((resolve, reject) => {
    answer = resolve;
    stop = reject;
  });
  const cancel = vi.fn(() => stop(Object.assign(new Error('Cancelled.'), { name: 'CancelledError' })));
  return { job: { promise, cancel }, answer };
}

const boston = loadDataset('boston');
const CODES = boston.features.map((f) => f.code);

/** Boston's rows as a CSV (features then medv); data row i is on file line i + 2. `edit` changes cells by row. */
function bostonCsv(edit: (row: number, cells: string[]) => void = () => {}): string {
  const lines = [[...CODES, 'medv'].join(',')];
  for (let i = 0; i < boston.nRows; i++) {
    const cells = [...Array.from(boston.x.subarray(i * boston.nFeatures, (i + 1) * boston.nFeatures), String), String(boston.y[i])];
    edit(i, cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Rows 10 and 100 (lines 12 and 102) cannot be priced: a blank CRIM and an RM that is not a number. */
const twoBad = () =>
  bostonCsv((row, cells) => {
    if (row === 10) cells[CODES.indexOf('crim')] = '';
    if (row === 100) cells[CODES.indexOf('rm')] = 'lots';
  });

const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

const started = async (store: ReturnType<typeof batchStore>['store']) => {
  await store.getState().startRegistry();
  expect(store.getState().registry.active).not.toBeNull();
};

describe('predicting a file in the store', () => {
  it('keeps a batch with two bad rows as ONE History entry with the right counts, and its CSV downloads again identical', async () => {
    const { store, storage } = batchStore();
    await started(store);
    await store.getState().predictFile(file('boston-two-bad.csv', twoBad()));

    const { batch } = store.getState();
    expect(batch.error).toBeNull();
    const result = batch.result!;
    expect(result).toMatchObject({ rows: 506, predicted: 504, refusedCount: 2, modelVersion: 1, level: store.getState().prediction.level, downloadName: 'boston-two-bad-predictions.csv' });
    expect(result.refused.map((r) => r.line)).toEqual([12, 102]);
    expect(result.refused[0].reason).toMatch(/^CRIM is required/);
    expect(result.refused[1].reason).toMatch(/^RM must be a number.*“lots” is not a number/);
    // One row out per row in, the input's columns and then the six the batch adds.
    const lines = result.csv.trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(507);
    expect(lines[0].split(',')).toEqual([...CODES, 'medv', ...BATCH_OUTPUT_COLUMNS]);
    // The price in the file is the active model's price for that row.
    const model = store.getState().registry.active!.model;
    const first = lines[1].split(',');
    expect(Number(first[CODES.length + 1])).toBe(predictOne(model, boston.x.subarray(0, boston.nFeatures)).priceThousands);

    // One entry, not 506 logged predictions.
    expect(await storage.predictions.count()).toBe(0);
    const kept = await storage.batches.list();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ fileName: 'boston-two-bad.csv', rows: 506, predicted: 504, refused: 2, outOfRange: result.outOfRange, modelVersion: 1, modelName: result.modelName });
    expect(result.historyId).toBe(kept[0].id);
    expect(store.getState().batch.notice?.text).toMatch(/Kept in History/);

    await store.getState().loadBatches();
    expect(store.getState().history.batches.map((b) => b.id)).toEqual([kept[0].id]);
    expect(await store.getState().downloadBatch(kept[0].id)).toEqual({ fileName: 'boston-two-bad-predictions.csv', text: result.csv });
  });

  it('refuses a file when no model is active, saying so, and starts nothing and keeps nothing', async () => {
    const { store, storage, services } = batchStore();
    await store.getState().predictFile(file('boston.csv', bostonCsv()));
    expect(store.getState().batch.error).toMatch(/No usable model is active.*Activate a model in Models/);
    expect(store.getState().batch.result).toBeNull();
    expect(services.batchPredict).not.toHaveBeenCalled();
    expect(await storage.batches.list()).toEqual([]);
  });

  it('keeps nothing when cancelled mid-run, stops the job’s worker and says so', async () => {
    const held = heldJob();
    const { store, storage, services } = batchStore({ batchPredict: () => held.job });
    await started(store);
    const running = store.getState().predictFile(file('boston.csv', bostonCsv()));
    // Mid-run: the job is in its worker, past the intervals' calibration.
    await settle(() => services.batchPredict.mock.calls.length === 1);
    store.getState().cancelBatch();
    await running;
    expect(held.job.cancel).toHaveBeenCalledTimes(1);
    expect(store.getState().batch).toMatchObject({ phase: 'idle', result: null, error: null });
    expect(store.getState().batch.notice?.text).toMatch(/Cancelled “boston.csv”: nothing was predicted or kept/);
    expect(await storage.batches.list()).toEqual([]);
  });

  it('refuses a file without the model’s feature columns, naming the missing ones, and keeps nothing', async () => {
    const { store, storage } = batchStore();
    await started(store);
    await store.getState().predictFile(file('three.csv', 'crim,zn,rm\n0.1,0,6\n'));
    const { error, result } = store.getState().batch;
    expect(result).toBeNull();
    const missing = CODES.filter((c) => !['crim', 'zn', 'rm'].includes(c));
    expect(missing.length).toBeGreaterThan(0);
    for (const code of missing) expect(error).toContain(code);
    expect(error).toMatch(/Nothing was predicted or kept/);
    expect(await storage.batches.list()).toEqual([]);
  });

  it('a second file picked while one runs stops the first; only the second is kept', async () => {
    const held = heldJob();
    const real = fakeBatchServices();
    const jobs = [() => held.job, real.batchPredict];
    const { store, storage, services } = batchStore({ batchPredict: (request, onProgress) => jobs.shift()!(request, onProgress) });
    await started(store);
    const first = store.getState().predictFile(file('first.csv', bostonCsv()));
    await settle(() => services.batchPredict.mock.calls.length === 1);
    const second = store.getState().predictFile(file('second.csv', twoBad()));
    expect(held.job.cancel).toHaveBeenCalledTimes(1);
    expect(store.getState().batch.notice?.text).toMatch(/Stopped “first.csv” to predict “second.csv”/);
    await Promise.all([first, second]);
    expect(store.getState().batch.result?.fileName).toBe('second.csv');
    expect((await storage.batches.list()).map((b) => b.fileName)).toEqual(['second.csv']);
  });

  it('a batch that finishes after another model was activated is shown and kept as the model that made it', async () => {
    const held = heldJob();
    const { store, storage, services } = batchStore({ batchPredict: () => held.job });
    await started(store);
    const v1 = store.getState().registry.active!;
    const running = store.getState().predictFile(file('boston.csv', bostonCsv()));
    await settle(() => services.batchPredict.mock.calls.length === 1);
    const saved = await storage.models.save(testDraft({ name: 'three features' }));
    expect(saved.ok && (await store.getState().activateModel(saved.value.version))).toBe(true);
    expect(store.getState().registry.active?.version).not.toBe(v1.version);
    // The job was given version 1's model, so its answer is version 1's.
    held.answer(await labApi.batchPredict({ model: v1.model, intervals: labApi.modelIntervals(v1.model), level: 0.9, input: bostonCsv(), features: [] }));
    await running;
    expect(store.getState().batch.result).toMatchObject({ modelVersion: v1.version, modelName: v1.name });
    expect((await storage.batches.list()).map((b) => [b.modelVersion, b.modelName])).toEqual([[v1.version, v1.name]]);
  });

  it('offers an output too large to keep for download, says why it was not kept, and keeps nothing', async () => {
    const huge = 'x'.repeat(MAX_BATCH_CSV_CHARS + 1);
    const { store, storage } = batchStore({
      batchPredict: () => ({ promise: Promise.resolve({ ok: true, csv: huge, rows: 1, predicted: 1, refused: [], outOfRange: 0, columns: ['crim'] }), cancel: () => {} }),
    });
    await started(store);
    await store.getState().predictFile(file('big.csv', bostonCsv()));
    expect(store.getState().batch.result?.csv.length).toBe(huge.length);
    expect(store.getState().batch.result?.historyId).toBeNull();
    expect(store.getState().batch.notice).toMatchObject({ tone: 'error', text: expect.stringMatching(/History keeps results up to 50 MB.*Download them now/) });
    expect(await storage.batches.list()).toEqual([]);
  });

  it('refuses a file over 100 MB before any work starts', async () => {
    const { store, services } = batchStore();
    await started(store);
    await store.getState().predictFile({ name: 'huge.csv', size: 101 * 1024 * 1024 } as File);
    expect(store.getState().batch.error).toMatch(/^The file is 101 MB; files up to 100 MB can be read/);
    expect(services.batchPredict).not.toHaveBeenCalled();
  });

  it('the worker’s batch job refuses a Blob over 100 MB without reading it', async () => {
    const { store } = batchStore();
    await started(store);
    const model = store.getState().registry.active!.model;
    const read = vi.fn(async () => '');
    const huge = { size: 100 * 1024 * 1024 + 1, text: read } as unknown as Blob;
    const outcome = await labApi.batchPredict({ model, intervals: labApi.modelIntervals(model), level: 0.9, input: huge, features: [] });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^The file is 100.1 MB; files up to 100 MB can be read/) });
    expect(read).not.toHaveBeenCalled();
  });

  it('“Clear history” removes kept batches along with logged predictions', async () => {
    const { store, storage } = batchStore();
    await started(store);
    await store.getState().predictFile(file('boston.csv', bostonCsv()));
    await storage.predictions.add({ modelVersion: 1, inputs: { crim: 1 }, priceThousands: 20 });
    await store.getState().loadBatches();
    expect(store.getState().history.batches).toHaveLength(1);
    expect(await store.getState().clearHistory()).toBe(true);
    expect(await storage.batches.list()).toEqual([]);
    expect(await storage.predictions.count()).toBe(0);
    expect(store.getState().history.batches).toEqual([]);
  });
});
