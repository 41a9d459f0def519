import { useState } from 'react';
import type { DatasetMeta, ModelRef } from '../../store/services';
import { useLab } from '../../store/lab-store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { whole } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Every dataset the lab can use: the built-in ones and those imported here, with Show in lab and Delete. */
export function DatasetList() {
  const catalogue = useLab((s) => s.datasets.catalogue);
  const imported = useLab((s) => s.datasets.imported);
  const notice = useLab((s) => s.datasets.notice);
  const dismiss = useLab((s) => s.dismissDatasetsNotice);
  const current = useLab((s) => s.settings.dataset);
  const change = useLab((s) => s.change);
  const modelsTrainedOn = useLab((s) => s.modelsTrainedOn);
  const deleteDataset = useLab((s) => s.deleteDataset);
  const [pending, setPending] = useState<{ meta: DatasetMeta; models: ModelRef[] | null } | null>(null);
  const byId = new Map(imported.map((m) => [m.id, m]));

  const askDelete = async (meta: DatasetMeta) => {
    setPending({ meta, models: null });
    const models = await modelsTrainedOn(meta.id);
    setPending((p) => (p?.meta.id === meta.id ? { meta, models } : p));
  };

  return (
    <section className="panel" aria-labelledby="datasets-title">
      <h2 id="datasets-title" className="panel__title">Datasets</h2>
      <NoticeLine notice={notice} onDismiss={dismiss} />
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="datasets-title">
        <table className="datasets-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col" className="num">Rows</th><th scope="col" className="num">Features</th><th scope="col">Target</th><th scope="col">Actions</th></tr>
          </thead>
          <tbody>
            {[...catalogue.values()].map((d) => {
              const meta = byId.get(d.id);
              return (
                <tr key={d.id} aria-current={d.id === current ? 'true' : undefined}>
                  <th scope="row" className="datasets-table__name">
                    {d.title} {d.id === current && <span className="badge badge--active">In the lab</span>}
                    <div className="hint">{meta ? `Imported from ${meta.fileName} on ${when(meta.importedAt)}${meta.source.leftOutCount ? `; ${whole(meta.source.leftOutCount)} rows left out` : ''}` : 'Built in'}</div>
                  </th>
                  <td className="num">{whole(d.nRows)}</td>
                  <td className="num">{d.features.length}</td>
                  <td><code>{d.target}</code></td>
                  <td className="datasets-table__actions">
                    <button type="button" className="button" disabled={d.id === current} aria-label={`Show ${d.title} in the lab`} onClick={() => change({ dataset: d.id })}>
                      Show
                    </button>
                    {meta && (
                      <button type="button" className="button button--danger" aria-label={`Delete dataset ${d.title}`} onClick={() => void askDelete(meta)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={`Delete the dataset “${pending?.meta.name ?? ''}”?`}
        confirmLabel="Delete dataset"
        onCancel={() => setPending(null)}
        onConfirm={async () => {
          const target = pending;
          setPending(null);
          if (target) await deleteDataset(target.meta.id);
        }}
      >
        <p>Its rows are removed from this browser. Import the file again to get it back (it gets the same id, so links to it work again).</p>
        {pending?.models === null ? (
          <p className="hint">Looking for models trained on it…</p>
        ) : pending && pending.models.length > 0 ? (
          <>
            <p>
              {pending.models.length === 1 ? 'One saved model was' : `${pending.models.length} saved models were`} trained on it. They keep predicting (a model
              carries its own training rows), but cannot be opened in the lab:
            </p>
            <ul aria-label="Models trained on this dataset">
              {pending.models.map((m) => <li key={m.version}>Version {m.version}{m.name ? `, “${m.name}”` : ''}</li>)}
            </ul>
          </>
        ) : (
          <p>No saved model was trained on it.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
