// Model files cross between the app and the terminal: what the app exports, `learn --predict` prices as the app's
// form did; what `learn --out` writes, the app imports and prices as the terminal does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLabStore } from '../src/store/store';
import { fakeStorageServices } from '../src/test-support/storage-fakes';
import { labApi } from '../src/worker/lab-api';

const learn = (...args: string[]) => spawnSync(process.execPath, ['tools/learn.mjs', ...args], { encoding: 'utf8', cwd: join(__dirname, '..') });

async function appWithDefaultModel() {
  const store = createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...fakeStorageServices() });
  await store.getState().startRegistry();
  await store.getState().loadPredictionDefaults('boston');
  return store;
}

/** The form's values as `--input` JSON. */
const inputOf = (texts: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(texts).map(([code, text]) => [code, Number(text)])));

async function predictInApp(store: Awaited<ReturnType<typeof appWithDefaultModel>>) {
  expect(await store.getState().predict()).toBe(true);
  await vi.waitFor(() => expect(store.getState().prediction.result?.calibrating).toBe(false));
  return store.getState().prediction.result!;
}

describe('model files between the app and the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-exchange-'));

  it('a model the app exported predicts in the CLI exactly what the app showed, interval and all', async () => {
    const app = await appWithDefaultModel();
    app.getState().setPredictionField('rm', '7.1');
    const shown = await predictInApp(app);
    const exported = (await app.getState().exportModel(1))!;
    const path = join(dir, exported.fileName);
    writeFileSync(path, exported.text);
    const run = learn('--predict', path, '--input', inputOf(app.getState().prediction.texts), '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = JSON.parse(run.stdout);
    expect(cli.price).toBe(shown.priceThousands);
    expect(cli.interval).toEqual(shown.interval);
    expect(cli.nearestDistance).toBe(shown.nearestDistance);
    expect(cli.neighbours.map((n: { row: number }) => n.row)).toEqual(shown.neighbours.map((n) => n.row));
  });

  it('a model learn --out wrote imports into the app as a new version and predicts what the CLI predicts', async () => {
    const out = join(dir, 'learned');
    expect(learn('--seed', '7', '--scale', 'standard', '--weights', 'uniform', '--out', out).status).toBe(0);
    const path = join(out, 'model.json');
    const text = readFileSync(path, 'utf8');
    const app = await appWithDefaultModel();
    expect(await app.getState().importModelFile({ name: 'model.json', size: text.length, text: async () => text })).toBe(true);
    expect(await app.getState().activateModel(2)).toBe(true);
    const shown = await predictInApp(app);
    expect(shown.version).toBe(2);
    const cli = JSON.parse(learn('--predict', path, '--input', inputOf(app.getState().prediction.texts), '--json').stdout);
    expect(cli.price).toBe(shown.priceThousands);
    expect(cli.interval).toEqual(shown.interval);
  });
});
