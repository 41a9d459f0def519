import { useEffect, useState } from 'react';
import { BOSTON_FEATURES, BUILT_IN_DATASETS } from '../../ml/dataset-meta';
import { useLab } from '../../store/lab-store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formatTarget } from '../../ui/format-price';
import { exact, whole } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import './history.css';
import { CSV_TYPE, downloadText } from '../../ui/download';

const levelText = (level: number) => `${Math.round(level * 100)} %`;

/** Files predicted in one go, newest first, one entry each, with their results to download again. */
function BatchList({ filter, stored }: { filter: number | null; stored: Set<number> }) {
  const batches = useLab((s) => s.history.batches);
  const loaded = useLab((s) => s.history.batchesLoaded);
  const downloadBatch = useLab((s) => s.downloadBatch);
  // The version filter applies here too: "version 2's history" is its predictions and its batches.
  const shown = filter === null ? batches : batches.filter((b) => b.modelVersion === filter);
  return (
    <section className="history__batches" aria-labelledby="batches-title">
      <h3 id="batches-title" className="panel__title">Batches</h3>
      {!loaded ? (
        <p className="hint">Loading…</p>
      ) : shown.length === 0 ? (
        <p>{batches.length === 0 ? 'No batches yet. Predict a file on the Predict page: each file is kept here as one entry.' : `No batches by version ${filter}.`}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table">
            <caption className="visually-hidden">Batch predictions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">File</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Predicted</th>
                <th scope="col" className="num">Refused</th>
                <th scope="col" className="num">Unlike training data</th>
                <th scope="col">Model</th>
                <th scope="col" className="num">Interval</th>
                <th scope="col"><span className="visually-hidden">Results</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => (
                <tr key={b.id}>
                  <td>{new Date(b.at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' })}</td>
                  <td className="history__file">{b.fileName}</td>
                  <td className="num">{whole(b.rows)}</td>
                  <td className="num">{whole(b.predicted)}</td>
                  <td className="num">{whole(b.refused)}</td>
                  <td className="num">{whole(b.outOfRange)}</td>
                  <td className="history__model">
                    Version {b.modelVersion}{stored.has(b.modelVersion) ? '' : ' (deleted)'} “{b.modelName}”
                  </td>
                  <td className="num">{levelText(b.level)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Download CSV of ${b.fileName}`}
                      onClick={async () => {
                        const file = await downloadBatch(b.id);
                        if (file) downloadText(file.fileName, file.text, CSV_TYPE);
                      }}
                    >
                      Download CSV
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every logged prediction, newest first, a page at a time, with a version filter, CSV export and clear; then the batches. */
export function HistoryView() {
  const history = useLab((s) => s.history);
  const entries = useLab((s) => s.registry.entries);
  const loadHistory = useLab((s) => s.loadHistory);
  const loadMore = useLab((s) => s.loadMoreHistory);
  const exportHistory = useLab((s) => s.exportHistory);
  const clearHistory = useLab((s) => s.clearHistory);
  const loadBatches = useLab((s) => s.loadBatches);
  const batchCount = useLab((s) => s.history.batches.length);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void loadBatches();
  }, [loadBatches]);

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
            downloadText(fileName, text, CSV_TYPE);
          }}
        >
          Export CSV
        </button>
        <button type="button" className="button button--danger" disabled={history.total === 0 && batchCount === 0} onClick={() => setConfirming(true)}>
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
      <BatchList filter={history.filter} stored={stored} />
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
        <p>Every logged prediction and every kept batch in this browser is removed. Saved models are not touched. Export a CSV (and download the batches you need) first to keep a copy.</p>
      </ConfirmDialog>
    </section>
  );
}
