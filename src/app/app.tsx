import { useMemo } from 'react';
import { FEATURE_CODES, loadDataset } from '../ml/datasets';
import { DEFAULT_PARAMS, DEFAULT_TEST_FRACTION } from '../ml/params';
import { sweep } from '../ml/sweep';

export function App() {
  const summary = useMemo(() => {
    const dataset = loadDataset('boston');
    const result = sweep(dataset, { ...DEFAULT_PARAMS, features: [...FEATURE_CODES], seed: 42, testFraction: DEFAULT_TEST_FRACTION });
    return { rows: dataset.nRows, features: dataset.nFeatures, best: result.best };
  }, []);
  return (
    <main>
      <h1>KNN Lab</h1>
      <p>
        Dataset: <output aria-label="Dataset rows">{summary.rows}</output> rows, {summary.features} features.
      </p>
      <p>
        Best k: <output aria-label="Best k">{summary.best.k}</output>, test MSE{' '}
        <output aria-label="Test MSE">{summary.best.mse.toFixed(2)}</output>
      </p>
    </main>
  );
}
