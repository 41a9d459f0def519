import { useId } from 'react';

interface ReadoutProps {
  /** Visible label and the output's accessible name. */
  label: string;
  value: string;
  unit?: string;
  emphasis?: boolean;
}

/** A labelled `<output>`: the label alone names it, so tests and screen readers find it by that text. */
export function Readout({ label, value, unit, emphasis }: ReadoutProps) {
  const id = useId();
  return (
    <div className={emphasis ? 'readout readout--emphasis' : 'readout'}>
      <span className="readout__label" id={id}>{label}</span>
      <span className="readout__value">
        <output aria-labelledby={id}>{value}</output>
        {unit && <span className="readout__unit"> {unit}</span>}
      </span>
    </div>
  );
}
