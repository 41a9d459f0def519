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

/** Why a prediction cannot be stored, or null. The form validates first; this keeps junk out of the history. */
export function predictionProblem(p: NewPrediction): StorageError | null {
  if (!Number.isInteger(p.modelVersion) || p.modelVersion < 1) return invalid('A prediction must name the model version that made it.');
  if (!Number.isFinite(p.priceThousands)) return invalid('A prediction must have a finite price.');
  if (p.at !== undefined && !Number.isFinite(p.at)) return invalid('A prediction time must be a finite number of ms.');
  for (const [code, value] of Object.entries(p.inputs)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(`Input ${code} must be a finite number.`);
  }
  return null;
}

/** The record to store (without its id), inputs copied so later edits of the form's object cannot leak in. */
export function predictionValue(p: NewPrediction, now = Date.now()): Omit<PredictionRecord, 'id'> {
  return { at: p.at ?? now, modelVersion: p.modelVersion, inputs: { ...p.inputs }, priceThousands: p.priceThousands };
}

/**
 * History as CSV, rows in the given order: id, time (ISO 8601, UTC), model version and name, price in $1000s,
 * then one column per input (dataset order, then any others alphabetically). O(rows · columns).
 */
export function historyCsv(records: readonly PredictionRecord[], modelNames: ReadonlyMap<number, string>): string {
  const seen = new Set<string>();
  for (const r of records) for (const code of Object.keys(r.inputs ?? {})) seen.add(code);
  const known = FEATURE_CODES.filter((code) => seen.has(code));
  const others = [...seen].filter((code) => !FEATURE_CODES.includes(code)).sort();
  const codes = [...known, ...others];
  const header = ['id', 'time', 'model_version', 'model_name', 'price_thousands', ...codes];
  const rows = records.map((r): CsvCell[] => [
    r.id,
    Number.isFinite(r.at) ? new Date(r.at).toISOString() : null,
    r.modelVersion,
    modelNames.get(r.modelVersion) ?? null,
    r.priceThousands,
    ...codes.map((code) => cell(r.inputs?.[code])),
  ]);
  return toCsv(header, rows);
}

const cell = (value: unknown): CsvCell => (typeof value === 'number' || typeof value === 'string' ? value : null);
