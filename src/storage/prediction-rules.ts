// What both prediction repositories accept and how they export: one definition, so memory and IndexedDB agree.
import { FEATURE_CODES } from '../ml/dataset-meta';
import { toCsv, type CsvCell } from './csv';
import { invalid } from './errors';
import type { NewPrediction, PageRequest, PredictionRecord, StorageError } from './repository';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(request: PageRequest): number {
  const limit = Math.floor(request.limit ?? DEFAULT_PAGE_SIZE);
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Number.isFinite(limit) ? limit : DEFAULT_PAGE_SIZE));
}

/** A model version filter the stores can use: a positive integer. Anything else would reach IDBKeyRange and throw. */
export const isVersionNumber = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/** The version unchanged, or a RangeError: callers validate first, so this is an internal invariant. */
export function checkedVersion(v: number): number {
  if (!isVersionNumber(v)) throw new RangeError(`A model version is a whole number ≥ 1, got ${String(v).slice(0, 20)}.`);
  return v;
}

/** Why a prediction cannot be stored, or null. The form validates first; this keeps junk out of the history. */
export function predictionProblem(p: NewPrediction): StorageError | null {
  if (!isVersionNumber(p.modelVersion)) return invalid('A prediction must name the model version that made it.');
  if (p.modelName !== undefined && typeof p.modelName !== 'string') return invalid('A prediction’s model name must be text.');
  if (p.target !== undefined && typeof p.target !== 'string') return invalid('A prediction’s target must be text.');
  if (!Number.isFinite(p.priceThousands)) return invalid('A prediction must have a finite price.');
  if (p.at !== undefined && !Number.isFinite(p.at)) return invalid('A prediction time must be a finite number of ms.');
  for (const [code, value] of Object.entries(p.inputs)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(`Input ${code} must be a finite number.`);
  }
  return null;
}

/** The record to store (without its id), inputs copied so later edits of the form's object cannot leak in. */
export function predictionValue(p: NewPrediction, now = Date.now()): Omit<PredictionRecord, 'id'> {
  const value: Omit<PredictionRecord, 'id'> = { at: p.at ?? now, modelVersion: p.modelVersion, inputs: { ...p.inputs }, priceThousands: p.priceThousands };
  if (p.modelName !== undefined) value.modelName = p.modelName;
  if (p.target !== undefined) value.target = p.target;
  return value;
}

// Excel and LibreOffice read a CSV without a byte-order mark in the system's legacy code page, which garbles
// non-ASCII model names; the BOM makes them read it as UTF-8.
const UTF8_BOM = '\uFEFF';

/** What the history export reads of a stored model version, for records older than their own copies. */
export interface ModelLabel {
  name: string;
  target: string | null;
}

/**
 * History as CSV, rows in the given order: id, time (ISO 8601, UTC), model version, the model's name when the
 * prediction was made, the target column it predicts (for records older than those fields, the version's now, from
 * `models`), the predicted value in the target's units ($1000s for Boston), then one column per input (Boston's
 * order, then any others in the order the records name them). Starts with a UTF-8 BOM. O(rows · columns).
 */
export function historyCsv(records: readonly PredictionRecord[], models: ReadonlyMap<number, ModelLabel>): string {
  const seen = new Set<string>();
  for (const r of records) for (const code of Object.keys(r.inputs ?? {})) seen.add(code);
  const known = FEATURE_CODES.filter((code) => seen.has(code));
  // An imported dataset's columns, in the order its models name them (the Set keeps first-seen order).
  const others = [...seen].filter((code) => !FEATURE_CODES.includes(code));
  const codes = [...known, ...others];
  const header = ['id', 'time', 'model_version', 'model_name', 'target', 'predicted_price', ...codes];
  const rows = records.map((r): CsvCell[] => [
    r.id,
    Number.isFinite(r.at) ? new Date(r.at).toISOString() : null,
    r.modelVersion,
    typeof r.modelName === 'string' ? r.modelName : (models.get(r.modelVersion)?.name ?? null),
    typeof r.target === 'string' ? r.target : (models.get(r.modelVersion)?.target ?? null),
    r.priceThousands,
    ...codes.map((code) => cell(r.inputs?.[code])),
  ]);
  return UTF8_BOM + toCsv(header, rows);
}

const cell = (value: unknown): CsvCell => (typeof value === 'number' || typeof value === 'string' ? value : null);

/** Each stored version's name and target, read defensively (a damaged record may lack either). O(models). */
export function modelLabels(models: Iterable<unknown>): Map<number, ModelLabel> {
  const labels = new Map<number, ModelLabel>();
  for (const m of models) {
    if (!m || typeof m !== 'object') continue;
    const { version, name, model } = m as { version?: unknown; name?: unknown; model?: { dataset?: { target?: unknown } } };
    if (typeof version !== 'number' || typeof name !== 'string') continue;
    const target = model?.dataset?.target;
    labels.set(version, { name, target: typeof target === 'string' ? target : null });
  }
  return labels;
}
