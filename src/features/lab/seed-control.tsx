import { useId, useState } from 'react';
import { MAX_SEED } from '../../ml/split';
import { SEED_SLIDER_MAX } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { SliderField } from '../../ui/slider-field';

/** The split's random_state: a slider for browsing, a number field for any 32-bit seed, and a dice button. */
export function SeedControl() {
  const seed = useLab((s) => s.settings.seed);
  const change = useLab((s) => s.change);
  const fieldId = useId();
  const errorId = useId();
  // The field keeps what is typed until it is a valid seed; the store only ever holds valid ones.
  const [draft, setDraft] = useState<string | null>(null);
  const draftInvalid = draft !== null && !isSeedText(draft);

  return (
    <SliderField
      label="Seed"
      min={0}
      max={SEED_SLIDER_MAX}
      value={Math.min(seed, SEED_SLIDER_MAX)}
      onChange={(value, e) => {
        setDraft(null);
        change({ seed: value }, { inputTime: e.timeStamp, source: 'drag' });
      }}
    >
      <div className="seed-row">
        <label htmlFor={fieldId} className="visually-hidden-label">Seed number</label>
        <input
          id={fieldId}
          className="number-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          step={1}
          value={draft ?? String(seed)}
          aria-invalid={draftInvalid}
          aria-describedby={draftInvalid ? errorId : undefined}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            if (isSeedText(text)) change({ seed: Number(text) }, { inputTime: e.timeStamp });
          }}
          onBlur={() => setDraft(null)}
        />
        <button
          type="button"
          onClick={(e) => {
            setDraft(null);
            change({ seed: Math.floor(Math.random() * (SEED_SLIDER_MAX + 1)) }, { inputTime: e.timeStamp });
          }}
        >
          Random seed
        </button>
      </div>
      {draftInvalid && (
        <p className="field-error" id={errorId}>A seed is a whole number from 0 to {MAX_SEED.toLocaleString('en-GB')}.</p>
      )}
    </SliderField>
  );
}

function isSeedText(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) <= MAX_SEED;
}
