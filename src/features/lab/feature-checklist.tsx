import { useId } from 'react';
import { BOSTON_FEATURES, DATASET_NOTES } from '../../ml/dataset-meta';
import { useLab } from '../../store/lab-store';

/** One checkbox per feature; `b` carries the note on why scikit-learn withdrew the dataset, and a one-click drop. */
export function FeatureChecklist() {
  const features = useLab((s) => s.settings.features);
  const toggle = useLab((s) => s.toggleFeature);
  const change = useLab((s) => s.change);
  const noteId = useId();
  const included = new Set(features);
  const only = features.length === 1;
  return (
    <fieldset className="features">
      <legend>Features <span className="legend-count">{features.length} of {BOSTON_FEATURES.length}</span></legend>
      <div className="features__actions">
        <button type="button" disabled={features.length === BOSTON_FEATURES.length} onClick={(e) => change({ features: BOSTON_FEATURES.map((f) => f.code) }, { inputTime: e.timeStamp })}>
          All features
        </button>
        {included.has('b') && !only && (
          <button type="button" onClick={(e) => toggle('b', false, { inputTime: e.timeStamp })}>Drop b</button>
        )}
      </div>
      <ul className="features__list">
        {BOSTON_FEATURES.map((f) => {
          const checked = included.has(f.code);
          return (
            <li key={f.code} className={f.code === 'b' ? 'feature feature--flagged' : 'feature'}>
              <label title={checked && only ? 'At least one feature must stay included' : undefined}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={checked && only}
                  aria-describedby={f.code === 'b' ? noteId : undefined}
                  onChange={(e) => toggle(f.code, e.currentTarget.checked, { inputTime: e.timeStamp })}
                />
                <code>{f.code}</code>
                <span className="feature__desc">{f.description}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <p className="note note--warning" id={noteId}><strong>About b:</strong> {DATASET_NOTES.b}</p>
    </fieldset>
  );
}
