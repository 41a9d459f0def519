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
  model: { radius?: number; dataset?: { target: string } };
}

/** How an imported dataset was built: the file, its target, its columns and whether rows were left out. */
export interface ImportedSource {
  fileName: string;
  target: string;
  columns: readonly string[];
  leftOutRows: boolean;
}

// Plain words pass as they are; anything else is single-quoted for a POSIX shell.
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/u.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

/**
 * The one-line `learn` command that writes this model again, exactly (same training rows, targets, scaler, k or
 * radius, weights and metric), into ./model-v<version>. Numbers are written in their shortest round-trip form. A
 * model of an imported dataset names its file (run from the file's folder), target and import columns; when the
 * dataset is no longer here, FILE.csv and the model's features stand in for them. O(features).
 */
export function reproduceCommand(m: ReproducibleModel, imported: ImportedSource | null = null): string {
  const builtIn = !/^csv-[0-9a-f]{16}$/.test(m.dataset.name);
  const source = builtIn
    ? ['--dataset', m.dataset.name]
    : imported
      ? ['--dataset', imported.fileName, '--target', imported.target, '--columns', imported.columns.join(','), ...(imported.leftOutRows ? ['--drop-bad-rows'] : [])]
      : ['--dataset', 'FILE.csv', '--target', m.model.dataset?.target ?? 'TARGET', '--columns', m.features.join(',')];
  const args = [...source, '--seed', String(m.seed), '--test-size', String(m.testFraction)];
  if (m.chosenBy?.method === 'kfold') args.push('--cv', String(m.chosenBy.folds));
  args.push('--weights', m.weights, '--scale', m.scale, '--metric', m.metric, '--features', m.features.join(','));
  if (m.model.radius !== undefined) args.push('--radius', String(m.model.radius));
  else args.push('--k', String(m.k));
  args.push('--out', `model-v${m.version}`);
  return `npm run --silent learn -- ${args.map(shellWord).join(' ')}`;
}
