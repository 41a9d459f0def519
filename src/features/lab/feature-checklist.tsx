import { useId } from 'react';
import { DATASET_NOTES, datasetInfo } from '../../ml/dataset-meta';
import { useLab } from '../../store/lab-store';

/** One checkbox per feature; `b` carries the note on why scikit-learn withdrew the dataset, and a one-click drop. */
export function FeatureChecklist() {
  const features = useLab((s) => s.settings.features);
  const toggle = useLab((s) => s.toggleFeature);
  const change = useLab((s) => s.change);
  const noteId = useId();
  const info = useLab((s) => datasetInfo(s.datasets.catalogue, s.settings.dataset));
  const all = info.features;
  // Only Boston's b carries the note on why scikit-learn withdrew the dataset.
  const flagged = info.builtIn ? 'b' : null;
  const included = new Set(features);
  const only = features.length === 1;
  return (
    <fieldset className="features">
      <legend>Features <span className="legend-count">{features.length} of {all.length}</span></legend>
      <div className="features__actions">
        <button type="button" disabled={features.length === all.length} onClick={(e) => change({ features: all.map((f) => f.code) }, { inputTime: e.timeStamp })}>
          All features
        </button>
        {flagged && included.has(flagged) && !only && (
          <button type="button" onClick={(e) => toggle('b', false, { inputTime: e.timeStamp })}>Drop b</button>
        )}
      </div>
      <ul className="features__list">
        {all.map((f) => {
          const checked = included.has(f.code);
          return (
            <li key={f.code} className={f.code === flagged ? 'feature feature--flagged' : 'feature'}>
              <label title={checked && only ? 'At least one feature must stay included' : undefined}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={checked && only}
                  aria-describedby={f.code === flagged ? noteId : undefined}
                  onChange={(e) => toggle(f.code, e.currentTarget.checked, { inputTime: e.timeStamp })}
                />
                <code>{f.code}</code>
                {f.description && <span className="feature__desc">{f.description}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {flagged && <p className="note note--warning" id={noteId}><strong>About b:</strong> {DATASET_NOTES.b}</p>}
    </fieldset>
  );
}
