import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { labApi, type SeedStabilityRequest, type SeedStabilityResult } from '../worker/lab-api';
import type { JobProgress } from '../worker/progress';
import { fakeStorageServices } from '../test-support/storage-fakes';
import type { LabSettings } from './lab-settings';
import { stabilityIsCurrent } from './stability-slice';
import { createLabStore } from './store';

/** A fake stability worker: each run waits until the test settles it; cancel rejects it as the bridge does. */
function fakeStability() {
  const runs: { request: SeedStabilityRequest; onProgress: (p: JobProgress) => void; resolve: (r: SeedStabilityResult) => void; reject: (e: Error) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
  const seedStability = vi.fn((request: SeedStabilityRequest, onProgress: (p: JobProgress) => void) => {
    let resolve!: (r: SeedStabilityResult) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<SeedStabilityResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const cancel = vi.fn(() => reject(cancelled()));
    runs.push({ request, onProgress, resolve, reject, cancel });
    return { promise, cancel };
  });
  const store = createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...fakeStorageServices(), seedStability });
  return { store, runs, seedStability };
}

function cancelled(): Error {
  const e = new Error('Cancelled.');
  e.name = 'CancelledError';
  return e;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the stability slice', () => {
  it('runs the typed range with the lab’s current settings, one split per seed, and keeps the answer', async () => {
    const { store, runs } = fakeStability();
    store.getState().change({ weights: 'uniform', testFraction: 0.2 });
    store.getState().setStabilityRange('10', '29');
    store.getState().runStability();
    expect(store.getState().stability.status).toBe('running');
    const { seeds, testFraction, weights, cv } = runs[0].request;
    expect({ seeds, testFraction, weights, cv }).toEqual({ seeds: { from: 10, to: 29 }, testFraction: 0.2, weights: 'uniform', cv: null });
    const result = labApi.seedStability(runs[0].request);
    runs[0].resolve(result);
    await flush();
    expect(store.getState().stability).toMatchObject({ status: 'done', result, request: runs[0].request, running: null, message: null });
    expect(stabilityIsCurrent(store.getState())).toBe(true);
  });

  it('gives, for a range, the same numbers as `npm run learn -- --seeds A-B --json` for the same settings', async () => {
    const { store, runs } = fakeStability();
    store.getState().change({ weights: 'uniform', metric: 'manhattan', features: ['crim', 'rm', 'lstat', 'ptratio'] });
    store.getState().setStabilityRange('100', '299');
    store.getState().runStability();
    runs[0].resolve(labApi.seedStability(runs[0].request));
    await flush();
    const { result } = store.getState().stability;

    const cli = spawnSync(
      process.execPath,
      ['tools/learn.mjs', '--seeds', '100-299', '--weights', 'uniform', '--metric', 'manhattan', '--features', 'crim,rm,lstat,ptratio', '--json'],
      { encoding: 'utf8', cwd: join(__dirname, '../..') },
    );
    expect(cli.status).toBe(0);
    const report = JSON.parse(cli.stdout) as { runs: { seed: number; bestK: number; mse: number; mae: number; r2: number }[]; summary: unknown };
    const fromStore = Array.from(result!.bestK, (bestK, i) => ({ seed: 100 + i, bestK, mse: result!.mse[i], mae: result!.mae[i], r2: result!.r2[i] }));
    expect(fromStore).toEqual(report.runs);
    expect(result!.summary).toEqual(report.summary);
  }, 60_000);

  it('refuses a range that is not whole seeds 0–4294967295, from ≤ to, at most 10,000 — saying what is allowed — and runs nothing', () => {
    const { store, seedStability } = fakeStability();
    const cases: [string, string, RegExp][] = [
      ['-1', '10', /From must be a whole number from 0 to 4,294,967,295; got “-1”/],
      ['0', '1.5', /To must be a whole number from 0 to 4,294,967,295; got “1.5”/],
      ['0', '4294967296', /To must be a whole number/],
      ['', '5', /From must be a whole number .*got “nothing”/],
      ['1e3', '2000', /From must be a whole number/],
      ['20', '10', /From \(20\) is above to \(10\)/],
      ['0', '10000', /0–10000 is 10,001 seeds; at most 10,000 run at a time/],
    ];
    for (const [from, to, message] of cases) {
      store.getState().setStabilityRange(from, to);
      store.getState().runStability();
      expect(store.getState().stability.rangeError).toMatch(message);
      expect(store.getState().stability.status).toBe('idle');
    }
    expect(seedStability).not.toHaveBeenCalled();
    store.getState().setStabilityRange('4294957296', '4294967295');
    expect(store.getState().stability.rangeError).toBeNull();
    store.getState().runStability();
    expect(seedStability).toHaveBeenCalledTimes(1);
    expect(seedStability.mock.calls[0][0].seeds).toEqual({ from: 4_294_957_296, to: 4_294_967_295 });
  });

  it('ignores Run for the run already in flight (a double click), and a different run replaces it: its worker is stopped and only the latest answer shows', async () => {
    const { store, runs, seedStability } = fakeStability();
    store.getState().runStability();
    store.getState().runStability();
    expect(seedStability).toHaveBeenCalledTimes(1);

    store.getState().setStabilityRange('0', '49');
    store.getState().runStability();
    expect(runs[0].cancel).toHaveBeenCalledTimes(1);
    await flush();
    expect(store.getState().stability.status).toBe('running'); // the stopped run's rejection is not this run's answer
    runs[0].onProgress({ fraction: 0.9, label: 'Seed 900 of 1000' });
    expect(store.getState().stability.progress).toBeNull();
    const second = labApi.seedStability(runs[1].request);
    runs[1].resolve(second);
    await flush();
    expect(store.getState().stability).toMatchObject({ status: 'done', result: second });
  });

  it('Cancel stops the run’s worker and says how far it had got; the earlier answer stays', async () => {
    const { store, runs } = fakeStability();
    store.getState().setStabilityRange('0', '9');
    store.getState().runStability();
    const first = labApi.seedStability(runs[0].request);
    runs[0].resolve(first);
    await flush();

    store.getState().setStabilityRange('0', '9999');
    store.getState().runStability();
    runs[1].onProgress({ fraction: 0.4213, label: 'Seed 4213 of 10000' });
    expect(store.getState().stability.progress?.fraction).toBe(0.4213);
    store.getState().cancelStability();
    expect(runs[1].cancel).toHaveBeenCalledTimes(1);
    await flush();
    expect(store.getState().stability).toMatchObject({ status: 'cancelled', message: 'Stopped after 4,213 of 10,000 seeds; nothing is kept from a stopped run.', progress: null, running: null });
    expect(store.getState().stability.result).toBe(first);
  });

  it('Cancel before any progress says so; a failed run says what failed and Run works again', async () => {
    const { store, runs } = fakeStability();
    store.getState().runStability();
    store.getState().cancelStability();
    await flush();
    expect(store.getState().stability.message).toBe('Cancelled before the first progress report; nothing is kept.');
    store.getState().runStability();
    runs[1].reject(new Error('worker crashed'));
    await flush();
    expect(store.getState().stability).toMatchObject({ status: 'error' });
    expect(store.getState().stability.message).toMatch(/worker crashed/);
    store.getState().runStability();
    expect(store.getState().stability.status).toBe('running');
  });

  it('a result belongs to its settings: changing any of them marks it as other settings’, changing the lab’s seed or K-fold choice does not', async () => {
    const { store, runs } = fakeStability();
    store.getState().setStabilityRange('0', '9');
    store.getState().runStability();
    runs[0].resolve(labApi.seedStability(runs[0].request));
    await flush();
    expect(stabilityIsCurrent(store.getState())).toBe(true);
    store.getState().change({ seed: 7, cv: 10 });
    expect(stabilityIsCurrent(store.getState())).toBe(true);
    const changes: Partial<LabSettings>[] = [{ dataset: 'boston-corrected' }, { testFraction: 0.25 }, { weights: 'uniform' }, { scale: 'standard' }, { metric: 'manhattan' }, { features: ['rm', 'lstat'] }];
    for (const change of changes) {
      store.getState().change(change);
      expect(stabilityIsCurrent(store.getState())).toBe(false);
      store.getState().change({ dataset: 'boston', testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: runs[0].request.features });
      expect(stabilityIsCurrent(store.getState())).toBe(true);
    }
  });

  it('a run finishing after the lab’s settings changed is kept, but as other settings’ answer', async () => {
    const { store, runs } = fakeStability();
    store.getState().setStabilityRange('0', '9');
    store.getState().runStability();
    store.getState().change({ weights: 'uniform' });
    runs[0].resolve(labApi.seedStability(runs[0].request));
    await flush();
    expect(store.getState().stability.status).toBe('done');
    expect(store.getState().stability.request?.weights).toBe('distance');
    expect(stabilityIsCurrent(store.getState())).toBe(false);
  });

  it('without a stability worker, Run says it is unavailable instead of failing', () => {
    const store = createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...fakeStorageServices() });
    store.getState().runStability();
    expect(store.getState().stability).toMatchObject({ status: 'error', message: expect.stringMatching(/needs the calculation worker/) });
  });
});

describe('a model saved after a stability run for its settings', () => {
  it('records where its test MSE falls among the seeds’ best MSEs; a model saved for other settings records nothing', async () => {
    const { store, runs } = fakeStability();
    await store.getState().startRegistry();
    store.getState().setStabilityRange('0', '99');
    store.getState().runStability();
    runs[0].resolve(labApi.seedStability(runs[0].request));
    await until(() => store.getState().stability.status === 'done');
    const result = store.getState().stability.result!;
    store.getState().change({ seed: 7 });
    await until(() => store.getState().sweep.status === 'done');
    expect(await store.getState().saveModel('seed seven')).toBe(true);
    const saved = store.getState().registry.entries[0];
    const mse = saved.status === 'ok' ? saved.record.metrics.mse : Number.NaN;
    const lower = Array.from(result.mse).filter((m) => m < mse).length;
    expect(saved.status === 'ok' && saved.record.seedStanding).toEqual({ seeds: { from: 0, to: 99 }, lowerShare: lower / 100 });
    store.getState().change({ weights: 'uniform' });
    await until(() => store.getState().sweep.status === 'done');
    expect(await store.getState().saveModel('uniform')).toBe(true);
    const other = store.getState().registry.entries[0];
    expect(other.status === 'ok' && other.record.seedStanding).toBeUndefined();
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}
