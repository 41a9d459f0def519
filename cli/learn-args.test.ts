import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../src/ml/dataset-meta';
import { CLI_NAMES, LAB_SETTINGS, type CliName } from '../src/ml/settings-schema';
import { csvSourceOf, isCsvDataset, parseLearnArgs, parsePredictArgs, USAGE } from './learn-args';

const error = (argv: string[]) => {
  const parsed = parseLearnArgs(argv);
  return parsed.ok ? null : parsed.error;
};

describe('learn arguments', () => {
  it('defaults reproduce learn.py: distance weights, no scaling, euclidean, 0.1 test size, all features, random seed', () => {
    const parsed = parseLearnArgs([]);
    expect(parsed.ok && parsed.options).toMatchObject({ dataset: 'boston', seed: null, testFraction: 0.1, weights: 'distance', scale: 'none', metric: 'euclidean', kMax: null, seeds: null, json: false, out: null });
    expect(parsed.ok && parsed.options.features).toHaveLength(13);
  });

  it('reads every option, in both --name value and --name=value forms', () => {
    const parsed = parseLearnArgs(['--dataset=boston-corrected', '--seed', '4294967295', '--test-size', '0.25', '--weights', 'uniform', '--scale=standard', '--metric', 'manhattan', '--features', 'LSTAT,rm', '--k-max', '9', '--json', '--out', 'x']);
    expect(parsed.ok && parsed.options).toMatchObject({ dataset: 'boston-corrected', seed: 4294967295, testFraction: 0.25, weights: 'uniform', scale: 'standard', metric: 'manhattan', features: ['rm', 'lstat'], kMax: 9, json: true, out: 'x' });
    expect(parseLearnArgs(['--seeds', '3-7']).ok && (parseLearnArgs(['--seeds', '3-7']) as { options: { seeds: unknown } }).options.seeds).toEqual({ from: 3, to: 7 });
  });

  it('says what is wrong and what is allowed for each bad argument', () => {
    expect(error(['--frobnicate'])).toMatch(/unknown option "--frobnicate"; known: --dataset/);
    expect(error(['--seed', '-1'])).toBe('--seed must be a whole number from 0 to 4294967295, got "-1"');
    expect(error(['--seed', '1.5'])).toMatch(/--seed must be a whole number/);
    expect(error(['--seed', '4294967296'])).toMatch(/--seed must be a whole number/);
    expect(error(['--test-size', '0'])).toMatch(/strictly between 0 and 1/);
    expect(error(['--test-size', 'abc'])).toMatch(/strictly between 0 and 1/);
    expect(error(['--weights', 'inverse'])).toMatch(/--weights must be uniform or distance/);
    expect(error(['--scale', 'minmax'])).toMatch(/--scale must be none or standard/);
    expect(error(['--metric', 'cosine'])).toMatch(/--metric must be euclidean or manhattan/);
    expect(error(['--features', 'rm,price'])).toMatch(/--features must be a comma list of distinct feature codes from crim, zn, .*, got "rm,price"/);
    expect(error(['--features', 'rm,rm'])).toMatch(/--features must be a comma list of distinct feature codes/);
    expect(error(['--k-max', '0'])).toBe('--k-max must be auto or a whole number from 1 to 454, got "0"');
    expect(error(['--dataset', 'iris'])).toMatch(/--dataset must be boston or boston-corrected, got "iris"/);
    expect(error(['--seeds', '9-3'])).toMatch(/reversed/);
    expect(error(['--seeds', '0-10000'])).toMatch(/at most 10000/);
    expect(error(['--seeds', 'a-b'])).toMatch(/range A-B/);
    expect(error(['--seed', '1', '--seeds', '1-2'])).toMatch(/cannot be combined/);
    expect(error(['--seed'])).toMatch(/--seed needs a value/);
    expect(error(['stray'])).toMatch(/unexpected argument "stray"/);
  });

  // One bad value for every option the CLI shares with the lab; a new shared setting must add one here.
  const BAD: Record<CliName, string> = {
    dataset: 'iris', seed: '12.5', testFraction: '1', cv: '21', kMax: '0', k: '0', weights: 'inverse', scale: 'minmax', metric: 'cosine', features: 'rm,,lstat',
  };

  it.each(CLI_NAMES.map((name) => [LAB_SETTINGS[name].cli!, BAD[name]]))('rejects --%s %s with one line naming the option, the value and what is allowed', (option, value) => {
    const message = error([`--${option}`, value]) ?? '';
    expect(message.startsWith(`--${option} must be `)).toBe(true);
    expect(message.endsWith(`, got "${value}"`)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('takes any test size strictly between 0 and 1, wider than the lab’s 0.05 to 0.5', () => {
    const parsed = parseLearnArgs(['--test-size', '0.9']);
    expect(parsed.ok && parsed.options.testFraction).toBe(0.9);
    expect(error(['--test-size', '1'])).toBe('--test-size must be a fraction strictly between 0 and 1, got "1"');
  });

  it('turns parseArgs’ own refusals into one line each', () => {
    expect(error(['--seed', '--json'])).toBe('--seed needs a value');
    expect(error(['--json=yes'])).toBe('--json takes no value');
    expect(error(['--seed', '1', '--seed', '2'])).toBe('--seed is given twice');
    expect(error(['-s'])).toMatch(/^unknown option "-s"; known: --dataset, --seed, --test-size/);
    expect(error(['--', '--seed'])).toMatch(/^unexpected argument "--seed"/);
  });

  it('reads a value that starts with a dash as the value, so its rule explains the mistake', () => {
    expect(error(['--seeds', '-3-4'])).toMatch(/--seeds must be a range A-B/);
    const parsed = parseLearnArgs(['--out', '-models']);
    expect(parsed.ok && parsed.options.out).toBe('-models');
  });

  it('--radius takes a comma list of positive numbers, alone', () => {
    expect(parseLearnArgs(['--radius', '1,2.5,.5']).ok && (parseLearnArgs(['--radius', '1,2.5,.5']) as { options: { radii: number[] } }).options.radii).toEqual([1, 2.5, 0.5]);
    for (const [args, message] of [
      [['--radius', '1,-2'], '--radius must be a comma list of numbers greater than 0, got "-2"'],
      [['--radius', 'wide'], '--radius must be a comma list of numbers greater than 0, got "wide"'],
      [['--radius', '1', '--cv', '5'], '--radius cannot be combined with --cv; run them separately'],
    ] as const) {
      expect(parseLearnArgs(args)).toEqual({ ok: false, error: message });
    }
  });

  it('help lists every shared option from the settings table, then learn’s own, then the predict options', () => {
    const [train, predict, exits] = USAGE.split('\n\n');
    const options = (text: string) => text.split('\n').slice(1).map((line) => line.trim().split(' ')[0]).filter((o) => o.startsWith('--'));
    expect(options(train)).toEqual([...CLI_NAMES.map((name) => `--${LAB_SETTINGS[name].cli}`), '--target', '--columns', '--drop-bad-rows', '--seeds', '--radius', '--json', '--rows', '--out', '--help']);
    expect(options(predict)).toEqual(['--predict', '--input', '--input-csv', '--output', '--level', '--json']);
    expect(predict).toContain('npm run --silent learn -- --predict MODEL.json (--input JSON | --input-csv FILE [--output FILE]) [--level 80|90|95] [--json]');
    expect(exits).toMatch(/^exit codes: 0 .*; 1 .*; 2 .*; 3 /);
    expect(USAGE).toContain('--seed N                            seed of the train/test split, a whole number from 0 to 4294967295 (default random, reported)');
  });
});

describe('learn arguments for a CSV file of one’s own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'learn-args-'));
  const file = join(dir, 'houses.txt');
  writeFileSync(file, 'price,area\n1,2\n');
  // What learn knows once it has read the file: 40 rows, features area and rooms.
  const info: DatasetInfo = {
    id: 'csv-0123456789abcdef', title: 'houses.csv', nRows: 40, target: 'price', targetDescription: '', dollarThousands: false, builtIn: false,
    features: [{ code: 'area', description: '', unit: '' }, { code: 'rooms', description: '', unit: '' }],
  };

  it('takes a --dataset value that ends in .csv or names an existing file as a CSV, never a built-in name', () => {
    expect([isCsvDataset('houses.csv'), isCsvDataset('HOUSES.CSV'), isCsvDataset(file), isCsvDataset('boston'), isCsvDataset('iris')]).toEqual([true, true, true, false, false]);
  });

  it('reads --target, --features and --drop-bad-rows with the file', () => {
    expect(csvSourceOf(['--dataset', 'h.csv', '--target', ' price ', '--features', 'Area, rooms', '--drop-bad-rows'])).toEqual({
      ok: true, help: false, csv: { path: 'h.csv', target: 'price', features: ['Area', 'rooms'], dropBadRows: true, modelFeatures: false },
    });
    // --columns names the dataset's columns; --features then picks the model's among them.
    expect(csvSourceOf(['--dataset', 'h.csv', '--target', 'price', '--columns', 'area,rooms', '--features', 'rooms'])).toMatchObject({
      csv: { features: ['area', 'rooms'], modelFeatures: true },
    });
    expect(csvSourceOf(['--dataset', 'h.csv', '--target', 'price'])).toMatchObject({ csv: { features: null, dropBadRows: false } });
    expect(csvSourceOf(['--seed', '1'])).toEqual({ ok: true, csv: null, help: false });
  });

  it('requires --target with a CSV and refuses it, and --drop-bad-rows, with a built-in dataset', () => {
    expect(csvSourceOf(['--dataset', 'h.csv'])).toEqual({ ok: false, error: '--target COL is required with a CSV --dataset: name the column to predict' });
    expect(error(['--dataset', 'boston', '--target', 'medv'])).toBe('--target is for a CSV file of your own; give --dataset FILE.csv (a built-in dataset has its own target)');
    expect(error(['--drop-bad-rows'])).toMatch(/^--drop-bad-rows is for a CSV file of your own/);
    expect(csvSourceOf(['--dataset', 'h.csv', '--target', 'p', '--features', 'a,,b'])).toEqual({ ok: false, error: '--features must be a comma list of column names, got "a,,b"' });
  });

  it('checks the other settings against the dataset read from the file: its id, its features, its k range', () => {
    const argv = ['--dataset', 'h.csv', '--target', 'price', '--features', 'AREA,rooms', '--seed', '3'];
    const parsed = parseLearnArgs(argv, { path: 'h.csv', info });
    expect(parsed.ok && parsed.options).toMatchObject({ dataset: info.id, features: ['area', 'rooms'], seed: 3, csv: { path: 'h.csv', target: 'price' } });
    // 40 rows, test size 0.1: 36 training rows, so k reaches 35.
    expect(parseLearnArgs([...argv, '--k', '35'], { path: 'h.csv', info }).ok).toBe(true);
    expect(parseLearnArgs([...argv, '--k', '36'], { path: 'h.csv', info })).toEqual({ ok: false, error: '--k must be best or a whole number from 1 to 35, got "36"' });
    expect(() => parseLearnArgs(argv)).toThrow(/read h\.csv/);
  });
});

describe('learn --predict arguments', () => {
  const predictError = (argv: string[]) => {
    const parsed = parsePredictArgs(argv);
    return parsed.ok ? null : parsed.error;
  };

  it('reads the model, the houses, the level and --json; 90 % by default', () => {
    expect(parsePredictArgs(['--predict', 'm.json', '--input', '{}'])).toEqual({ ok: true, options: { model: 'm.json', input: '{}', inputCsv: null, output: null, level: 0.9, json: false } });
    expect(parsePredictArgs(['--predict=m.json', '--input-csv', 'h.csv', '--output', 'o.csv', '--level', '95'])).toEqual({
      ok: true, options: { model: 'm.json', input: null, inputCsv: 'h.csv', output: 'o.csv', level: 0.95, json: false },
    });
    expect(parsePredictArgs(['--predict', 'm.json', '--input', '{}', '--json', '--level=80'])).toMatchObject({ ok: true, options: { level: 0.8, json: true } });
  });

  it('leaves everything else to parseLearnArgs: no --predict, or --help', () => {
    expect(parsePredictArgs(['--seed', '3'])).toEqual({ ok: true, options: null });
    expect(parsePredictArgs(['--predict', 'm.json', '--help'])).toEqual({ ok: true, options: null });
  });

  it('refuses training options next to --predict, naming the option', () => {
    for (const option of ['--seed=3', '--k=5', '--dataset=boston', '--features=rm', '--out=x', '--radius=1', '--seeds=1-2', '--rows', '--drop-bad-rows']) {
      const name = option.split('=')[0];
      expect(predictError(['--predict', 'm.json', '--input', '{}', option])).toBe(`--predict uses the settings saved in the model file, so it cannot be combined with ${name}; leave the training options out`);
    }
  });

  it('says what is wrong with the houses, the level and the output, and what is allowed', () => {
    expect(predictError(['--predict', 'm.json'])).toBe(`--predict needs the houses to price: --input '{"feature": value, ...}' or --input-csv FILE`);
    expect(predictError(['--predict', 'm.json', '--input', '{}', '--input-csv', 'h.csv'])).toBe('--input and --input-csv cannot be combined; give one');
    expect(predictError(['--predict', 'm.json', '--input', '{}', '--output', 'o.csv'])).toBe('--output is for --input-csv (where the CSV goes); with --input the price is printed');
    expect(predictError(['--predict', 'm.json', '--input-csv', 'h.csv', '--json'])).toBe('--json is for --input; --input-csv writes CSV');
    expect(predictError(['--predict', 'm.json', '--input', '{}', '--level', '0.9'])).toBe(`--level must be 80, 90 or 95 (the interval's coverage in %), got "0.9"`);
    expect(predictError(['--predict', '', '--input', '{}'])).toBe('--predict needs the path of a model file');
    expect(predictError(['--predict'])).toBe('--predict needs a value');
  });

  it('refuses the predict options without --predict, in either parser', () => {
    for (const option of ['--input', '--input-csv', '--output', '--level']) {
      const message = `${option} is for predicting with a saved model: give --predict MODEL.json too`;
      expect(predictError([option, 'x'])).toBe(message);
      expect(error([option, 'x'])).toBe(message);
    }
  });
});
