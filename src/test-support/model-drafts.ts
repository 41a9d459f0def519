// Small real models for storage tests.
import { loadDataset } from '../ml/datasets';
import { fitModel } from '../ml/model';
import type { ModelDraft } from '../storage/model-record';

const FEATURES = ['crim', 'rm', 'lstat'];

/** A draft fitted on three Boston features (fast), varied by seed and k. */
export function testDraft(options: { seed?: number; k?: number; name?: string; note?: string } = {}): ModelDraft {
  const seed = options.seed ?? 42;
  const k = options.k ?? 5;
  const model = fitModel(loadDataset('boston'), { seed, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: FEATURES }, k);
  return {
    name: options.name ?? `seed ${seed}, k ${k}`,
    note: options.note,
    seed,
    testFraction: 0.1,
    metrics: { mse: 20 + k, rmse: Math.sqrt(20 + k), mae: 3, r2: 0.7 },
    model,
    createdAt: 1_700_000_000_000 + seed,
  };
}

let counter = 0;
/** A database name no other test uses, so tests sharing fake-indexeddb's global factory stay isolated. */
export const uniqueDbName = (label: string): string => `knn-lab-test-${label}-${++counter}-${Math.random().toString(36).slice(2)}`;
