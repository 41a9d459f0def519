import type { FittedModel } from './model';

/** Values no house can have: refused outright (the training range only warns). */
export const HARD_LIMITS: Record<string, { min?: number; max?: number; exclusiveMin?: boolean }> = {
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

export interface InputCheck {
  /** Parsed values by feature code; null when any field is invalid. */
  values: Record<string, number> | null;
  /** Field errors by code: what is wrong and what is allowed. */
  errors: Record<string, string>;
  /** Field warnings by code: allowed, but the model is extrapolating. */
  warnings: Record<string, string>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function allowedText(code: string): string {
  const limit = HARD_LIMITS[code];
  if (!limit) return 'a number';
  const low = limit.min === undefined ? '' : `${limit.exclusiveMin ? '>' : '≥'} ${limit.min}`;
  if (limit.max === undefined) return `a number ${low}`.trim();
  return `a number from ${limit.min} to ${limit.max}`;
}

/** Why one field's text is not an acceptable value, or null with its number. */
export function checkField(code: string, text: string, binary: boolean): { value: number } | { error: string } {
  const label = code.toUpperCase();
  const trimmed = text.trim();
  if (binary) {
    if (trimmed === '0' || trimmed === '1') return { value: Number(trimmed) };
    return { error: `${label} must be 0 (no) or 1 (yes).` };
  }
  if (trimmed === '') return { error: `${label} is required: enter ${allowedText(code)}.` };
  if (!NUMBER.test(trimmed)) return { error: `${label} must be ${allowedText(code)}; “${trimmed}” is not a number.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${label} must be a finite number; “${trimmed}” is too large.` };
  const limit = HARD_LIMITS[code];
  if (limit) {
    const belowMin = limit.min !== undefined && (limit.exclusiveMin ? value <= limit.min : value < limit.min);
    const aboveMax = limit.max !== undefined && value > limit.max;
    if (belowMin || aboveMax) return { error: `${label} must be ${allowedText(code)}; got ${trimmed}.` };
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
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < model.nTrain; r++) {
      const stored = model.trainX[r * model.nCols + c];
      const v = model.scaler ? stored * model.scaler.scale[c] + model.scaler.mean[c] : stored;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    ranges[code] = { min, max };
  });
  return ranges;
}

const round = (v: number) => Number(v.toPrecision(6));

// Undoing the scaler can move a bound by an ulp or two; a value at the edge of the data is not extrapolation.
const outside = (v: number, range: { min: number; max: number }) => {
  const slack = 1e-9 * Math.max(1, Math.abs(range.min), Math.abs(range.max));
  return v < range.min - slack || v > range.max + slack;
};

/** Checks every field the model uses; warns where a valid value lies outside the training range. */
export function checkInputs(
  texts: Record<string, string>,
  features: readonly { code: string; binary?: boolean }[],
  ranges: Record<string, { min: number; max: number }>,
): InputCheck {
  const values: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const f of features) {
    const result = checkField(f.code, texts[f.code] ?? '', Boolean(f.binary));
    if ('error' in result) {
      errors[f.code] = result.error;
      continue;
    }
    values[f.code] = result.value;
    const range = ranges[f.code];
    if (range && !f.binary && outside(result.value, range)) {
      warnings[f.code] = `Outside the training range ${round(range.min)}–${round(range.max)}: the model is extrapolating.`;
    }
  }
  return { values: Object.keys(errors).length ? null : values, errors, warnings };
}
