import { useEffect, useState } from 'react';
import { describeChosenBy } from '../../ml/chosen-by';
import type { DatasetCatalogue } from '../../ml/dataset-meta';
import { reproduceCommand } from '../../ml/reproduce-command';
import { settingsFromSaved } from '../../ml/settings-schema';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH, type ModelEntry, type ModelRecord } from '../../store/services';
import type { LabSettings } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { fixed2 } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import { CompareVersions } from './compare-versions';
import { ExportButtons, ModelImport } from './model-file-actions';
import './registry.css';

const when = (ms: number | null) => (ms === null ? '–' : new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));

/** The lab settings a saved version holds, as the settings table reads them back; any the lab no longer allows are left as they are. */
function settingsOf(record: ModelRecord, catalogue: DatasetCatalogue): Partial<LabSettings> {
  // Records from before chosenBy were all single splits.
  const radius = record.model.radius ?? null;
  return {
    ...settingsFromSaved(record, catalogue),
    cv: record.chosenBy?.method === 'kfold' ? record.chosenBy.folds : null,
    // The default k range of the record's dataset: the lab's current one may belong to another dataset.
    kMax: null,
    neighbours: radius === null ? 'k' : 'radius',
    radius,
    ...(radius === null ? {} : { k: null }),
  };
}

function RenameForm({ record, onDone }: { record: ModelRecord; onDone: () => void }) {
  const renameModel = useLab((s) => s.renameModel);
  const [name, setName] = useState(record.name);
  const [note, setNote] = useState(record.note);
  return (
    <form
      className="rename"
      aria-label={`Rename version ${record.version}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await renameModel(record.version, name, note)) onDone();
      }}
    >
      <label className="field">
        <span className="field__label">New name</span>
        <input className="text-input" value={name} maxLength={MAX_NAME_LENGTH} required onChange={(e) => setName(e.currentTarget.value)} autoFocus />
      </label>
      <label className="field">
        <span className="field__label">Note</span>
        <input className="text-input" value={note} maxLength={MAX_NOTE_LENGTH} onChange={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" className="button button--primary">Save name</button>
      <button type="button" className="button" onClick={onDone}>Cancel</button>
    </form>
  );
}

function ModelRow({ entry, onDelete }: { entry: ModelEntry; onDelete: (entry: ModelEntry) => void }) {
  const activateModel = useLab((s) => s.activateModel);
  const change = useLab((s) => s.replaceSettings);
  const settings = useLab((s) => s.settings);
  const catalogue = useLab((s) => s.datasets.catalogue);
  const importedMeta = useLab((s) => (entry.status === 'ok' ? s.datasets.imported.find((d) => d.id === entry.record.dataset.name) : undefined));
  const [renaming, setRenaming] = useState(false);
  const label = `version ${entry.version}`;

  if (entry.status === 'damaged') {
    return (
      <tr className="model-row model-row--damaged">
        <th scope="row">{entry.version}</th>
        <td colSpan={7}>
          <strong>{entry.name ?? 'Unnamed'}</strong> — <span className="badge badge--damaged">Damaged</span> {entry.reason}. It is never used to
          predict. {entry.active && 'It is the active version: activate another one.'}
          <div className="hint">Saved {when(entry.createdAt)}</div>
        </td>
        <td className="model-row__actions">
          <button type="button" className="button button--danger" onClick={() => onDelete(entry)} aria-label={`Delete ${label}`}>Delete</button>
        </td>
      </tr>
    );
  }
  const r = entry.record;
  const trainedOn = catalogue.get(r.dataset.name);
  return (
    <>
      <tr className={entry.active ? 'model-row model-row--active' : 'model-row'} aria-current={entry.active ? 'true' : undefined}>
        <th scope="row">{r.version}</th>
        <td className="model-row__name">
          <strong>{r.name}</strong> {entry.active && <span className="badge badge--active">Active</span>}
          {r.note && <div className="hint">{r.note}</div>}
          <div className="hint">
            Trained on {trainedOn ? <>“{trainedOn.title}”</> : <>a dataset not in this browser (<code>{r.dataset.name}</code>)</>}, target{' '}
            <code>{r.model.dataset.target}</code>.
          </div>
          <div className="hint">k chosen by {describeChosenBy(r.chosenBy)}{r.chosenBy?.method === 'kfold' ? `; CV MSE ${fixed2(r.metrics.mse)} ± ${fixed2(r.chosenBy.mseStd)}, one-SE k ${r.chosenBy.oneSeK}` : ''}.</div>
          {r.seedStanding && (
            <div className="hint">
              Its test MSE is higher than the best of {Math.round(r.seedStanding.lowerShare * 100)} % of seeds {r.seedStanding.seeds.from}–{r.seedStanding.seeds.to} (the
              Stability view’s run for these settings).
            </div>
          )}
          <details className="reproduce">
            <summary>Reproduce with <code>learn</code></summary>
            <code className="reproduce__command">{reproduceCommand(r, importedMeta ? { fileName: importedMeta.fileName, target: importedMeta.target, columns: importedMeta.features, leftOutRows: importedMeta.source.leftOutCount > 0 } : null)}</code>
          </details>
        </td>
        <td className="num" data-label="k">{r.model.radius === undefined ? r.k : `radius ${Number(r.model.radius.toPrecision(4))}`}</td>
        <td className="num" data-label="seed">{r.seed}</td>
        <td data-label="weights">{r.weights}</td>
        <td data-label="scaling">{r.scale}</td>
        <td className="num" data-label="test MSE">{fixed2(r.metrics.mse)}</td>
        <td className="num" data-label="R²">{fixed2(r.metrics.r2)}</td>
        <td className="model-row__actions">
          <span className="hint model-row__date">{when(r.createdAt)}</span>
          <button type="button" className="button button--primary" disabled={entry.active} onClick={() => activateModel(r.version)} aria-label={`Activate ${label}`}>
            {entry.active ? 'Active' : 'Activate'}
          </button>
          <button
            type="button"
            className="button"
            aria-label={`Open ${label} in lab`}
            disabled={!trainedOn}
            title={trainedOn ? undefined : 'Its dataset is not in this browser: it still predicts, but the lab cannot sweep it.'}
            onClick={() => {
              change({ ...settings, ...settingsOf(r, catalogue) });
              window.location.hash = 'lab';
            }}
          >
            Open in lab
          </button>
          <button type="button" className="button" aria-label={`Rename ${label}`} onClick={() => setRenaming(true)}>Rename</button>
          <ExportButtons version={r.version} />
          <button type="button" className="button button--danger" aria-label={`Delete ${label}`} disabled={entry.active} aria-describedby={entry.active ? `active-note-${r.version}` : undefined} onClick={() => onDelete(entry)}>
            Delete
          </button>
          {entry.active && (
            <span id={`active-note-${r.version}`} className="hint model-row__date">
              The active version cannot be deleted: activate another one first.
            </span>
          )}
        </td>
      </tr>
      {renaming && (
        <tr>
          <td colSpan={9}>
            <RenameForm record={r} onDone={() => setRenaming(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The registry: every saved version, the active one marked, with activate, open, rename and delete. */
export function ModelsView() {
  const registry = useLab((s) => s.registry);
  const deleteModel = useLab((s) => s.deleteModel);
  const dismiss = useLab((s) => s.dismissRegistryNotice);
  const refresh = useLab((s) => s.refreshModels);
  const [pending, setPending] = useState<ModelEntry | null>(null);

  useEffect(() => {
    if (registry.loaded) void refresh();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- re-verify once when the view opens

  const askDelete = (entry: ModelEntry) => setPending(entry);

  return (
    <section className="panel models" aria-labelledby="models-title">
      <h2 id="models-title" className="panel__title">Models</h2>
      <p className="hint">
        Every saved version, newest first. Each record is checked against its SHA-256 whenever it is listed or activated; a record that
        fails is shown as damaged and never used. Storage:{' '}
        <strong>{registry.storage.available ? (registry.storage.persistent ? 'persistent (the browser will not evict it)' : 'kept, but the browser may evict it under pressure') : 'memory only: nothing is kept'}</strong>.
      </p>
      <NoticeLine notice={registry.notice} onDismiss={dismiss} />
      <ModelImport>
      {registry.activeProblem && <p className="notice notice--warning">{registry.activeProblem}</p>}
      {!registry.loaded ? (
        <p className="hint">Loading saved models…</p>
      ) : registry.entries.length === 0 ? (
        <p>No models saved yet. Use “Save model” in the lab.</p>
      ) : (
        <div className="table-scroll">
          <table className="models-table">
            <caption className="visually-hidden">Saved model versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">k</th>
                <th scope="col" className="num">Seed</th>
                <th scope="col">Weights</th>
                <th scope="col">Scaling</th>
                <th scope="col" className="num">Test MSE</th>
                <th scope="col" className="num">R²</th>
                <th scope="col">Saved · actions</th>
              </tr>
            </thead>
            <tbody>
              {registry.entries.map((entry) => (
                <ModelRow key={entry.version} entry={entry} onDelete={askDelete} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      </ModelImport>
      <CompareVersions />
      <ConfirmDialog
        open={pending !== null}
        title={`Delete version ${pending?.version ?? ''}?`}
        confirmLabel="Delete"
        onCancel={() => setPending(null)}
        onConfirm={async () => {
          const entry = pending;
          setPending(null);
          if (entry) await deleteModel(entry.version);
        }}
      >
        <p>This removes the model from this browser. Predictions already logged keep their version number.</p>
      </ConfirmDialog>
    </section>
  );
}
