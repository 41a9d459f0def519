// The kinds a lab setting can be (a choice, a whole number, a fraction, a subset of a list) and how each reads
// its text, writes it back and says in words what is allowed. settings-schema.ts builds its table from these.

/** A bound that may depend on the settings above it in the table (`In`), such as k's upper bound on the split. */
export type Bound<X, In> = X | ((earlier: In) => X);

/** The table's columns that code picks settings by. */
export interface Columns {
  /** True when a change needs a new sweep; false when it only changes the view. */
  sweep: boolean;
  /** The `learn` CLI's long option, when the CLI shares the setting; null when it does not. */
  cli: string | null;
  /** Where a saved model's record keeps the setting (a dotted path); null when it is not saved with a model. */
  saved: string | null;
}

/** What every row of the table declares besides its kind and allowed values. */
interface Declared<T> extends Columns {
  /** Query-string key. */
  url: string;
  /** One line for help and notices: what the setting is. */
  description: string;
  default: T;
  /** How notices and help name the default when its text is unwieldy ("all features"). */
  defaultLabel?: string;
}

/** One setting: its columns plus how its values are read, written and described. */
export interface SettingSpec<T, In = unknown> extends Columns {
  kind: 'choice' | 'whole number' | 'fraction' | 'subset';
  url: string;
  description: string;
  default: T;
  defaultLabel: string;
  /** Stands for the value in help: `uniform|distance`, `N`, `F`. */
  metavar: string;
  /** What is allowed, in words ("a whole number from 0 to 4294967295"). */
  allowed: (earlier: In) => string;
  /** The value a text means, or undefined when the text is not allowed. */
  parse: (text: string, earlier: In) => T | undefined;
  /** The text `parse` reads back as this value. */
  format: (value: T) => string;
  /** The default when it depends on the settings above (every feature of the chosen dataset); else `default`. */
  defaultFor?: (earlier: In) => T;
}

/** The columns of a row exactly as written (`sweep: true`, `cli: 'seed'`), so types can select rows by them. */
type Exact<F extends Columns> = { sweep: F['sweep']; cli: F['cli']; saved: F['saved'] };

const resolve = <X, In>(bound: Bound<X, In>, earlier: In): X =>
  typeof bound === 'function' ? (bound as (earlier: In) => X)(earlier) : bound;

/** "a or b", "a, b, c or d". */
function listed(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** The declared part of a row, its columns exactly as written and the default's label filled in. */
function declared<T, F extends Columns>(spec: F & Declared<T>, format: (value: T) => string) {
  const { url, cli, saved, sweep, description } = spec;
  return { url, cli, saved, sweep, description, default: spec.default, defaultLabel: spec.defaultLabel ?? format(spec.default) } as Exact<F> & Declared<T> & { defaultLabel: string };
}

/** A setting that is one of a fixed list of names, spelled exactly. Reading a text is O(names). */
export function choice<const V extends readonly string[], F extends Columns>(values: V, spec: F & Declared<V[number]>): SettingSpec<V[number]> & Exact<F> {
  const format = (value: V[number]) => value;
  return {
    ...declared(spec, format),
    kind: 'choice',
    metavar: values.join('|'),
    allowed: () => listed(values),
    parse: (text) => (values.includes(text) ? text : undefined),
    format,
  };
}

type WholeNumberRange<In> = { min: number; max: Bound<number, In> };
/** `text` stands for null (no number chosen); `label` names that in notices ("the best k"). */
type Unset = { unset: { text: string; label: string } };

/** A setting that is a whole number in min..max, written in digits; with `unset`, also null, written as `unset.text`. Reading is O(text). */
export function wholeNumber<F extends Columns, In = unknown>(spec: F & Declared<number> & WholeNumberRange<In>): SettingSpec<number, In> & Exact<F>;
export function wholeNumber<F extends Columns, In = unknown>(spec: F & Declared<number | null> & WholeNumberRange<In> & Unset): SettingSpec<number | null, In> & Exact<F>;
export function wholeNumber<F extends Columns, In>(
  spec: F & Declared<number | null> & WholeNumberRange<In> & Partial<Unset>,
): (SettingSpec<number, In> | SettingSpec<number | null, In>) & Exact<F> {
  const { min, max, unset } = spec;
  const format = (value: number | null) => (value === null ? (unset?.text ?? '') : String(value));
  const base = declared(spec, format);
  return {
    ...base,
    defaultLabel: spec.default === null && unset ? (spec.defaultLabel ?? unset.label) : base.defaultLabel,
    kind: 'whole number',
    metavar: 'N',
    allowed: (earlier) => `${unset ? `${unset.text} or ` : ''}a whole number from ${min} to ${resolve(max, earlier)}`,
    parse: (text, earlier) => {
      if (unset && text === unset.text) return null;
      const n = Number(text);
      return /^\d+$/.test(text) && n >= min && n <= resolve(max, earlier) ? n : undefined;
    },
    format,
  };
}

// Decimals as people and String(number) write them: 0.25, .25, 5., 1e-1.
const DECIMAL = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A setting that is a decimal in min..max; `open` leaves out both ends. Reading is O(text). */
export function fraction<F extends Columns>(spec: F & Declared<number> & { min: number; max: number; open?: boolean }): SettingSpec<number> & Exact<F> {
  const { min, max, open = false } = spec;
  const format = (value: number) => String(value);
  return {
    ...declared(spec, format),
    kind: 'fraction',
    metavar: 'F',
    allowed: () => (open ? `a fraction strictly between ${min} and ${max}` : `a fraction from ${min} to ${max}`),
    parse: (text) => {
      const f = DECIMAL.test(text) ? Number(text) : Number.NaN;
      return (open ? f > min && f < max : f >= min && f <= max) ? f : undefined;
    },
    format,
  };
}

/**
 * A setting that is a positive decimal, written as String(number) writes it; with `unset`, also null, written as
 * `unset.text` (e.g. "best"). Reading is O(text).
 */
export function positiveDecimal<F extends Columns>(spec: F & Declared<number | null> & Unset): SettingSpec<number | null> & Exact<F> {
  const { unset } = spec;
  const format = (value: number | null) => (value === null ? unset.text : String(value));
  const base = declared(spec, format);
  return {
    ...base,
    defaultLabel: spec.default === null ? (spec.defaultLabel ?? unset.label) : base.defaultLabel,
    kind: 'fraction',
    metavar: 'R',
    allowed: () => `${unset.text} or a number greater than 0`,
    parse: (text) => {
      if (text === unset.text) return null;
      const r = DECIMAL.test(text) ? Number(text) : Number.NaN;
      return r > 0 && Number.isFinite(r) ? r : undefined;
    },
    format,
  };
}

/**
 * A setting that is a non-empty list of distinct names from `values`, written with commas; case and spaces around
 * names do not matter. The value keeps the order of `values`, whatever order the text used. Reading is O(names²).
 */
export function subset<F extends Columns, In = unknown>(
  spec: F & Declared<string[]> & { values: Bound<readonly string[], In>; of: string; defaultFor?: (earlier: In) => string[] },
): SettingSpec<string[], In> & Exact<F> {
  const { values, of, defaultFor } = spec;
  const format = (value: string[]) => value.join(',');
  return {
    ...declared(spec, format),
    kind: 'subset',
    defaultFor,
    metavar: typeof values === 'function' ? 'a,b,...' : `${values.slice(0, 2).join(',')},...`,
    allowed: (earlier) => `a comma list of distinct ${of} from ${resolve(values, earlier).join(', ')}`,
    parse: (text, earlier) => {
      const names = text.split(',').map((name) => name.trim().toLowerCase());
      const all = resolve(values, earlier);
      const known = all.map((name) => name.toLowerCase());
      if (names.some((name) => !known.includes(name)) || new Set(names).size !== names.length) return undefined;
      return all.filter((_, i) => names.includes(known[i]));
    },
    format,
  };
}
