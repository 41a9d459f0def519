import { useLab } from '../../store/lab-store';
import { EXACTNESS_CLAIM } from '../../ui/exactness-claim';
import { compact, whole } from '../../ui/format';
import { DatasetImport } from './dataset-import';
import { DatasetList } from './dataset-list';
import { useDatasetSummary } from './use-dataset-summary';
import './data.css';
import { fileDrop } from '../../ui/file-drop';

/** The Data view: import your own CSV, the datasets this browser has, and the lab's dataset up close. */
export function DataView() {
  const startImport = useLab((s) => s.startImport);
  return (
    <div
      className="data"
      {...fileDrop((files) => startImport(files[0]))}
    >
      <DatasetImport />
      <DatasetList />
      <DatasetDetails />
    </div>
  );
}

/** The lab's dataset: what each feature means, its range, the first rows and the caveats. */
function DatasetDetails() {
  const dataset = useLab((s) => s.settings.dataset);
  const { summary, error, retry } = useDatasetSummary(dataset);

  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <p>The dataset description could not be loaded ({error}).</p>
        <button type="button" onClick={retry}>Try again</button>
      </div>
    );
  }
  if (!summary) return <p className="hint" role="status">Loading the dataset…</p>;

  const codes = summary.features.map((f) => f.code);
  const notes = summary.notes;
  return (
    <>
      <section className="panel">
        <h2 className="panel__title">{summary.title}</h2>
        {notes ? (
          <p>
            {summary.nRows} census tracts, {summary.features.length} features. The target <code>{summary.target}</code> is the{' '}
            {summary.targetDescription}: from {compact(summary.targetStats.min)} to {compact(summary.targetStats.max)},
            median {compact(summary.targetStats.median)}.
          </p>
        ) : (
          <p>
            Imported in this browser: {whole(summary.nRows)} rows, {summary.features.length} features. The target <code>{summary.target}</code> runs
            from {compact(summary.targetStats.min)} to {compact(summary.targetStats.max)}, median {compact(summary.targetStats.median)}, in the file’s own units.
          </p>
        )}
        <p className="hint">
          Content fingerprint (SHA-256): <output aria-label="Dataset fingerprint" className="fingerprint">{summary.sha256}</output>. Saved models
          record it, and <code>npm run learn -- --json</code> prints the same value.
        </p>
        <p><strong>How exact.</strong> {EXACTNESS_CLAIM}</p>
        {notes && (
          <>
            <div className="note note--warning">
              <p><strong>Censored target.</strong> {notes.censored}</p>
            </div>
            <div className="note note--warning">
              <p><strong>Why b is controversial.</strong> {notes.b} In the lab, untick <code>b</code> or press “Drop b”.</p>
            </div>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="features-title">
        <h2 id="features-title" className="panel__title">Features</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="features-title">
          <table>
            <thead>
              <tr><th scope="col">{notes ? 'Code' : 'Column'}</th><th scope="col">Description</th><th scope="col">Unit</th><th scope="col" className="num">Min</th><th scope="col" className="num">Median</th><th scope="col" className="num">Max</th></tr>
            </thead>
            <tbody>
              {summary.features.map((f) => (
                <tr key={f.code}>
                  <th scope="row"><code>{f.code}</code></th>
                  <td>{f.description}</td>
                  <td>{f.unit}</td>
                  <td className="num">{compact(f.min)}</td>
                  <td className="num">{compact(f.median)}</td>
                  <td className="num">{compact(f.max)}</td>
                </tr>
              ))}
              <tr className="target-row">
                <th scope="row"><code>{summary.target}</code></th>
                <td>{summary.targetDescription || 'the value to predict'} (target)</td>
                <td>{notes ? '$1000s' : ''}</td>
                <td className="num">{compact(summary.targetStats.min)}</td>
                <td className="num">{compact(summary.targetStats.median)}</td>
                <td className="num">{compact(summary.targetStats.max)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="rows-title">
        <h2 id="rows-title" className="panel__title">First {summary.firstRows.length} rows</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rows-title">
          <table>
            <thead>
              <tr><th scope="col">Row</th>{codes.map((c) => <th key={c} scope="col" className="num"><code>{c}</code></th>)}<th scope="col" className="num"><code>{summary.target}</code></th></tr>
            </thead>
            <tbody>
              {summary.firstRows.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{i}</th>
                  {row.map((v, j) => <td key={j} className="num">{compact(v)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
