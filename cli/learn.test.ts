import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromTable } from '../src/ml/csv-dataset';
import { readCsv } from '../src/ml/csv-read';
import { loadDataset } from '../src/ml/datasets';
import { fitForSettings } from '../src/ml/fit-settings';
import type { FittedModel } from '../src/ml/model';
import { parseModelFile } from '../src/ml/model-file';
import { reproduceCommand } from '../src/ml/reproduce-command';
import { recordFromDraft } from '../src/storage/model-record';
import { expectParity } from '../src/test-support/parity';
import { goldenCsvCases, goldenCvCases, goldenRadiusCases, goldenSplitCase } from '../src/test-support/sklearn-golden';
import { Sweeper } from '../src/ml/sweep';

// scikit-learn's results for learn's defaults at seed 42, and at seed 7 with --scale standard.
const seed42 = goldenSplitCase('seed42-distance-none');
const seed7Standard = goldenSplitCase('seed7-distance-standard');

// What `npm run learn` runs: the launcher, which rebuilds dist-cli/learn.mjs if any of its sources changed, then the bundle.
const learn = (...args: string[]) => spawnSync(process.execPath, ['tools/learn.mjs', ...args], { encoding: 'utf8', cwd: join(__dirname, '..') });

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

describe('npm run learn on a CSV file of one’s own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'learn-csv-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  // A European spreadsheet export: BOM, semicolons, decimal commas, CRLF, a text column.
  const rows = Array.from({ length: 30 }, (_, i) => `${(150 + i * 7.25).toFixed(2).replace('.', ',')};${(40 + ((i * 13) % 50) + 0.5).toString().replace('.', ',')};${1 + (i % 5)};Stadt ${i % 4}`);
  const good = write('houses.csv', `\uFEFFPreis;Fläche;Zimmer;Ort\r\n${rows.join('\r\n')}\r\n`);
  const oneLine = (run: ReturnType<typeof learn>) => {
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^learn: /);
    return lines[0];
  };

  it('reads a ; file with decimal commas and a BOM as the app would: the same dataset id, fingerprint and scores', async () => {
    const run = learn('--dataset', good, '--target', 'preis', '--seed', '3', '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const read = await readCsv(readFileSync(good, 'utf8'));
    if (!read.ok) throw new Error(read.error);
    const made = datasetFromTable(read.table, { name: 'houses.csv', target: 'Preis', features: ['Fläche', 'Zimmer'], leaveOutBadRows: false });
    if (!made.ok) throw new Error(made.error);
    expect(report.dataset).toEqual({
      name: made.dataset.name, rows: 30, features: ['Fläche', 'Zimmer'], target: 'Preis', sha256: made.dataset.sha256,
      title: 'houses.csv', file: good, delimiter: ';', decimalMark: ',', rowsRead: 30, leftOut: 0, leftOutLines: [],
    });
    const ours = new Sweeper(made.dataset).sweep({ seed: 3, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', features: ['Fläche', 'Zimmer'] });
    expect(report.best.k).toBe(ours.best.k);
    expect(report.best.mse).toBe(ours.best.mse);
    expect(learn('--dataset', good, '--target', 'Preis', '--seed', '3').stdout).toMatch(/^dataset {3}houses\.csv \(csv-[0-9a-f]{16}\): 30 rows, target Preis\nsource {4}.*semicolons between cells, decimal commas; 30 rows read\n/);
  });

  it('sweeps the generated fixture as scikit-learn does', () => {
    const golden = goldenCsvCases().find((c) => c.name === 'csv-seed42-distance-none')!;
    const run = learn('--dataset', 'tools/parity/fixtures/generated.csv', '--target', golden.target, '--seed', String(golden.seed), '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.dataset.features).toEqual(golden.features);
    expect(report.best.k).toBe(golden.best.k);
    expectParity('learn on generated.csv best mse', report.best.mse, golden.best.mse);
  });

  it('refuses a file with bad rows, naming the first one’s line and column and how many, unless told to leave them out', () => {
    const bad = write('bad.csv', `Preis;Fläche;Zimmer;Ort\n${rows.slice(0, 4).join('\n')}\n;55;2;x\n${rows.slice(4, 10).join('\n')}\n170;groß;3;y\n${rows.slice(10).join('\n')}\n`);
    expect(oneLine(learn('--dataset', bad, '--target', 'Preis'))).toBe(
      `learn: --dataset ${bad}: line 6: column “Preis” is blank (2 rows have a blank or unreadable value in the chosen columns; add --drop-bad-rows to leave them out)`,
    );
    const run = learn('--dataset', bad, '--target', 'Preis', '--drop-bad-rows', '--seed', '1', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).dataset).toMatchObject({ rows: 30, rowsRead: 32, leftOut: 2, leftOutLines: [6, 13] });
    // Only the chosen columns count: without Fläche, line 13 is fine.
    const fewer = JSON.parse(learn('--dataset', bad, '--target', 'Preis', '--features', 'zimmer', '--drop-bad-rows', '--seed', '1', '--json').stdout);
    expect(fewer.dataset.leftOutLines).toEqual([6]);
  });

  it('with --columns builds the dataset the app imported and fits the model’s fewer --features on it, as a model saved in the lab does', () => {
    const bad = write('gap.csv', `Preis;Fläche;Zimmer;Ort\n${rows.slice(0, 4).join('\n')}\n170;groß;3;y\n${rows.slice(4).join('\n')}\n`);
    // The import chose Fläche and Zimmer (so line 6, with no Fläche, was left out); the model uses Zimmer only.
    const run = learn('--dataset', bad, '--target', 'Preis', '--columns', 'Fläche,Zimmer', '--features', 'zimmer', '--drop-bad-rows', '--seed', '2', '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.dataset).toMatchObject({ features: ['Fläche', 'Zimmer'], leftOutLines: [6], rows: 30 });
    expect(report.params.features).toEqual(['Zimmer']);
    // Without --columns, --features builds the dataset from Zimmer alone: line 6 stays, so it is another dataset.
    const alone = JSON.parse(learn('--dataset', bad, '--target', 'Preis', '--features', 'zimmer', '--seed', '2', '--json').stdout);
    expect(alone.dataset.rows).toBe(31);
    expect(alone.dataset.name).not.toBe(report.dataset.name);
    expect(oneLine(learn('--dataset', bad, '--target', 'Preis', '--columns', 'Fläche,Zimmer', '--features', 'ort', '--drop-bad-rows'))).toMatch(/^learn: --features must be a comma list of distinct feature codes from Fläche, Zimmer/);
    expect(oneLine(learn('--columns', 'a,b'))).toMatch(/^learn: --columns is for a CSV file of your own/);
  });

  it('reproduces a model the app saved on an imported dataset from its reproduce command, rows left out and all', async () => {
    const bad = write('gap two.csv', `Preis;Fläche;Zimmer;Ort\n${rows.slice(0, 4).join('\n')}\n170;groß;3;y\n${rows.slice(4).join('\n')}\n`);
    const read = await readCsv(readFileSync(bad, 'utf8'));
    if (!read.ok) throw new Error(read.error);
    const made = datasetFromTable(read.table, { name: 'gap two', target: 'Preis', features: ['Fläche', 'Zimmer'], leaveOutBadRows: true });
    if (!made.ok) throw new Error(made.error);
    const settings = { seed: 5, testFraction: 0.2, weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: ['Zimmer'], cv: null, neighbours: 'k' as const };
    const fit = fitForSettings(made.dataset, settings, 4);
    const record = recordFromDraft({ name: 'imported', seed: 5, testFraction: 0.2, metrics: fit.metrics, chosenBy: fit.chosenBy, model: fit.model });
    const command = reproduceCommand({ ...record, version: 7 }, { fileName: bad, target: 'Preis', columns: ['Fläche', 'Zimmer'], leftOutRows: true });
    // The file name has a space and a column an umlaut: both are quoted for the shell.
    const words = [...command.split(' -- ')[1].matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]));
    const out = mkdtempSync(join(tmpdir(), 'reproduce-'));
    const run = learn(...words.map((a) => (a === 'model-v7' ? join(out, 'out') : a)));
    expect(run.status, run.stderr).toBe(0);
    const written = parseModelFile(readFileSync(join(out, 'out', 'model.json'), 'utf8'));
    if (!written.ok) throw new Error('model file did not parse');
    expect(Array.from(written.file.model.trainY)).toEqual(Array.from(record.model.trainY));
    expect(Array.from(written.file.model.trainX)).toEqual(Array.from(record.model.trainX));
    expect(written.file.model.dataset).toEqual(record.model.dataset);
    // Without the dataset here, the command still says what to fill in.
    expect(reproduceCommand({ ...record, version: 7 })).toContain('--dataset FILE.csv --target Preis --columns Zimmer');
  });

  it('refuses a target that is not a column, naming it and the numeric columns there are', () => {
    expect(oneLine(learn('--dataset', good, '--target', 'price'))).toBe(
      `learn: --dataset ${good}: The target “price” is not a column of the file. Its numeric columns: “Preis”, “Fläche”, “Zimmer”.`,
    );
    expect(oneLine(learn('--dataset', good)).startsWith('learn: --target COL is required')).toBe(true);
  });

  it('refuses a header that names __proto__, and an empty or missing file', () => {
    const proto = write('proto.csv', `__proto__,price\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`);
    expect(oneLine(learn('--dataset', proto, '--target', 'price'))).toMatch(/^learn: --dataset .*proto\.csv: The header row \(line 1\) cannot be used: “__proto__” \(column 1\) is a reserved name/);
    expect(oneLine(learn('--dataset', write('empty.csv', ''), '--target', 'price'))).toMatch(/: The file is empty/);
    expect(oneLine(learn('--dataset', join(dir, 'missing.csv'), '--target', 'price'))).toMatch(/missing\.csv: no such file$/);
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
