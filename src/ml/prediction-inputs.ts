import type { FittedModel } from './model';
import { quoted } from './quote';
import { median } from './stats';

/** Values no house can have: refused outright (the training range only warns). */
export interface HardLimit {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

/** Boston's hard limits by feature code. */
export const HARD_LIMITS: Readonly<Record<string, HardLimit>> = {
  crim: { min: 0 },
  zn: { min: 0, max: 100 },
  indus: { min: 0, max: 100 },
  nox: { min: 0, exclusiveMin: true },
  rm: { min: 0, exclusiveMin: true },
  age: { min: 0, max: 100 },
  dis: { min: 0, exclusiveMin: true },
  rad: { min: 0 },
  tax: { min: 0 },
  ptratio: { min: 0, exclusiveMin: true },
  // 1000(Bk − 0.63)² with Bk in [0, 1] lies in [0, 396.9].
  b: { min: 0, max: 396.9 },
  lstat: { min: 0, max: 100 },
};

/**
 * Per model feature, the raw values between which every distance to the training rows stays a finite number.
 * Each feature gets 1/(2d) of the largest double as its budget (squared for Euclidean), so any mix of values
 * inside the limits sums to a finite distance; the limits are rounded inwards to two significant digits so
 * the number a message quotes is itself accepted. O(nTrain · d).
 */
export function distanceLimits(model: Pick<FittedModel, 'features' | 'trainX' | 'nTrain' | 'nCols' | 'scaler' | 'metric'>): Record<string, { lowest: number; highest: number }> {
  const budget = Number.MAX_VALUE / (2 * model.nCols);
  const reach = model.metric === 'euclidean' ? Math.sqrt(budget) : budget;
  const limits: Record<string, { lowest: number; highest: number }> = {};
  model.features.forEach((code, c) => {
    const { min, max } = storedRange(model, c);
    // In the stored (scaled) space a query coordinate q keeps |q − t| ≤ reach for every training value t.
    const mean = model.scaler ? model.scaler.mean[c] : 0;
    const scale = model.scaler ? model.scaler.scale[c] : 1;
    limits[code] = { lowest: roundTowardZero(clampFinite(mean + (max - reach) * scale)), highest: roundTowardZero(clampFinite(mean + (min + reach) * scale)) };
  });
  return limits;
}

const clampFinite = (v: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, v));

/** Two significant digits, rounded towards zero: 3.71e153 → 3.7e153. */
function roundTowardZero(v: number): number {
  if (v === 0) return 0;
  const exponent = Math.floor(Math.log10(Math.abs(v))) - 1;
  const mantissa = Math.trunc(v / 10 ** exponent);
  const rounded = Number(`${mantissa}e${exponent}`);
  // Decimal rounding can land a hair outside; step back one unit of the second digit when it does.
  return Math.abs(rounded) > Math.abs(v) ? Number(`${mantissa - Math.sign(mantissa)}e${exponent}`) : rounded;
}

export interface InputCheck {
  /** Parsed values by feature code; null when any field is invalid. */
  values: Record<string, number> | null;
  /** Field errors by code: what is wrong and what is allowed. */
  errors: Record<string, string>;
  /** Field warnings by code: allowed, but the model is extrapolating. */
  warnings: Record<string, string>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Boston's hard limit for a feature code, or null (own keys only: a column may be called "toString"). */
export function bostonLimit(code: string): HardLimit | null {
  return Object.hasOwn(HARD_LIMITS, code) ? HARD_LIMITS[code] : null;
}

function allowedText(limit: HardLimit | null): string {
  if (!limit) return 'a number';
  const low = limit.min === undefined ? '' : `${limit.exclusiveMin ? '>' : '≥'} ${limit.min}`;
  if (limit.max === undefined) return `a number ${low}`.trim();
  return `a number from ${limit.min} to ${limit.max}`;
}

/** Why one field's text is not an acceptable value, or null with its number; `limit` defaults to Boston's for the code. */
export function checkField(code: string, text: string, binary: boolean, limit: HardLimit | null = bostonLimit(code)): { value: number } | { error: string } {
  const label = code.toUpperCase();
  const trimmed = text.trim();
  if (binary) {
    if (trimmed === '0' || trimmed === '1') return { value: Number(trimmed) };
    return { error: `${label} must be 0 (no) or 1 (yes).` };
  }
  if (trimmed === '') return { error: `${label} is required: enter ${allowedText(limit)}.` };
  if (!NUMBER.test(trimmed)) return { error: `${label} must be ${allowedText(limit)}; ${quoted(trimmed)} is not a number.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${label} must be a finite number; ${quoted(trimmed)} is too large.` };
  if (limit) {
    const belowMin = limit.min !== undefined && (limit.exclusiveMin ? value <= limit.min : value < limit.min);
    const aboveMax = limit.max !== undefined && value > limit.max;
    if (belowMin || aboveMax) return { error: `${label} must be ${allowedText(limit)}; got ${quoted(trimmed)}.` };
  }
  return { value };
}

/**
 * Min and max of each model feature over the model's training rows, in raw units: the stored rows are
 * scaled, so the scaler is undone. O(nTrain · d).
 */
export function trainingRanges(model: Pick<FittedModel, 'features' | 'trainX' | 'nTrain' | 'nCols' | 'scaler'>): Record<string, { min: number; max: number }> {
  const ranges: Record<string, { min: number; max: number }> = {};
  model.features.forEach((code, c) => {
    const { min, max } = storedRange(model, c);
    // Scaling divides by a positive std, so it keeps order: the raw bounds are the stored bounds unscaled.
    ranges[code] = model.scaler ? { min: min * model.scaler.scale[c] + model.scaler.mean[c], max: max * model.scaler.scale[c] + model.scaler.mean[c] } : { min, max };
  });
  return ranges;
}

/** Min and max of stored column c (scaled when the model scales). O(nTrain). */
function storedRange(model: Pick<FittedModel, 'trainX' | 'nTrain' | 'nCols'>, c: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < model.nTrain; r++) {
    const v = model.trainX[r * model.nCols + c];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

const round = (v: number) => Number(v.toPrecision(6));

// Undoing the scaler can move a bound by an ulp or two; a value at the edge of the data is not extrapolation.
const outside = (v: number, range: { min: number; max: number }) => {
  const slack = 1e-9 * Math.max(1, Math.abs(range.min), Math.abs(range.max));
  return v < range.min - slack || v > range.max + slack;
};

/**
 * Checks every field the model uses; refuses a value too far from the data to measure a distance to
 * (`limits`, see distanceLimits) and warns where a valid value lies outside the training range.
 */
export function checkInputs(
  texts: Record<string, string>,
  features: readonly { code: string; binary?: boolean; hardLimit?: HardLimit | null }[],
  ranges: Record<string, { min: number; max: number }>,
  limits: Record<string, { lowest: number; highest: number }> = {},
): InputCheck {
  const values: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const f of features) {
    const text = Object.hasOwn(texts, f.code) ? texts[f.code] : '';
    const result = checkField(f.code, text, Boolean(f.binary), f.hardLimit === undefined ? bostonLimit(f.code) : f.hardLimit);
    if ('error' in result) {
      errors[f.code] = result.error;
      continue;
    }
    const limit = Object.hasOwn(limits, f.code) ? limits[f.code] : undefined;
    if (limit && (result.value > limit.highest || result.value < limit.lowest)) {
      const high = result.value > limit.highest;
      errors[f.code] =
        `${f.code.toUpperCase()} is too ${high ? 'large' : 'small'}: the distance to the training rows would overflow to infinity. ` +
        `The ${high ? 'largest' : 'smallest'} value that works is ${(high ? limit.highest : limit.lowest).toPrecision(2)}.`;
      continue;
    }
    values[f.code] = result.value;
    const range = Object.hasOwn(ranges, f.code) ? ranges[f.code] : undefined;
    if (range && !f.binary && outside(result.value, range)) {
      warnings[f.code] = `Outside the training range ${round(range.min)}–${round(range.max)}: the model is extrapolating.`;
    }
  }
  return { values: Object.keys(errors).length ? null : values, errors, warnings };
}

/**
 * Each model feature's median over the model's training rows, in raw units (the scaler undone): the form's
 * starting values when the model's dataset is not in this browser. O(d · nTrain log nTrain).
 */
export function trainingMedians(model: Pick<FittedModel, 'features' | 'trainX' | 'nTrain' | 'nCols' | 'scaler'>): Map<string, number> {
  const column = new Float64Array(model.nTrain);
  const medians = new Map<string, number>();
  model.features.forEach((code, c) => {
    for (let r = 0; r < model.nTrain; r++) column[r] = model.trainX[r * model.nCols + c];
    const m = median(column);
    medians.set(code, model.scaler ? m * model.scaler.scale[c] + model.scaler.mean[c] : m);
  });
  return medians;
}
