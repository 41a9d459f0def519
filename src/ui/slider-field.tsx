import { useId, type ReactNode, type SyntheticEvent } from 'react';

interface SliderFieldProps {
  label: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  onChange: (value: number, event: SyntheticEvent) => void;
  /** What the value means, e.g. "10 %"; announced instead of the raw number. */
  valueText?: string;
  /** Shown beside the label: the current value in words. */
  display?: ReactNode;
  children?: ReactNode;
}

/** A native range input with a visible label; native ranges already take arrows, Page Up/Down, Home and End. */
export function SliderField({ label, min, max, step = 1, value, onChange, valueText, display, children }: SliderFieldProps) {
  const id = useId();
  return (
    <div className="slider">
      <div className="slider__head">
        <label htmlFor={id}>{label}</label>
        {display && <span className="slider__display">{display}</span>}
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.currentTarget.value), e)}
      />
      {children}
    </div>
  );
}
