import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../src/ml/model-file';
import { expectParity } from '../src/test-support/parity';
import { goldenSplitCase } from '../src/test-support/sklearn-golden';

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
