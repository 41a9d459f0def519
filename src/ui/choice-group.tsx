import { useId, type SyntheticEvent } from 'react';

interface ChoiceGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T, event: SyntheticEvent) => void;
  hint?: string;
  /** Options one under another: for long or many labels (imported datasets' names). */
  stacked?: boolean;
}

/** A radio group drawn as a segmented control; arrow keys move between options as with any radio group. */
export function ChoiceGroup<T extends string>({ legend, name, value, options, onChange, hint, stacked = false }: ChoiceGroupProps<T>) {
  const hintId = useId();
  return (
    <fieldset className={stacked ? 'choice choice--stacked' : 'choice'} aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      <div className="choice__options">
        {options.map((o) => (
          <label key={o.value} className="choice__option">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={(e) => onChange(o.value, e)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
    </fieldset>
  );
}
