import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../src/ml/model-file';
import { GOLDEN_SWEEPS, closeRelative } from '../src/ml/test-support';

const learn = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/learn.ts', ...args], { encoding: 'utf8', cwd: join(__dirname, '..') });

describe('npm run learn', () => {
  it('--json prints exactly one JSON object with the golden best k and metrics for seed 42', () => {
    const run = learn('--seed', '42', '--json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['dataset', 'split', 'params', 'best', 'curve']);
    expect(report.split).toEqual({ seed: 42, testSize: 0.1, nTrain: 455, nTest: 51 });
    expect(report.best.k).toBe(GOLDEN_SWEEPS[0].bestK);
    expect(closeRelative(report.best.mse, GOLDEN_SWEEPS[0].mse)).toBe(true);
    expect(report.curve).toHaveLength(454);
    expect(report.curve[0].k).toBe(1);
    expect(closeRelative(report.curve[0].mse, GOLDEN_SWEEPS[0].mseAt1)).toBe(true);
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
    expect(run.stdout).toMatch(/best k\s+5/);
    const parsed = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    const info = JSON.parse(readFileSync(join(dir, 'model-info.json'), 'utf8'));
    expect(info).toMatchObject({ k: 5, seed: 7, testSize: 0.1 });
    expect(parsed.ok && parsed.file.sha256).toBe(info.sha256);
    expect(closeRelative(info.metrics.mse, GOLDEN_SWEEPS[3].mse)).toBe(true);
  });

  it('--seeds reports every run and a best-k summary', () => {
    const report = JSON.parse(learn('--seeds', '40-44', '--json').stdout);
    expect(report.runs.map((r: { seed: number }) => r.seed)).toEqual([40, 41, 42, 43, 44]);
    expect(report.runs[2]).toMatchObject({ seed: 42, bestK: 6 });
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
