import type { ChosenBy } from './chosen-by';

/** What a saved model needs to be rebuilt: its settings, k or radius, and how k was chosen. */
export interface ReproducibleModel {
  version: number;
  dataset: { name: string };
  seed: number;
  testFraction: number;
  weights: string;
  scale: string;
  metric: string;
  features: readonly string[];
  k: number;
  chosenBy?: ChosenBy;
  model: { radius?: number };
}

/**
 * The one-line `learn` command that writes this model again, exactly (same training rows, targets, scaler, k or
 * radius, weights and metric), into ./model-v<version>. Numbers are written in their shortest round-trip form.
 */
export function reproduceCommand(m: ReproducibleModel): string {
  const args = ['--dataset', m.dataset.name, '--seed', String(m.seed), '--test-size', String(m.testFraction)];
  if (m.chosenBy?.method === 'kfold') args.push('--cv', String(m.chosenBy.folds));
  args.push('--weights', m.weights, '--scale', m.scale, '--metric', m.metric, '--features', m.features.join(','));
  if (m.model.radius !== undefined) args.push('--radius', String(m.model.radius));
  else args.push('--k', String(m.k));
  args.push('--out', `model-v${m.version}`);
  return `npm run --silent learn -- ${args.join(' ')}`;
}
