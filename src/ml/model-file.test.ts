import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { fitModel, predictOne } from './model';
import { createModelFile, parseModelFile, serialiseModelFile } from './model-file';
import { ALL_FEATURES } from '../test-support/all-features';

const boston = loadDataset('boston');
const settings = { seed: 42, testFraction: 0.1, weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: ALL_FEATURES };
const model = fitModel(boston, settings, 6);
const file = createModelFile(
  model,
  { dataset: { name: 'boston', rows: 506, target: 'medv', sha256: boston.sha256 }, split: { seed: 42, testFraction: 0.1, nTrain: 455, nTest: 51 }, params: { weights: 'distance', scale: 'standard', metric: 'euclidean', features: ALL_FEATURES } },
  { k: 6, mse: 1, rmse: 1, mae: 1, r2: 0.5 },
  '2026-01-01T00:00:00.000Z',
);

describe('model files', () => {
  it('round-trip through JSON: same hash, same predictions', () => {
    const parsed = parseModelFile(serialiseModelFile(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.sha256).toBe(file.sha256);
    const row = [0.1, 12, 7, 0, 0.5, 6.2, 60, 4, 5, 300, 18, 390, 10];
    expect(predictOne(parsed.file.model, row)).toEqual(predictOne(model, row));
  });

  it('a changed number is caught by the hash', () => {
    const json = JSON.parse(serialiseModelFile(file));
    json.model.trainY[3] += 1;
    const parsed = parseModelFile(JSON.stringify(json));
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/SHA-256 does not match/) });
  });

  it('explains what is wrong with files that are not model files', () => {
    expect(parseModelFile('{')).toEqual({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(parseModelFile('[]')).toEqual({ ok: false, error: expect.stringMatching(/JSON object/) });
    expect(parseModelFile(JSON.stringify({ ...JSON.parse(serialiseModelFile(file)), schemaVersion: 99 }))).toEqual({ ok: false, error: expect.stringMatching(/version 99/) });
    const json = JSON.parse(serialiseModelFile(file));
    json.model.k = 10_000;
    expect(parseModelFile(JSON.stringify(json))).toEqual({ ok: false, error: expect.stringMatching(/k must be an integer in 1..455/) });
  });
});
