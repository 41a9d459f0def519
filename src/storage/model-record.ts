// What a saved model version is, how its fingerprint is computed and how a stored record is checked.
// Pure: no IndexedDB here, so the IndexedDB and memory repositories check records the same way.
import { canonicalJson } from '../ml/canonical-json';
import type { ChosenBy, SeedStanding } from '../ml/chosen-by';
import type { Scores } from '../ml/metrics';
import type { FittedModel } from '../ml/model';
import { checkAgainst, MODEL_RECORD_SCHEMA } from '../ml/model-schema';
import type { Metric, Scale, Weights } from '../ml/params';
import { sha256Text } from '../ml/sha256';
import { nameProblem } from './names';

export { MAX_NAME_LENGTH } from './names';

export interface ModelRecord {
  /** Allocated by the store on save; the record's key. */
  version: number;
  /** ms since the epoch. */
  createdAt: number;
  name: string;
  note: string;
  dataset: { name: string; sha256: string };
  features: string[];
  scaler: { mean: number[]; scale: number[] } | null;
  weights: Weights;
  metric: Metric;
  scale: Scale;
  k: number;
  seed: number;
  testFraction: number;
  /** Scores at k, prices in $1000s: on the test split, or the fold means when K-fold chose k. */
  metrics: Scores;
  /** How k was chosen; absent in records saved before it was kept (those were all single splits). */
  chosenBy?: ChosenBy;
  /** Where its test MSE fell among the seeds of the Stability view's run for the same settings, when there was one. */
  seedStanding?: SeedStanding;
  model: FittedModel;
  /** SHA-256 of canonicalJson of every other field except `version` (see recordHash). */
  sha256: string;
}

/** What the lab hands over to save: everything else is derived from the fitted model. */
export interface ModelDraft {
  name: string;
  note?: string;
  seed: number;
  testFraction: number;
  metrics: Scores;
  chosenBy?: ChosenBy;
  seedStanding?: SeedStanding;
  model: FittedModel;
  /** ms since the epoch; defaults to now. */
  createdAt?: number;
}

export type UnversionedRecord = Omit<ModelRecord, 'version'>;

/** Longest note, in UTF-16 code units (what an input's maxLength counts). */
export const MAX_NOTE_LENGTH = 500;

/** Why a name or note (those given) cannot be stored, in words a person can act on; null when they can. */
export function labelProblem({ name, note }: { name?: string; note?: string }): string | null {
  if (name !== undefined) {
    const problem = nameProblem(name, 'model');
    if (problem) return problem;
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH)) {
    return `A note can be at most ${MAX_NOTE_LENGTH} characters; this one has ${String(note).length.toLocaleString('en-GB')}.`;
  }
  return null;
}

// The version is the record's key, allocated inside the save transaction after the hash is computed
// (hashing is CPU work kept out of it; an import hashes only a stored record whose hash matches), so the hash
// covers the content, not the address.
/** SHA-256 hex of a record's canonical content (all fields but `version` and `sha256`). O(record size). */
export function recordHash(record: object): string {
  const content: Record<string, unknown> = { ...record };
  delete content.version;
  delete content.sha256;
  return sha256Text(canonicalJson(content));
}

/** A complete, hashed record for a draft, ready to be given a version. O(model size). */
export function recordFromDraft(draft: ModelDraft, now = Date.now()): UnversionedRecord {
  const m = draft.model;
  const content: Omit<UnversionedRecord, 'sha256'> = {
    createdAt: draft.createdAt ?? now,
    name: draft.name,
    note: draft.note ?? '',
    dataset: { name: m.dataset.name, sha256: m.dataset.sha256 },
    features: [...m.features],
    scaler: m.scaler ? { mean: [...m.scaler.mean], scale: [...m.scaler.scale] } : null,
    weights: m.weights,
    metric: m.metric,
    scale: m.scale,
    k: m.k,
    seed: draft.seed,
    testFraction: draft.testFraction,
    metrics: { mse: draft.metrics.mse, rmse: draft.metrics.rmse, mae: draft.metrics.mae, r2: draft.metrics.r2 },
    ...(draft.chosenBy ? { chosenBy: { ...draft.chosenBy } } : {}),
    ...(draft.seedStanding ? { seedStanding: { seeds: { ...draft.seedStanding.seeds }, lowerShare: draft.seedStanding.lowerShare } } : {}),
    model: m,
  };
  return { ...content, sha256: recordHash(content) };
}

/** The record with a new name and/or note, re-hashed. O(record size). */
export function renamedRecord(record: ModelRecord, changes: { name?: string; note?: string }): ModelRecord {
  const next = { ...record, name: changes.name ?? record.name, note: changes.note ?? record.note };
  return { ...next, sha256: recordHash(next) };
}

export type RecordCheck = { ok: true; record: ModelRecord } | { ok: false; reason: string };

/**
 * Hashes already computed this page load, by version and stored hash. Listing every version on each change
 * would otherwise hash every model again; a record that changes gets a new stored hash (a rename re-hashes),
 * so it is checked afresh. Activation does not use it: the model about to predict is always hashed.
 */
export type HashCache = Map<string, string>;

/**
 * Checks a stored value found under `key`: shape and types first, then the hash (looked up in `cache` when
 * given). Never throws. O(record size) for the hash.
 */
export function checkModelRecord(value: unknown, key: number, cache?: HashCache): RecordCheck {
  const problem = shapeProblem(value, key);
  if (problem) return { ok: false, reason: problem };
  const record = value as ModelRecord;
  const cacheKey = `${key}:${record.sha256}`;
  let computed = cache?.get(cacheKey);
  try {
    computed ??= recordHash(record);
  } catch (error) {
    return { ok: false, reason: `cannot be hashed: ${String(error)}` };
  }
  cache?.set(cacheKey, computed);
  if (computed !== record.sha256) {
    return { ok: false, reason: `hash mismatch: stored ${record.sha256.slice(0, 12)}…, content hashes to ${computed.slice(0, 12)}…` };
  }
  return { ok: true, record };
}

/** One stored version as listed: verified, or damaged with the reason (and whatever could still be read). */
export type ModelEntry =
  | { version: number; active: boolean; status: 'ok'; record: ModelRecord }
  | { version: number; active: boolean; status: 'damaged'; reason: string; name: string | null; createdAt: number | null };

/** Checks the value stored under `version` and describes it for listing. Never throws. */
export function toEntry(value: unknown, version: number, activeVersion: number | undefined, cache?: HashCache): ModelEntry {
  const active = version === activeVersion;
  const check = checkModelRecord(value, version, cache);
  if (check.ok) return { version, active, status: 'ok', record: check.record };
  const v = isObject(value) ? value : {};
  return {
    version,
    active,
    status: 'damaged',
    reason: check.reason,
    name: typeof v.name === 'string' ? v.name : null,
    createdAt: typeof v.createdAt === 'number' && Number.isFinite(v.createdAt) ? v.createdAt : null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// The model schema (src/ml/model-schema.ts) checks a stored record as it checks a model file's model.
function shapeProblem(value: unknown, key: number): string | null {
  if (!isObject(value)) return 'not a model record';
  const checked = checkAgainst(MODEL_RECORD_SCHEMA, value);
  if (!checked.ok) return checked.error;
  if (value.version !== key) return `stored under version ${key} but says version ${String(value.version)}`;
  return null;
}
