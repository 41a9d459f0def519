// What an imported dataset is in storage and how it is checked, before writing and on every read.
// Pure: no IndexedDB here, so the IndexedDB and memory repositories check datasets the same way.
import { nameProblem } from './names';

/** What a dataset is, without its rows: cheap to list. Stored under `id`. */
export interface DatasetMeta {
  /** `csv-` + 16 lowercase hex digits, derived from the content, so the same data always gets the same id. */
  id: string;
  /** User-visible; same rules as model names. */
  name: string;
  fileName: string;
  /** ms since the epoch. */
  importedAt: number;
  nRows: number;
  nFeatures: number;
  /** Feature column names, in the order of `x`'s columns. */
  features: string[];
  target: string;
  /** SHA-256 of the content, 64 lowercase hex digits. */
  sha256: string;
  source: {
    delimiter: ',' | ';' | '\t';
    decimalMark: '.' | ',';
    /** File line numbers of rows left out, the first MAX_LEFT_OUT_LINES of them. */
    leftOutLines: number[];
    /** How many rows were left out in all. */
    leftOutCount: number;
  };
}

/** A dataset's numbers: `x` is nRows × nFeatures, row-major; `y` has nRows entries. Stored under `id`. */
export interface DatasetRows {
  id: string;
  x: Float64Array;
  y: Float64Array;
}

/** A saved model version trained on a dataset. `name` is null when the stored record has none. */
export interface ModelRef {
  version: number;
  name: string | null;
}

export const DATASET_ID = /^csv-[0-9a-f]{16}$/;
/** How many left-out line numbers are kept; the count is always kept. */
export const MAX_LEFT_OUT_LINES = 1000;
export const MAX_FILE_NAME_LENGTH = 255;

const DELIMITERS: readonly unknown[] = [',', ';', '\t'];
const DECIMAL_MARKS: readonly unknown[] = ['.', ','];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const quoted = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const count = (n: number) => n.toLocaleString('en-GB');

/** Why `meta` cannot be stored (or, read back, why it is damaged); null when it is sound. O(features + left-out lines). */
export function metaProblem(meta: unknown): string | null {
  if (!isObject(meta)) return 'The dataset description is missing.';
  const { id, fileName, importedAt, nRows, nFeatures, features, target, sha256, source } = meta;
  if (typeof id !== 'string' || !DATASET_ID.test(id)) return `${quoted(id)} is not a dataset id: an id is "csv-" followed by 16 hex digits.`;
  const badName = nameProblem(meta.name, 'dataset');
  if (badName) return badName;
  if (typeof fileName !== 'string' || fileName.length > MAX_FILE_NAME_LENGTH) return `The file name must be text of at most ${MAX_FILE_NAME_LENGTH} characters.`;
  if (typeof importedAt !== 'number' || !Number.isFinite(importedAt)) return 'The import time must be a time in ms.';
  if (!isCount(nRows, 1)) return `A dataset needs a whole number of rows, at least 1 (got ${quoted(nRows)}).`;
  if (!isCount(nFeatures, 1)) return `A dataset needs a whole number of feature columns, at least 1 (got ${quoted(nFeatures)}).`;
  if (!Array.isArray(features)) return 'The dataset does not name its feature columns.';
  if (features.length !== nFeatures) return `The dataset has ${nFeatures} feature columns but ${features.length} column names.`;
  const columns = [...features, target];
  const seen = new Set<string>();
  for (const [i, column] of columns.entries()) {
    const what = i < nFeatures ? `Feature column ${i + 1}` : 'The target column';
    if (typeof column !== 'string' || column.trim() === '') return `${what} has no name.`;
    if (seen.has(column)) return `Two columns are both named ${quoted(column)}; every column needs its own name.`;
    seen.add(column);
  }
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return 'The dataset fingerprint (SHA-256) must be 64 lowercase hex digits.';
  if (!isObject(source)) return 'The dataset does not say how its file was read.';
  if (!DELIMITERS.includes(source.delimiter)) return `The delimiter ${quoted(source.delimiter)} is not one of comma, semicolon or tab.`;
  if (!DECIMAL_MARKS.includes(source.decimalMark)) return `The decimal mark ${quoted(source.decimalMark)} is not a point or a comma.`;
  const lines = source.leftOutLines;
  if (!Array.isArray(lines) || !lines.every((n) => isCount(n, 1))) return 'Left-out rows must be given by their line numbers (whole numbers from 1).';
  if (!isCount(source.leftOutCount, lines.length)) return `The count of left-out rows (${quoted(source.leftOutCount)}) must be a whole number, at least the ${lines.length} line numbers given.`;
  return null;
}

/**
 * Why `rows` do not fit `meta` (a sound one): another id, not Float64Array, wrong lengths, or a value that is
 * not finite. O(nRows · nFeatures).
 */
export function rowsProblem(meta: DatasetMeta, rows: unknown): string | null {
  if (!isObject(rows)) return 'Its rows are missing.';
  if (rows.id !== meta.id) return `Its rows are filed under ${quoted(rows.id)}, not ${quoted(meta.id)}.`;
  const { x, y } = rows;
  if (!(x instanceof Float64Array) || !(y instanceof Float64Array)) return 'Its values must be held as 64-bit floating-point arrays.';
  const cells = meta.nRows * meta.nFeatures;
  if (x.length !== cells) return `The feature values hold ${count(x.length)} numbers, but ${count(meta.nRows)} rows × ${meta.nFeatures} columns need ${count(cells)}.`;
  if (y.length !== meta.nRows) return `The target holds ${count(y.length)} values for ${count(meta.nRows)} rows.`;
  for (let i = 0; i < cells; i++) {
    if (!Number.isFinite(x[i])) return `Data row ${count(Math.floor(i / meta.nFeatures) + 1)}, column ${quoted(meta.features[i % meta.nFeatures])}, is ${x[i]}: every value must be a finite number.`;
  }
  for (let i = 0; i < meta.nRows; i++) {
    if (!Number.isFinite(y[i])) return `Data row ${count(i + 1)}, target ${quoted(meta.target)}, is ${y[i]}: every value must be a finite number.`;
  }
  return null;
}

/** Why `meta` and `rows` cannot be stored together, as a sentence; null when they can. O(nRows · nFeatures). */
export const datasetProblem = (meta: DatasetMeta, rows: DatasetRows): string | null => metaProblem(meta) ?? rowsProblem(meta, rows);

/** The meta as stored: known fields only (a stray `x` never reaches the list), left-out lines capped. */
export function storedMeta(meta: DatasetMeta): DatasetMeta {
  const { source } = meta;
  return {
    id: meta.id,
    name: meta.name,
    fileName: meta.fileName,
    importedAt: meta.importedAt,
    nRows: meta.nRows,
    nFeatures: meta.nFeatures,
    features: [...meta.features],
    target: meta.target,
    sha256: meta.sha256,
    source: {
      delimiter: source.delimiter,
      decimalMark: source.decimalMark,
      leftOutLines: source.leftOutLines.slice(0, MAX_LEFT_OUT_LINES),
      leftOutCount: source.leftOutCount,
    },
  };
}

/** The rows as stored: own copies, so a view into a bigger buffer stores only its own numbers and callers keep theirs. */
export const storedRows = (rows: DatasetRows): DatasetRows => ({ id: rows.id, x: rows.x.slice(), y: rows.y.slice() });

/** Oldest import first; the id settles ties so every tab lists the same order. */
export const byImport = (a: DatasetMeta, b: DatasetMeta): number => a.importedAt - b.importedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Why stored values cannot be used as a dataset (checked on every read of rows); null when they can. */
export const storedProblem = (meta: unknown, rows: unknown): string | null => metaProblem(meta) ?? rowsProblem(meta as DatasetMeta, rows);

/** The name a stored meta gives itself, or its id when it has none (for messages about damaged records). */
export const labelOf = (value: unknown, id: string): string =>
  isObject(value) && typeof value.name === 'string' && value.name.trim() !== '' ? `"${value.name}"` : id;

/** Whether a stored model record says it was trained on dataset `id` with fingerprint `sha256`. */
export function trainedOn(record: unknown, id: string, sha256: string): record is { version: number; name?: unknown } {
  if (!isObject(record) || !isObject(record.dataset)) return false;
  return record.dataset.name === id && record.dataset.sha256 === sha256 && typeof record.version === 'number';
}

export const modelRef = (record: { version: number; name?: unknown }): ModelRef => ({
  version: record.version,
  name: typeof record.name === 'string' ? record.name : null,
});
