import { describe, expect, it } from 'vitest';
import { BOSTON_FEATURES } from './dataset-meta';
import { loadDataset } from './datasets';
import { fitModel } from './model';
import { checkField, checkInputs, trainingRanges } from './prediction-inputs';

describe('prediction form input rules', () => {
  it('refuses empty, non-numeric and non-finite text, saying what is allowed', () => {
    expect(checkField('crim', '', false)).toEqual({ error: 'CRIM is required: enter a number ≥ 0.' });
    expect(checkField('crim', '12abc', false)).toEqual({ error: expect.stringMatching(/^CRIM must be a number ≥ 0; “12abc” is not a number/) });
    expect(checkField('tax', '1e999', false)).toEqual({ error: expect.stringMatching(/finite/) });
    expect(checkField('tax', 'Infinity', false)).toEqual({ error: expect.stringMatching(/not a number/) });
    expect(checkField('age', '120', false)).toEqual({ error: 'AGE must be a number from 0 to 100; got “120”.' });
    expect(checkField('rm', '0', false)).toEqual({ error: expect.stringMatching(/> 0/) });
  });

  it('accepts plain and exponent numbers with surrounding spaces', () => {
    expect(checkField('crim', ' 0.25 ', false)).toEqual({ value: 0.25 });
    expect(checkField('tax', '3e2', false)).toEqual({ value: 300 });
  });

  it('CHAS accepts only 0 or 1', () => {
    expect(checkField('chas', '1', true)).toEqual({ value: 1 });
    expect(checkField('chas', '2', true)).toEqual({ error: 'CHAS must be 0 (no) or 1 (yes).' });
    expect(checkField('chas', '0.5', true)).toEqual({ error: 'CHAS must be 0 (no) or 1 (yes).' });
  });

  it('warns, without refusing, when a value lies outside the model’s training range', () => {
    const dataset = loadDataset('boston');
    const model = fitModel(dataset, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: ['rm', 'chas'] }, 5);
    const ranges = trainingRanges(model);
    const rm = Array.from(model.trainRows, (r) => dataset.x[r * 13 + 5]);
    expect(ranges.rm.min).toBeCloseTo(Math.min(...rm), 9);
    expect(ranges.rm.max).toBeCloseTo(Math.max(...rm), 9);
    expect(checkInputs({ rm: String(Math.max(...rm)), chas: '0' }, BOSTON_FEATURES.filter((f) => f.code === 'rm'), ranges).warnings).toEqual({});
    const features = BOSTON_FEATURES.filter((f) => model.features.includes(f.code));
    const ok = checkInputs({ rm: '6', chas: '0' }, features, ranges);
    expect(ok).toEqual({ values: { rm: 6, chas: 0 }, errors: {}, warnings: {} });
    const far = checkInputs({ rm: '12', chas: '1' }, features, ranges);
    expect(far.values).toEqual({ rm: 12, chas: 1 });
    expect(far.warnings.rm).toMatch(/extrapolating/);
    const bad = checkInputs({ rm: 'x', chas: '1' }, features, ranges);
    expect(bad.values).toBeNull();
    expect(Object.keys(bad.errors)).toEqual(['rm']);
  });
});
