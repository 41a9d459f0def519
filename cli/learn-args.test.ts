import { describe, expect, it } from 'vitest';
import { parseLearnArgs } from './learn-args';

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
    expect(error(['--seed', '-1'])).toMatch(/--seed must be an integer from 0 to 4294967295/);
    expect(error(['--seed', '1.5'])).toMatch(/--seed must be an integer/);
    expect(error(['--seed', '4294967296'])).toMatch(/--seed must be an integer/);
    expect(error(['--test-size', '0'])).toMatch(/strictly between 0 and 1/);
    expect(error(['--test-size', 'abc'])).toMatch(/strictly between 0 and 1/);
    expect(error(['--weights', 'inverse'])).toMatch(/--weights must be one of uniform, distance/);
    expect(error(['--scale', 'minmax'])).toMatch(/--scale must be one of none, standard/);
    expect(error(['--metric', 'cosine'])).toMatch(/--metric must be one of euclidean, manhattan/);
    expect(error(['--features', 'rm,price'])).toMatch(/unknown feature "price"; allowed: crim/);
    expect(error(['--features', 'rm,rm'])).toMatch(/twice/);
    expect(error(['--k-max', '0'])).toMatch(/--k-max must be a whole number of at least 1/);
    expect(error(['--dataset', 'iris'])).toMatch(/unknown dataset "iris"; allowed: boston, boston-corrected/);
    expect(error(['--seeds', '9-3'])).toMatch(/reversed/);
    expect(error(['--seeds', '0-10000'])).toMatch(/at most 10000/);
    expect(error(['--seeds', 'a-b'])).toMatch(/range A-B/);
    expect(error(['--seed', '1', '--seeds', '1-2'])).toMatch(/cannot be combined/);
    expect(error(['--seed'])).toMatch(/--seed needs a value/);
    expect(error(['stray'])).toMatch(/unexpected argument "stray"/);
  });
});
