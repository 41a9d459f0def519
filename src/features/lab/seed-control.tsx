import { useEffect, useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { MAX_SEED } from '../../ml/split';
import { SEED_SLIDER_MAX } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { SliderField } from '../../ui/slider-field';

/** A typed seed applies after this long without a keystroke (or at once on Enter or leaving the field). */
export const SEED_TYPING_PAUSE_MS = 700;

/** The split's random_state: a slider for browsing, a number field for any 32-bit seed, and a dice button. */
export function SeedControl() {
  const seed = useLab((s) => s.settings.seed);
  const change = useLab((s) => s.change);
  const fieldId = useId();
  const errorId = useId();
  // What is typed stays in the field until it is applied; the store (and so the URL and the worker) only ever
  // sees whole, valid seeds, one change per typed number.
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const draftInvalid = draft !== null && !isSeedText(draft);

  const stopTimer = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stopTimer, []);

  const apply = (text: string, event?: SyntheticEvent) => {
    stopTimer();
    if (!isSeedText(text)) return;
    setDraft(null);
    // Re-applying the seed in use changes nothing: the store sees the same sweep and the URL stays as it is.
    change({ seed: Number(text) }, { inputTime: event?.timeStamp });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && draft !== null) apply(draft, e);
    if (e.key === 'Escape') {
      stopTimer();
      setDraft(null);
    }
  };

  return (
    <SliderField
      label="Seed"
      min={0}
      max={SEED_SLIDER_MAX}
      value={Math.min(seed, SEED_SLIDER_MAX)}
      onChange={(value, e) => {
        stopTimer();
        setDraft(null);
        change({ seed: value }, { inputTime: e.timeStamp, source: 'drag' });
      }}
    >
      <div className="seed-row">
        <label htmlFor={fieldId} className="visually-hidden-label">Seed number</label>
        <input
          id={fieldId}
          className="number-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={draft ?? String(seed)}
          aria-invalid={draftInvalid}
          aria-describedby={draftInvalid ? errorId : undefined}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            stopTimer();
            if (isSeedText(text)) timer.current = window.setTimeout(() => apply(text), SEED_TYPING_PAUSE_MS);
          }}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            // Leaving the field applies a valid seed; invalid text stays, with its message, until it is fixed.
            if (draft !== null && isSeedText(draft)) apply(draft, e);
          }}
        />
        <button
          type="button"
          onClick={(e) => {
            stopTimer();
            setDraft(null);
            change({ seed: Math.floor(Math.random() * (SEED_SLIDER_MAX + 1)) }, { inputTime: e.timeStamp });
          }}
        >
          Random seed
        </button>
      </div>
      {draftInvalid && (
        <p className="field-error" id={errorId}>
          A seed is a whole number from 0 to {MAX_SEED.toLocaleString('en-GB')} (digits only); the seed in use stays {seed.toLocaleString('en-GB')}.
        </p>
      )}
    </SliderField>
  );
}

function isSeedText(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= MAX_SEED;
}
