import { useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../../store/services';
import { useLab } from '../../store/lab-store';
import { currentBestK } from '../../store/sweep-slice';
import { NoticeLine } from '../../ui/notice-line';
import './registry.css';

/** Saves the lab's settings at the selected k as a new registry version. */
export function SaveModelForm() {
  // Narrow selections: this form sits under the lab, and a whole-settings selection would re-render it on every
  // slider step.
  const selectedK = useLab((s) => s.settings.k);
  const seed = useLab((s) => s.settings.seed);
  const weights = useLab((s) => s.settings.weights);
  const scale = useLab((s) => s.settings.scale);
  // Only the sweep that answers the current settings names a k: the previous one's best k is not this model's.
  const bestK = useLab(currentBestK);
  const busy = useLab((s) => s.registry.busy);
  const notice = useLab((s) => s.registry.notice);
  const saveModel = useLab((s) => s.saveModel);
  const dismiss = useLab((s) => s.dismissRegistryNotice);
  const byRadius = useLab((s) => s.settings.neighbours === 'radius');
  const radius = useLab((s) => s.settings.radius ?? (s.sweep.request?.neighbours === 'radius' ? (s.sweep.result?.radius?.best?.radius ?? null) : null));
  const k = selectedK ?? bestK;
  const radiusShown = radius === null ? null : String(Number(radius.toPrecision(4)));
  const chosen = byRadius ? (radiusShown === null ? null : `radius ${radiusShown}`) : k === null ? null : `k ${k}`;
  const suggested = chosen === null ? '' : `${chosen}, seed ${seed}, ${weights}, ${scale === 'none' ? 'unscaled' : 'scaled'}`;
  const [name, setName] = useState('');
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await saveModel(name || suggested, note)) {
      setName('');
      setNote('');
    }
  };

  return (
    <form className="panel save-model" aria-labelledby="save-model-title" onSubmit={submit}>
      <h2 id="save-model-title" className="panel__title">Save this model</h2>
      <p className="hint">
        Keeps these settings at {chosen ?? (byRadius ? 'the best radius (calculating…)' : 'k = … (calculating)')} as a new version in this browser, checked by a
        SHA-256 on every load.
      </p>
      <div className="save-model__fields">
        <label className="field">
          <span className="field__label">Model name</span>
          <input className="text-input" value={name} placeholder={suggested} maxLength={MAX_NAME_LENGTH} onChange={(e) => setName(e.currentTarget.value)} />
        </label>
        <label className="field">
          <span className="field__label">Note (optional)</span>
          <input className="text-input" value={note} maxLength={MAX_NOTE_LENGTH} onChange={(e) => setNote(e.currentTarget.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save model'}
        </button>
      </div>
      <NoticeLine notice={notice} onDismiss={dismiss} />
    </form>
  );
}
