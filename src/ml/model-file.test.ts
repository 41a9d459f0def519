import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './datasets';
import { modelIntervals } from './intervals';
import { fitModel, predictOne } from './model';
import { modelFileFrom, modelFileFromJson, modelFileHash, modelFileName, modelFileSizeProblem, parseModelFile, serialiseModelFile, sourceOfModelFile, type ModelFile } from './model-file';
import { ALL_FEATURES } from '../test-support/all-features';

const boston = loadDataset('boston');
const settings = { seed: 42, testFraction: 0.1, weights: 'distance' as const, scale: 'standard' as const, metric: 'euclidean' as const, features: ALL_FEATURES };
const model = fitModel(boston, settings, 6);
const intervals = modelIntervals(model);
const source = {
  name: 'All features, scaled',
  note: 'k by a split',
  createdAt: Date.UTC(2026, 0, 1),
  seed: 42,
  testFraction: 0.1,
  metrics: { mse: 10.5, rmse: Math.sqrt(10.5), mae: 2.25, r2: 0.875 },
  chosenBy: { method: 'split' as const, seed: 42, testFraction: 0.1 },
  model,
};
const file = modelFileFrom(source, intervals);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit parsed files at any depth
type Editable = Record<string, any>;
const json = (): Editable => JSON.parse(serialiseModelFile(file));
/** A file edited and sealed again, so only the schema can refuse it. */
const resealed = (edit: (j: Editable) => void): string => {
  const j = json();
  edit(j);
  j.sha256 = modelFileHash(j);
  return JSON.stringify(j);
};
const refusal = (text: string): string => {
  const parsed = parseModelFile(text);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.error;
};

describe('model files', () => {
  it('round-trip through JSON: the same file, the same predictions', () => {
    const parsed = parseModelFile(serialiseModelFile(file));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file).toEqual(file);
    const row = [0.1, 12, 7, 0, 0.5, 6.2, 60, 4, 5, 300, 18, 390, 10];
    expect(predictOne(parsed.file.model, row)).toEqual(predictOne(model, row));
  });

  it('export → import is identity: a file made from what a file imports as is the same file, hash and all', () => {
    const parsed = parseModelFile(serialiseModelFile(file));
    if (!parsed.ok) throw new Error(parsed.error);
    const again: ModelFile = modelFileFrom(sourceOfModelFile(parsed.file), parsed.file.intervals);
    expect(serialiseModelFile(again)).toBe(serialiseModelFile(file));
    expect(sourceOfModelFile(again)).toEqual(source);
  });

  it('a record saved before "how k was chosen" was kept is written as chosen on its single split', () => {
    const { chosenBy: _old, ...older } = source;
    expect(modelFileFrom(older, intervals).training.chosenBy).toEqual({ method: 'split', seed: 42, testFraction: 0.1 });
  });

  it('a changed number is caught by the hash, which names both hashes', () => {
    const j = json();
    j.model.trainY[3] += 1;
    expect(refusal(JSON.stringify(j))).toMatch(/^sha256: the file has been altered: its content hashes to [0-9a-f]{12}…, the file says [0-9a-f]{12}…$/);
  });

  it.each([
    ['a truncated file', () => serialiseModelFile(file).slice(0, 5000), /^not a model file: the text is not valid JSON/],
    ['a JSON list', () => '[]', /^not a model file: expected a JSON object$/],
    ['another kind of file', () => JSON.stringify({ schema: 'other' }), /^not a model file: "schema" must be "knn-lab\/model"$/],
    ['an unknown version', () => resealed((j) => (j.schemaVersion = 99)), /^unsupported model file version 99: this version reads version 2$/],
    ['a version that is a whole document', () => JSON.stringify({ schema: 'knn-lab/model', schemaVersion: { nested: 'x'.repeat(5000) } }), /^unsupported model file version an object: this version reads version 2$/],
    ['a forbidden key under a very long one', () => JSON.stringify({ schema: 'knn-lab/model', schemaVersion: 2, ['k'.repeat(5000)]: JSON.parse('{"__proto__": 1}') }), /^k{40}…\.__proto__: the key "__proto__" is not allowed anywhere in a model$/],
    ['version 1', () => resealed((j) => (j.schemaVersion = 1)), /version 1.*learn --out/],
    ['a wrong type', () => resealed((j) => (j.model.k = '6')), /^model\.k: must be a finite number, not "6"$/],
    ['an extra key', () => resealed((j) => (j.model.colour = 'blue')), /^model: unknown key "colour"$/],
    ['an extra key at the top', () => resealed((j) => (j.owner = 'me')), /^the top level: unknown key "owner"$/],
    ['a missing section', () => resealed((j) => delete j.intervals), /^intervals: missing$/],
    ['a shape mismatch', () => resealed((j) => j.model.trainY.pop()), /^model\.trainY: must hold nTrain = 455 numbers, holds 454$/],
    ['trainX of the wrong length', () => resealed((j) => j.model.trainX.push(1)), /^model\.trainX: must hold nTrain × nCols = 5915 numbers, holds 5916$/],
    ['NaN written as null', () => resealed((j) => (j.model.trainX[7] = null)), /^model\.trainX\[7\]: must be a finite number, not null$/],
    ['an unknown metric', () => resealed((j) => (j.model.metric = 'cosine')), /^model\.metric: must be "euclidean" or "manhattan", not "cosine"$/],
    ['unknown weights', () => resealed((j) => (j.model.weights = 'gaussian')), /^model\.weights: must be "uniform" or "distance", not "gaussian"$/],
    ['k above the training rows', () => resealed((j) => (j.model.k = 10_000)), /^model\.k: must be at most nTrain = 455$/],
    ['a scaler of the wrong width', () => resealed((j) => j.model.scaler.mean.pop()), /^model\.scaler\.mean: must hold nCols = 13 numbers$/],
    ['a huge number', () => serialiseModelFile(file).replace(/"mse": [0-9.e+-]+/, '"mse": 1e999'), /^metrics\.mse: must be a finite number, not Infinity$/],
    ['__proto__ at depth', () => serialiseModelFile(file).replace('"scaler": {', '"scaler": { "__proto__": { "polluted": true },'), /^model\.scaler\.__proto__: the key "__proto__" is not allowed anywhere in a model$/],
    ['constructor at the top', () => resealed((j) => Object.defineProperty(j, 'constructor', { value: { prototype: {} }, enumerable: true })), /^constructor: the key "constructor" is not allowed/],
    ['a bad hash field', () => JSON.stringify({ ...json(), sha256: 'abc' }), /^sha256: must be a SHA-256: 64 lowercase hex digits$/],
  ])('refuses %s, saying where and why', (_what, text, reason) => {
    expect(refusal(text())).toMatch(reason);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting quickly, naming where, and lists only a few of many unknown keys', () => {
    const depth = 100_000;
    expect(refusal(`{"schema":"knn-lab/model","schemaVersion":2,"note":${'['.repeat(depth)}${']'.repeat(depth)}}`)).toMatch(/^note(\[0\]){31}: nested more than 32 levels deep; a model file nests at most 4$/);
    expect(refusal(`{"schema":"knn-lab/model","schemaVersion":2,"model":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`)).toMatch(/^model(\.a){31}: nested more than 32 levels deep/);
    // Copying the path at every level made this walk quadratic: 100,000 levels took over a minute, past the test's timeout.
    const many = resealed((j) => {
      for (let i = 0; i < 1000; i++) j[`extra${i}`] = i;
    });
    expect(refusal(many)).toMatch(/^the top level: unknown keys "extra0", "extra1", "extra2", "extra3", "extra4" and 995 more$/);
  });

  it('names at most three problems and counts the rest', () => {
    const error = refusal(resealed((j) => {
      j.model.k = 'a';
      j.model.nTrain = 'b';
      j.model.nCols = 'c';
      j.metrics.mse = 'd';
      j.metrics.mae = 'e';
    }));
    expect(error.split('; ')).toHaveLength(4);
    expect(error).toMatch(/; and 2 more problems$/);
  });

  it('any JSON value given to the importer yields a model or a clear error, never throws, never touches Object.prototype', () => {
    const base = json();
    const arbitrary = fc.oneof(
      fc.jsonValue(),
      // Files that are nearly right: one field of a real file replaced by any JSON value (at the top or in the model).
      fc.tuple(fc.constantFrom(...Object.keys(base)), fc.jsonValue()).map(([key, value]) => ({ ...base, [key]: value })),
      fc.tuple(fc.constantFrom(...Object.keys(base.model)), fc.jsonValue()).map(([key, value]) => ({ ...base, model: { ...base.model, [key]: value } })),
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue()).map(([key, value]) => JSON.parse(`{"schema":"knn-lab/model","schemaVersion":2,"model":{${JSON.stringify(key)}:${JSON.stringify(value)}}}`)),
    );
    fc.assert(
      fc.property(arbitrary, (value) => {
        const result = modelFileFromJson(value);
        const viaText = parseModelFile(JSON.stringify(value));
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
        if (result.ok) return expect(viaText.ok).toBe(true);
        expect(result.error).toMatch(/\S/);
        expect(result.error.length).toBeLessThan(600);
        expect(viaText).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file over 50 MB by its size alone', () => {
    expect(modelFileSizeProblem(50 * 1024 * 1024)).toBeNull();
    expect(modelFileSizeProblem(50 * 1024 * 1024 + 1)).toBe('the file is 50.0 MB; a model file can be at most 50 MB');
  });

  it('names a file after its model, without characters file systems refuse', () => {
    expect(modelFileName('All features, scaled')).toBe('All features, scaled.knn.json');
    expect(modelFileName('a/b:c*?"<>|\u0001')).toBe('a-b-c-.knn.json');
    expect(modelFileName('...')).toBe('model.knn.json');
  });
});

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
