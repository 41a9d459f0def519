import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_OUTPUT_COLUMNS } from '../src/ml/batch-predict';
import { FEATURE_CODES } from '../src/ml/dataset-meta';
import { loadDataset } from '../src/ml/datasets';
import { explainPrediction } from '../src/ml/explain';
import { modelIntervals } from '../src/ml/intervals';
import { fitModel } from '../src/ml/model';
import { modelFileFrom, parseModelFile, serialiseModelFile, type ModelFile } from '../src/ml/model-file';

// What `npm run learn` runs: the launcher, which rebuilds dist-cli/learn.mjs if any of its sources changed, then the bundle.
const learn = (...args: string[]) => spawnSync(process.execPath, ['tools/learn.mjs', ...args], { encoding: 'utf8', cwd: join(__dirname, '..') });

const boston = loadDataset('boston');
const bostonRow = (r: number) => Array.from(boston.x.subarray(r * 13, (r + 1) * 13));
const houseOf = (values: readonly number[]) => Object.fromEntries(FEATURE_CODES.map((code, c) => [code, values[c]]));
// A house like Boston's row 0, and one far from every training row.
const near = bostonRow(0).map((v, c) => ({ crim: 0.1, rm: 6.2 } as Record<string, number>)[FEATURE_CODES[c]] ?? v);
const far = near.map((v, c) => ({ crim: 95, zn: 100, tax: 700, lstat: 40 } as Record<string, number>)[FEATURE_CODES[c]] ?? v);

describe('learn --predict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'learn-predict-'));
  const modelPath = join(dir, 'model.json');
  let file: ModelFile;

  beforeAll(() => {
    // The model file `learn --out` writes is the one every test predicts with.
    const run = learn('--seed', '42', '--scale', 'standard', '--out', dir);
    expect(run.status).toBe(0);
    const parsed = parseModelFile(readFileSync(modelPath, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    file = parsed.file;
  });

  const explained = (values: readonly number[], level: 0.8 | 0.9 | 0.95 = 0.9) => {
    const result = explainPrediction(file.model, file.intervals, values, level);
    if (!result.ok) throw new Error(result.reason);
    return result.prediction;
  };

  it('--input prints the price in $1000s with its interval, and a line when the house is unlike the training data', () => {
    const run = learn('--predict', modelPath, '--input', JSON.stringify(houseOf(near)));
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const p = explained(near);
    expect(p.outOfRange).toBe(false);
    expect(run.stdout).toBe(`${p.price.toFixed(1)}  (90 % interval ${p.interval!.low.toFixed(1)} – ${p.interval!.high.toFixed(1)})\n`);

    const away = learn('--predict', modelPath, '--input', JSON.stringify(houseOf(far)), '--level', '95');
    expect(away.status).toBe(0);
    const q = explained(far, 0.95);
    expect(q.outOfRange).toBe(true);
    const lines = away.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${q.price.toFixed(1)}  (95 % interval ${q.interval!.low.toFixed(1)} – ${q.interval!.high.toFixed(1)})`);
    expect(lines[1]).toBe(`unlike the training data: nearest row at ${Number(q.nearestDistance.toPrecision(3))}; 95 % of training rows have a neighbour within ${Number(q.outOfRangeDistance.toPrecision(3))}`);
    // Then the features outside the training range, as the form warns of them.
    expect(lines.slice(2).every((line) => /^[a-z]+ [\d.]+: Outside the training range /.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith('crim 95: '))).toBe(true);
  });

  it('--json prints exactly one JSON object whose values are explainPrediction’s on the parsed model file', () => {
    for (const [values, level] of [[near, '90'], [far, '80']] as const) {
      const run = learn('--predict', modelPath, '--input', JSON.stringify(houseOf(values)), '--json', '--level', level);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(Object.keys(report)).toEqual(['price', 'interval', 'nearestDistance', 'outOfRangeDistance', 'outOfRange', 'neighbours']);
      const p = explained(values, (Number(level) / 100) as 0.8 | 0.9);
      expect(report).toEqual({ price: p.price, interval: p.interval, nearestDistance: p.nearestDistance, outOfRangeDistance: p.outOfRangeDistance, outOfRange: p.outOfRange, neighbours: p.neighbours });
      expect(Object.keys(report.neighbours[0])).toEqual(['row', 'distance', 'target', 'weight', 'shares']);
      expect(report.neighbours).toHaveLength(file.model.k);
    }
  });

  it('reads feature names ignoring case and numbers given as strings', () => {
    const loose = Object.fromEntries(FEATURE_CODES.map((code, c) => [c % 2 ? code.toUpperCase() : code, c === 0 ? String(near[c]) : near[c]]));
    const run = learn('--predict', modelPath, '--input', JSON.stringify(loose), '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).price).toBe(explained(near).price);
  });

  it('a tampered model file exits 2 with one line naming the file and the hash mismatch', () => {
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(modelPath, 'utf8').replace(/"name": "[^"]*"/, '"name": "renamed"'));
    const run = learn('--predict', tampered, '--input', JSON.stringify(houseOf(near)));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^learn: --predict ${tampered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256: the file has been altered: its content hashes to [0-9a-f]{12}…, the file says [0-9a-f]{12}…\n$`));
  });

  it('a missing model file, or one that is not a model, exits 2 saying so', () => {
    expect(learn('--predict', join(dir, 'none.json'), '--input', '{}').stderr).toBe(`learn: --predict ${join(dir, 'none.json')}: no such file\n`);
    const notModel = join(dir, 'not-model.json');
    writeFileSync(notModel, '{"hello": 1}');
    const run = learn('--predict', notModel, '--input', '{}');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`learn: --predict ${notModel}: not a model file: "schema" must be "knn-lab/model"\n`);
  });

  it('--input with a missing feature, an unknown one or a value that is not a number exits 2 naming it', () => {
    const { rm: _rm, ...noRm } = houseOf(near);
    const cases: [object | string, string | RegExp][] = [
      [noRm, 'learn: --input has no value for rm; the model needs every one of its features: crim, zn, indus, chas, nox, rm, age, dis, rad, tax, ptratio, b, lstat\n'],
      [{ ...houseOf(near), price: 24 }, 'learn: --input: unknown feature "price"; the model\'s features are crim, zn, indus, chas, nox, rm, age, dis, rad, tax, ptratio, b, lstat\n'],
      [{ ...houseOf(near), crim: 'abc' }, 'learn: --input: CRIM must be a number ≥ 0; “abc” is not a number.\n'],
      [{ ...houseOf(near), crim: null }, 'learn: --input: crim must be a number, got null\n'],
      [{ ...houseOf(near), zn: 150, chas: 2 }, 'learn: --input: ZN must be a number from 0 to 100; got “150”. CHAS must be 0 (no) or 1 (yes).\n'],
      ['{"crim": ', /^learn: --input must be a JSON object such as '\{"crim": 1\.5, \.\.\.\}': .+\n$/],
    ];
    for (const [input, stderr] of cases) {
      const run = learn('--predict', modelPath, '--input', typeof input === 'string' ? input : JSON.stringify(input));
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      if (typeof stderr === 'string') expect(run.stderr).toBe(stderr);
      else expect(run.stderr).toMatch(stderr);
    }
  });

  it('a radius model with no training row near enough exits 3 with the reason', () => {
    const model = { ...fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] }, 1), radius: 0.5 };
    const radiusPath = join(dir, 'radius.json');
    const source = { name: 'radius 0.5', note: '', createdAt: 0, seed: 42, testFraction: 0.1, metrics: { mse: 1, rmse: 1, mae: 1, r2: 0 }, model };
    writeFileSync(radiusPath, serialiseModelFile(modelFileFrom(source, modelIntervals(model))));
    const run = learn('--predict', radiusPath, '--input', JSON.stringify(houseOf(far)));
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^learn: cannot price this house: no training row lies within the model's radius \(0\.5000\); the nearest is at [\d.]+\n$/);
  });

  describe('--input-csv', () => {
    const header = ['address', ...FEATURE_CODES, 'known price'];
    const rows = [0, 1, 2, 3, 4].map((r) => [`${r + 1} Elm St, Apt "${r}"`, ...bostonRow(r).map(String), String(boston.y[r])]);
    rows[1][1 + FEATURE_CODES.indexOf('crim')] = 'abc';
    rows[3][1 + FEATURE_CODES.indexOf('rm')] = '';
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const csvText = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
    const housesPath = () => {
      const path = join(dir, 'houses.csv');
      writeFileSync(path, csvText);
      return path;
    };
    const stderrLines = ['learn: line 3: CRIM must be a number ≥ 0; “abc” is not a number.', 'learn: line 5: RM is required: enter a number > 0.'];

    it('with two bad rows exits 3: a row out per row in, in order, extra columns unchanged, the reasons in error and on stderr', () => {
      const run = learn('--predict', modelPath, '--input-csv', housesPath());
      expect(run.status).toBe(3);
      expect(run.stderr.trimEnd().split('\n')).toEqual(stderrLines);
      const out = Papa.parse<string[]>(run.stdout, { skipEmptyLines: true }).data;
      expect(out[0]).toEqual([...header, ...BATCH_OUTPUT_COLUMNS]);
      expect(out).toHaveLength(rows.length + 1);
      rows.forEach((row, i) => {
        const cells = out[i + 1];
        expect(cells.slice(0, header.length)).toEqual(row);
        const error = cells.at(-1);
        if (i === 1 || i === 3) {
          expect(cells.slice(header.length, -1)).toEqual(['', '', '', '', '']);
          expect(`learn: line ${i + 2}: ${error}`).toBe(stderrLines[i === 1 ? 0 : 1]);
        } else {
          const p = explained(bostonRow(i));
          expect(cells.slice(header.length)).toEqual([String(p.price), String(p.interval!.low), String(p.interval!.high), String(p.nearestDistance), String(p.outOfRange), '']);
        }
      });
    });

    it('--output FILE writes the same CSV to the file and nothing to stdout', () => {
      const output = join(dir, 'priced.csv');
      const run = learn('--predict', modelPath, '--input-csv', housesPath(), '--output', output, '--level', '80');
      expect(run.status).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual(stderrLines);
      const written = Papa.parse<string[]>(readFileSync(output, 'utf8'), { skipEmptyLines: true }).data;
      expect(written).toHaveLength(rows.length + 1);
      const p = explained(bostonRow(0), 0.8);
      expect(written[1].slice(header.length, header.length + 3)).toEqual([String(p.price), String(p.interval!.low), String(p.interval!.high)]);
    });

    it('exits 0 with nothing on stderr when every row is priced', () => {
      const path = join(dir, 'good.csv');
      writeFileSync(path, `${FEATURE_CODES.join(',')}\n${bostonRow(7).join(',')}\n`);
      const run = learn('--predict', modelPath, '--input-csv', path);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')[1].startsWith(`${bostonRow(7).join(',')},${explained(bostonRow(7)).price},`)).toBe(true);
    });

    it('--output that is a folder, or inside a folder that does not exist, exits 2 saying so in words', () => {
      const path = join(dir, 'for-output.csv');
      writeFileSync(path, `${FEATURE_CODES.join(',')}\n${bostonRow(7).join(',')}\n`);
      const intoFolder = learn('--predict', modelPath, '--input-csv', path, '--output', dir);
      expect(intoFolder.status).toBe(2);
      expect(intoFolder.stderr).toBe(`learn: cannot write --output "${dir}": it is a folder; give a file path\n`);
      const nowhere = join(dir, 'no-such-folder', 'out.csv');
      const missing = learn('--predict', modelPath, '--input-csv', path, '--output', nowhere);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toBe(`learn: cannot write --output "${nowhere}": its folder ${join(dir, 'no-such-folder')} does not exist\n`);
    });

    it('a missing CSV file, or one without the feature columns, exits 2 with one line', () => {
      const missing = join(dir, 'missing.csv');
      const run = learn('--predict', modelPath, '--input-csv', missing);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`learn: --input-csv ${missing}: no such file\n`);
      const wrong = join(dir, 'wrong.csv');
      writeFileSync(wrong, 'address,price\n"1 Elm St",24\n');
      const refused = learn('--predict', modelPath, '--input-csv', wrong);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`^learn: --input-csv ${wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: The file has no column for crim, zn, .* or lstat\\. .*\n$`));
    });
  });
});
