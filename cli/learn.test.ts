import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/ml/datasets';
import { fitForSettings } from '../src/ml/fit-settings';
import type { FittedModel } from '../src/ml/model';
import { parseModelFile } from '../src/ml/model-file';
import { reproduceCommand } from '../src/ml/reproduce-command';
import { recordFromDraft } from '../src/storage/model-record';
import { expectParity } from '../src/test-support/parity';
import { goldenCvCases, goldenRadiusCases, goldenSplitCase } from '../src/test-support/sklearn-golden';

// scikit-learn's results for learn's defaults at seed 42, and at seed 7 with --scale standard.
const seed42 = goldenSplitCase('seed42-distance-none');
const seed7Standard = goldenSplitCase('seed7-distance-standard');

const learn = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/learn.ts', ...args], { encoding: 'utf8', cwd: join(__dirname, '..') });

describe('npm run learn', () => {
  it('--json prints exactly one JSON object with the golden best k and metrics for seed 42', () => {
    const run = learn('--seed', '42', '--json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['dataset', 'split', 'params', 'best', 'curve']);
    expect(report.split).toEqual({ seed: 42, testSize: 0.1, nTrain: 455, nTest: 51 });
    expect(report.best.k).toBe(seed42.best.k);
    expectParity('learn --seed 42 best mse', report.best.mse, seed42.best.mse);
    expect(report.curve).toHaveLength(454);
    expect(report.curve[0].k).toBe(1);
    expectParity('learn --seed 42 k=1 mse', report.curve[0].mse, seed42.curve.mse[0]);
  });

  it('--json carries tiedRows on every curve entry and on best; the summary names ties at the best k', () => {
    const args = ['--seed', '21', '--features', 'age,rad', '--weights', 'uniform'];
    const report = JSON.parse(learn(...args, '--json').stdout);
    expect(report.curve.every((p: { tiedRows: unknown }) => Number.isInteger(p.tiedRows))).toBe(true);
    const { k, tiedRows } = report.best;
    expect(tiedRows).toBeGreaterThan(0);
    expect(tiedRows).toBe(report.curve[k - 1].tiedRows);
    expect(learn(...args).stdout).toContain(`At k = ${k}, ${tiedRows} of 51 test rows have neighbours tied at the`);
    const exact = learn('--seed', '42');
    expect(exact.stdout).toMatch(/ties\s+none: every k is exact/);
  });

  it('--cv N --json prints the fold means, their spread, the best and the one-SE k, as scikit-learn computes them', () => {
    const golden = goldenCvCases().find((c) => c.name === 'cv10-seed42-distance-none')!;
    const run = learn('--cv', '10', '--seed', '42', '--json');
    expect(run.status).toBe(0);
    const { cv } = JSON.parse(run.stdout);
    expect(Object.keys(cv)).toEqual(['folds', 'seed', 'curve', 'best', 'oneSe']);
    expect(cv.curve).toHaveLength(golden.kMax);
    expect(Object.keys(cv.curve[0])).toEqual(['k', 'mse', 'mseStd', 'mae', 'r2', 'tiedRows']);
    expect(cv.best.k).toBe(golden.best.k);
    expectParity('learn --cv best mse', cv.best.mse, golden.best.mse);
    expectParity('learn --cv best mse std', cv.best.mseStd, golden.best.mseStd);
    expect(cv.oneSe.k).toBe(golden.oneSe.k);
    expect(learn('--cv', '10', '--seed', '42').stdout).toMatch(new RegExp(`one-SE k\\s+${golden.oneSe.k}`));
  });

  it('--radius R1,R2 --json scores radius neighbours at each radius as scikit-learn does, coverage included', () => {
    const golden = goldenRadiusCases()[0];
    const run = learn('--seed', String(golden.seed), '--scale', golden.scale, '--weights', golden.weights, '--radius', golden.radii.join(','), '--json');
    expect(run.status).toBe(0);
    const { radius } = JSON.parse(run.stdout);
    expect(radius.map((p: { radius: number }) => p.radius)).toEqual(golden.radii);
    radius.forEach((p: { coverage: number; mse: number }, i: number) => {
      expect(p.coverage).toBe(golden.byRadius[i].coverage);
      expectParity(`learn --radius ${golden.radii[i]} mse`, p.mse, golden.byRadius[i].mse);
    });
    expect(learn('--radius', '1', '--seed', '42', '--scale', 'standard').stdout).toMatch(/test rows uncovered/);
  });

  it('draws a seed when none is given and reports it', () => {
    const report = JSON.parse(learn('--json', '--k-max', '10').stdout);
    expect(Number.isInteger(report.split.seed)).toBe(true);
    expect(report.curve).toHaveLength(10);
  });

  it('--out writes a model file whose hash checks out and an info file with the same hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'learn-'));
    const run = learn('--seed', '7', '--scale', 'standard', '--out', dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`best k\\s+${seed7Standard.best.k}\\b`));
    const parsed = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    const info = JSON.parse(readFileSync(join(dir, 'model-info.json'), 'utf8'));
    expect(info).toMatchObject({ k: seed7Standard.best.k, seed: 7, testSize: 0.1 });
    expect(parsed.ok && parsed.file.sha256).toBe(info.sha256);
    expectParity('learn --seed 7 --scale standard model-info mse', info.metrics.mse, seed7Standard.best.mse);
  });

  it('--seeds reports every run and a best-k summary', () => {
    const report = JSON.parse(learn('--seeds', '40-44', '--json').stdout);
    expect(report.runs.map((r: { seed: number }) => r.seed)).toEqual([40, 41, 42, 43, 44]);
    expect(report.runs[2]).toMatchObject({ seed: 42, bestK: seed42.best.k });
    expect(Object.values(report.summary.bestK.histogram).reduce((a: number, b) => a + (b as number), 0)).toBe(5);
  });

  it('--rows lists every test row at the best k, with the sweep’s MSE to the last bit; the summary names the largest errors', () => {
    for (const args of [['--seed', '42'], ['--seed', '7', '--scale', 'standard', '--metric', 'manhattan']]) {
      const report = JSON.parse(learn(...args, '--rows', '--json').stdout);
      const rows: { row: number; actual: number; predicted: number }[] = report.rows;
      expect(rows).toHaveLength(report.split.nTest);
      expect(new Set(rows.map((r) => r.row)).size).toBe(rows.length);
      let sse = 0;
      for (const { actual, predicted } of rows) sse += (actual - predicted) ** 2;
      expect(sse / rows.length).toBe(report.best.mse);
    }
    expect(learn('--seed', '42', '--rows').stdout).toMatch(/largest errors at k = 6, 5 of 51 test rows[^\n]*\n\s+row 195: actual 50\.0 \(censored at 50\.0\)/);
    expect(learn('--seeds', '1-3', '--rows').stderr).toBe("learn: --rows lists one split's test rows, so it cannot be combined with --seeds\n");
  });

  it('a bad argument exits 2 with one line on stderr starting "learn:" and no stack trace', () => {
    for (const args of [['--seed', 'x'], ['--test-size', '0.997'], ['--k-max', '455'], ['--features', 'foo'], ['--nope']]) {
      const run = learn(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^learn: /);
    }
  });
});

describe('a saved model’s reproduce command', () => {
  it.each([
    ['a split at a selected k', { cv: null, neighbours: 'k' as const }, 9, undefined],
    ['10-fold cross-validation, refitted on every row', { cv: 10, neighbours: 'k' as const }, undefined, undefined],
    ['radius neighbours at a chosen radius', { cv: null, neighbours: 'radius' as const }, undefined, 1.75],
  ])('writes the very model the app saved: %s', (_what, mode, k, radius) => {
    const settings = { seed: 11, testFraction: 0.2, weights: 'uniform' as const, scale: 'standard' as const, metric: 'manhattan' as const, features: ['crim', 'rm', 'ptratio', 'lstat'], ...mode };
    const fit = fitForSettings(loadDataset('boston'), settings, k, radius);
    const record = recordFromDraft({ name: 'saved', seed: settings.seed, testFraction: settings.testFraction, metrics: fit.metrics, chosenBy: fit.chosenBy, model: fit.model });
    const command = reproduceCommand({ ...record, version: 4 });
    const args = command.split(' -- ')[1].split(' ');
    const dir = mkdtempSync(join(tmpdir(), 'reproduce-'));
    const run = learn(...args.map((a) => (a === 'model-v4' ? join(dir, 'out') : a)));
    expect(run.status, run.stderr).toBe(0);
    const written = parseModelFile(readFileSync(join(dir, 'out', 'model.json'), 'utf8'));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const pick = (m: FittedModel) => ({ k: m.k, radius: m.radius, weights: m.weights, metric: m.metric, scale: m.scale, features: m.features, scaler: m.scaler, trainRows: Array.from(m.trainRows), trainY: Array.from(m.trainY), trainX: Array.from(m.trainX) });
    expect(pick(written.file.model)).toEqual(pick(record.model));
  });
});
