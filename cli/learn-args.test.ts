import { describe, expect, it } from 'vitest';
import { CLI_NAMES, LAB_SETTINGS, type CliName } from '../src/ml/settings-schema';
import { parseLearnArgs, USAGE } from './learn-args';

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
    expect(error(['--k-max', '0'])).toMatch(/--k-max must be a whole number of at least 1/);
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
    dataset: 'iris', seed: '12.5', testFraction: '1', cv: '21', k: '0', weights: 'inverse', scale: 'minmax', metric: 'cosine', features: 'rm,,lstat',
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

  it('help lists every shared option from the settings table, then learn’s own', () => {
    const options = USAGE.split('\n').slice(1).map((line) => line.trim().split(' ')[0]);
    expect(options).toEqual([...CLI_NAMES.map((name) => `--${LAB_SETTINGS[name].cli}`), '--k-max', '--seeds', '--radius', '--json', '--rows', '--out', '--help']);
    expect(USAGE).toContain('--seed N                            seed of the train/test split, a whole number from 0 to 4294967295 (default random, reported)');
  });
});
