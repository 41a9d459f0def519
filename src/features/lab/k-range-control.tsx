import { useId, useState } from 'react';
import { kLimit, sweptKMax } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';

/**
 * The largest k the sweep scores. By default every k (1..1000 above 5,000 rows, where each extra k costs every test
 * row another neighbour); a typed whole number up to the limit raises or lowers it, on Enter or leaving the field.
 */
export function KRangeControl() {
  const setting = useLab((s) => s.settings.kMax);
  const swept = useLab((s) => sweptKMax(s.settings, s.datasets.catalogue));
  const limit = useLab((s) => kLimit(s.settings, s.datasets.catalogue));
  const change = useLab((s) => s.change);
  const fieldId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const valid = (text: string) => /^\d{1,9}$/.test(text) && Number(text) >= 1 && Number(text) <= limit;
  const invalid = draft !== null && !valid(draft.trim());
  const apply = (text: string) => {
    const trimmed = text.trim();
    if (!valid(trimmed)) return;
    setDraft(null);
    if (Number(trimmed) !== setting) change({ kMax: Number(trimmed) });
  };
  return (
    <div className="k-range">
      <label htmlFor={fieldId} className="field__label">Largest k swept</label>
      <div className="seed-row">
        <input
          id={fieldId}
          className="number-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={draft ?? String(swept)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && draft !== null) apply(draft);
            if (e.key === 'Escape') setDraft(null);
          }}
          onBlur={() => draft !== null && apply(draft)}
        />
        <button
          type="button"
          disabled={setting === null}
          onClick={() => {
            setDraft(null);
            change({ kMax: null });
          }}
        >
          Default range
        </button>
      </div>
      {invalid ? (
        <p className="field-error" id={errorId}>The largest k is a whole number from 1 to {limit.toLocaleString('en-GB')}; the sweep keeps 1 to {swept.toLocaleString('en-GB')}.</p>
      ) : (
        <p className="hint">
          {setting === null
            ? swept < limit ? `The default above 5,000 rows; up to ${limit.toLocaleString('en-GB')} possible.` : 'The default: every k.'
            : 'Your choice, kept in the link. Default range: every k (1 to 1,000 above 5,000 rows).'}
        </p>
      )}
    </div>
  );
}
