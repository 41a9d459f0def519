import { useEffect, useState } from 'react';
import { BOSTON_FEATURES, BUILT_IN_DATASETS } from '../../ml/dataset-meta';
import { useLab } from '../../store/lab-store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formatTarget } from '../../ui/format-price';
import { exact, whole } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import './history.css';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Every logged prediction, newest first, a page at a time, with a version filter, CSV export and clear. */
export function HistoryView() {
  const history = useLab((s) => s.history);
  const entries = useLab((s) => s.registry.entries);
  const loadHistory = useLab((s) => s.loadHistory);
  const loadMore = useLab((s) => s.loadMoreHistory);
  const exportHistory = useLab((s) => s.exportHistory);
  const clearHistory = useLab((s) => s.clearHistory);
  const [confirming, setConfirming] = useState(false);

  // Re-read whenever the set of stored versions changes (a delete here or in another tab), so the filter and the
  // list it shows always change together.
  const storedVersions = entries.map((e) => e.version).join();
  useEffect(() => {
    void loadHistory();
  }, [loadHistory, storedVersions]);

  const stored = new Set(entries.map((e) => e.version));
  const choices = [...new Set([...stored, ...history.versions])].sort((a, b) => b - a);

  // Boston's columns in their order, then any imported dataset's columns the listed predictions use.
  const seen = new Set(history.items.flatMap((p) => Object.keys(p.inputs)));
  const boston = BOSTON_FEATURES.map((f) => f.code);
  const codes = [...boston.filter((c) => seen.has(c)), ...[...seen].filter((c) => !boston.includes(c))];
  const shownCodes = codes.length > 0 ? codes : boston;
  // Boston's prices are $1000s and show as dollars; an imported target is shown as the number it is.
  const dollarsFor = (p: (typeof history.items)[number]) => {
    const entry = entries.find((e) => e.version === p.modelVersion);
    if (entry?.status === 'ok') return BUILT_IN_DATASETS.some((d) => d.id === entry.record.dataset.name);
    return p.target === undefined || p.target === 'medv' || p.target === 'cmedv';
  };
  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title" className="panel__title">Prediction history</h2>
      <div className="history__toolbar">
        <label className="field field--inline">
          <span className="field__label">Model version</span>
          <select className="text-input" value={history.filter ?? ''} onChange={(e) => loadHistory(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
            <option value="">All versions</option>
            {choices.map((v) => (
              <option key={v} value={v}>
                Version {v}{stored.has(v) ? '' : ' (deleted)'}
              </option>
            ))}
          </select>
        </label>
        <span className="hint" role="status">
          {whole(history.total)} prediction{history.total === 1 ? '' : 's'}
        </span>
        <button
          type="button"
          className="button"
          disabled={history.total === 0}
          onClick={async () => {
            const { fileName, text } = await exportHistory();
            download(fileName, text);
          }}
        >
          Export CSV
        </button>
        <button type="button" className="button button--danger" disabled={history.total === 0} onClick={() => setConfirming(true)}>
          Clear history
        </button>
      </div>
      <NoticeLine notice={history.notice} />
      {history.loaded && history.items.length === 0 ? (
        <p>No predictions yet. Make one on the Predict page: every prediction is logged here.</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table">
            <caption className="visually-hidden">Logged predictions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col" className="num">Version</th>
                <th scope="col" className="num">Predicted</th>
                {shownCodes.map((c) => (
                  <th key={c} scope="col" className="num">{c.toUpperCase()}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.items.map((p) => (
                <tr key={p.id}>
                  <td>{new Date(p.at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' })}</td>
                  <td className="num">{p.modelVersion}</td>
                  <td className="num">
                    {formatTarget(p.priceThousands, dollarsFor(p))}
                    {p.target && !dollarsFor(p) && <span className="hint"> {p.target}</span>}
                  </td>
                  {shownCodes.map((c) => (
                    <td key={c} className="num">{Object.hasOwn(p.inputs, c) ? exact(p.inputs[c]) : ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.next !== null && (
        <button type="button" className="button" disabled={history.busy} onClick={() => loadMore()}>
          Load 50 more
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Clear the prediction history?"
        confirmLabel="Clear history"
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          await clearHistory();
        }}
      >
        <p>Every logged prediction in this browser is removed. Saved models are not touched. Export a CSV first to keep a copy.</p>
      </ConfirmDialog>
    </section>
  );
}
