// The one schema for a model, written once with zod: model files (what `learn --out` writes and the app exports
// and imports) and stored model records share the fitted model, the scores and how k was chosen, so a file and a
// record are checked by the same rules. docs/model-file.schema.json is generated from MODEL_FILE_SCHEMA
// (tools/model-schema/write-json-schema.ts) and a test fails when the two drift.
import * as z from 'zod';
import { METRICS, SCALES, WEIGHTS } from './params';

export const MODEL_FILE_KIND = 'knn-lab/model';
export const MODEL_FILE_VERSION = 2;
/** Largest model file read, in bytes: checked before the file is read. */
export const MAX_MODEL_FILE_BYTES = 50 * 1024 * 1024;
/** Keys that could reach Object.prototype when a parsed object is copied; refused anywhere in a file. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

// zod's number already refuses NaN and ±Infinity.
const finite = z.number();
const whole = (min: number) => z.number().int().min(min);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256: 64 lowercase hex digits' });
const fraction = z.number().gt(0).lt(1);

export const scoresSchema = z.strictObject({ mse: finite.min(0), rmse: finite.min(0), mae: finite.min(0), r2: finite });

export const chosenBySchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('split'), seed: whole(0), testFraction: fraction }),
  z.strictObject({ method: z.literal('kfold'), folds: whole(2), seed: whole(0), mseStd: finite.min(0), oneSeK: whole(1) }),
]);

export const seedStandingSchema = z
  .strictObject({ seeds: z.strictObject({ from: whole(0), to: whole(0) }), lowerShare: finite.min(0).max(1) })
  .refine((s) => s.seeds.to >= s.seeds.from, { error: 'seeds.to must not be below seeds.from', path: ['seeds', 'to'] });

type NumberList = ArrayLike<number>;

const isFiniteList = (v: unknown, typed: 'Float64Array' | 'Uint32Array'): boolean => {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'number' && Number.isFinite(x));
  return Object.prototype.toString.call(v) === `[object ${typed}]` && (typed === 'Uint32Array' || (v as Float64Array).every(Number.isFinite));
};

/** How a fitted model's number lists are held: JSON arrays in a file, typed arrays (or arrays) in a stored record. */
interface ListKinds {
  numbers: z.ZodType<NumberList>;
  rows: z.ZodType<NumberList>;
}

const FILE_LISTS: ListKinds = {
  numbers: z.array(finite),
  rows: z.array(whole(0)),
};

const RECORD_LISTS: ListKinds = {
  numbers: z.custom<NumberList>((v) => isFiniteList(v, 'Float64Array'), { error: 'must be a list of finite numbers' }),
  rows: z.custom<NumberList>((v) => isFiniteList(v, 'Uint32Array') && Array.prototype.every.call(v, (x: number) => Number.isInteger(x) && x >= 0), {
    error: 'must be a list of row numbers',
  }),
};

const featureName = z.string().min(1).max(100);

function fittedModelSchema(lists: ListKinds, target: z.ZodType<string | undefined>) {
  return z
    .strictObject({
      k: whole(1),
      radius: finite.gt(0).optional().describe('Set for a radius model: every training row within this distance counts and k is not used.'),
      weights: z.enum(WEIGHTS),
      metric: z.enum(METRICS),
      scale: z.enum(SCALES),
      features: z.array(featureName).min(1),
      scaler: z.strictObject({ mean: z.array(finite), scale: z.array(finite.gt(0)) }).nullable(),
      nTrain: whole(1),
      nCols: whole(1),
      trainX: lists.numbers.describe('The training rows, nTrain × nCols, row-major, already scaled when scale is "standard".'),
      trainY: lists.numbers.describe('The training rows\' targets, in the target\'s units.'),
      trainRows: lists.rows.describe('Each training row\'s index in its dataset.'),
      dataset: z.strictObject({ name: z.string().min(1), sha256: hex64, target }),
    })
    .superRefine((m, ctx) => {
      const wrong = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (m.features.length !== m.nCols) wrong(['features'], `must name nCols = ${m.nCols} features, names ${m.features.length}`);
      if (new Set(m.features).size !== m.features.length) wrong(['features'], 'must not name a feature twice');
      if (m.trainX.length !== m.nTrain * m.nCols) wrong(['trainX'], `must hold nTrain × nCols = ${m.nTrain * m.nCols} numbers, holds ${m.trainX.length}`);
      if (m.trainY.length !== m.nTrain) wrong(['trainY'], `must hold nTrain = ${m.nTrain} numbers, holds ${m.trainY.length}`);
      if (m.trainRows.length !== m.nTrain) wrong(['trainRows'], `must hold nTrain = ${m.nTrain} row numbers, holds ${m.trainRows.length}`);
      if (m.k > m.nTrain) wrong(['k'], `must be at most nTrain = ${m.nTrain}`);
      if (m.scaler) {
        if (m.scale !== 'standard') wrong(['scaler'], 'must be null unless scale is "standard"');
        if (m.scaler.mean.length !== m.nCols) wrong(['scaler', 'mean'], `must hold nCols = ${m.nCols} numbers`);
        if (m.scaler.scale.length !== m.nCols) wrong(['scaler', 'scale'], `must hold nCols = ${m.nCols} numbers`);
      } else if (m.scale === 'standard') wrong(['scaler'], 'must hold the means and scales when scale is "standard"');
    });
}

export const intervalHalfWidthsSchema = z.strictObject({ '0.8': finite.min(0).nullable(), '0.9': finite.min(0).nullable(), '0.95': finite.min(0).nullable() });

/** The intervals' calibration, as a file carries it (see intervals.ts). */
export const modelIntervalsSchema = z.strictObject({
  method: z.literal('cv-conformal'),
  folds: whole(2),
  seed: whole(0),
  /** How many training rows got an out-of-fold price. */
  residuals: whole(0),
  halfWidths: intervalHalfWidthsSchema.describe('Half the interval\'s width at each level, in the target\'s units; null where too few rows back the level.'),
  nearestDistanceP95: finite.min(0).describe('95th percentile of the training rows\' distances to their nearest other training row: farther than this is unlike the training data.'),
});

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const MODEL_FILE_SCHEMA = z
  .strictObject({
    schema: z.literal(MODEL_FILE_KIND),
    schemaVersion: z.literal(MODEL_FILE_VERSION),
    createdAt: z.string().regex(ISO_TIME, { error: 'must be a UTC time such as 2026-12-03T09:30:00.000Z' }).refine((t) => Number.isFinite(Date.parse(t)), { error: 'must be a real date' }),
    name: z.string().min(1).max(120),
    note: z.string().max(500),
    training: z.strictObject({ seed: whole(0), testFraction: fraction, chosenBy: chosenBySchema, seedStanding: seedStandingSchema.optional() }),
    metrics: scoresSchema,
    model: fittedModelSchema(FILE_LISTS, z.string().min(1)),
    intervals: modelIntervalsSchema.describe('Split-conformal calibration on the training rows\' out-of-fold absolute errors, and the out-of-range distance.'),
    sha256: hex64.describe('SHA-256 (hex) of the RFC 8785 canonical JSON of the whole file without this field.'),
  })
  .superRefine((f, ctx) => {
    if (f.intervals.residuals > f.model.nTrain) ctx.addIssue({ code: 'custom', path: ['intervals', 'residuals'], message: `must be at most model.nTrain = ${f.model.nTrain}` });
  })
  .meta({
    title: 'KNN Lab model file',
    description: 'A fitted k-nearest-neighbours regressor with how it was chosen, its scores, its interval calibration and a SHA-256 over the RFC 8785 canonical JSON of every other field.',
  });

export type ModelFileContent = z.infer<typeof MODEL_FILE_SCHEMA>;

export const MODEL_RECORD_SCHEMA = z
  .strictObject({
    version: whole(1),
    createdAt: finite,
    name: z.string(),
    note: z.string(),
    dataset: z.strictObject({ name: z.string().min(1), sha256: hex64 }),
    features: z.array(featureName).min(1),
    scaler: z.strictObject({ mean: z.array(finite), scale: z.array(finite) }).nullable(),
    weights: z.enum(WEIGHTS),
    metric: z.enum(METRICS),
    scale: z.enum(SCALES),
    k: whole(1),
    seed: whole(0),
    testFraction: fraction,
    metrics: scoresSchema,
    chosenBy: chosenBySchema.optional(),
    seedStanding: seedStandingSchema.optional(),
    // Records saved before the target was kept name none; the dataset says which it is.
    model: fittedModelSchema(RECORD_LISTS, z.string().min(1).optional()),
    sha256: hex64,
  })
  .superRefine((r, ctx) => {
    for (const field of ['k', 'weights', 'metric', 'scale'] as const) {
      if (r[field] !== r.model[field]) ctx.addIssue({ code: 'custom', path: [field], message: `disagrees with model.${field}` });
    }
    if (r.features.join('\u0000') !== r.model.features.join('\u0000')) ctx.addIssue({ code: 'custom', path: ['features'], message: 'disagrees with model.features' });
  });

/** "model.trainX[3]" for a path. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    // A key is quoted as a path step only so long: a file may hold keys of any length.
    const key = String(part);
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${key.length > 40 ? `${key.slice(0, 40)}…` : key}`;
  }
  return out || 'the top level';
}

/** A value as a message quotes it: short, whatever the file holds. */
export const describeReceived = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"` : String(v));

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const part of path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, part) ? (v as Record<PropertyKey, unknown>)[part] : undefined;
  return v;
}

/** The first few of many, then how many more: a file with a million stray keys must not give a million-key message. */
const listed = (items: string[], most = 5) => (items.length > most ? `${items.slice(0, most).join(', ')} and ${items.length - most} more` : items.join(', '));

/** One zod issue in words a person can act on, with where it is. */
function issueText(issue: z.core.$ZodIssue, root: unknown): string {
  const where = pathText(issue.path);
  if (issue.path.length > 0 && issue.code !== 'unrecognized_keys' && valueAt(root, issue.path) === undefined) return `${where}: missing`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${listed(issue.keys.map((k) => `"${k.length > 40 ? `${k.slice(0, 40)}…` : k}"`))}`;
    case 'invalid_type': {
      const got = valueAt(root, issue.path);
      const expected = issue.expected === 'number' ? 'a finite number' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
      return `${where}: must be ${expected}, not ${describeReceived(got)}`;
    }
    case 'invalid_value':
      return `${where}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describeReceived(valueAt(root, issue.path))}`;
    case 'invalid_union':
      return `${where}: does not match any allowed form (${describeReceived(valueAt(root, issue.path))})`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Deepest nesting a model file has is 4 (model.scaler.mean[0]); anything far deeper is not one, whatever else it holds. */
export const MAX_DEPTH = 32;

interface Step {
  parent: Step | null;
  key: PropertyKey;
}

const pathOf = (step: Step | null): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let s = step; s; s = s.parent) path.push(s.key);
  return path.reverse();
};

/**
 * The first structural refusal in a parsed JSON value: a forbidden key (FORBIDDEN_KEYS) anywhere, or nesting deeper
 * than MAX_DEPTH; null when there is none. Paths are kept as parent links, so a deep value costs O(size), not
 * O(depth²). O(size of the value).
 */
export function structureProblem(value: unknown): string | null {
  const stack: { v: unknown; at: Step | null; depth: number }[] = [{ v: value, at: null, depth: 0 }];
  while (stack.length) {
    const { v, at, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (depth >= MAX_DEPTH) return `${pathText(pathOf(at))}: nested more than ${MAX_DEPTH} levels deep; a model file nests at most 4`;
    if (Array.isArray(v)) {
      // Lists of numbers are the bulk of a model; only lists holding objects are walked.
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], at: { parent: at, key: i }, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(v)) {
      const step = { parent: at, key };
      if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) return `${pathText(pathOf(step))}: the key "${key}" is not allowed anywhere in a model`;
      stack.push({ v: (v as Record<string, unknown>)[key], at: step, depth: depth + 1 });
    }
  }
  return null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a parsed value against a schema; the error names the first problems (at most three) by path. Never throws. */
export function checkAgainst<S extends z.ZodType>(schema: S, value: unknown): Checked<z.infer<S>> {
  const structure = structureProblem(value);
  if (structure) return { ok: false, error: structure };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  const shown = issues.slice(0, 3).map((i) => issueText(i, value));
  const more = issues.length > 3 ? `; and ${issues.length - 3} more problem${issues.length > 4 ? 's' : ''}` : '';
  return { ok: false, error: shown.join('; ') + more };
}
