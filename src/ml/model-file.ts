// The portable model file: `learn --out` writes it, the app exports and imports it, `learn --predict` reads it.
// Its hash is SHA-256 over the RFC 8785 canonical JSON of every field but `sha256`, so any language's JCS library
// can check it (README: "Checking a model file's hash").
import { canonicalJson } from './canonical-json';
import type { ChosenBy, SeedStanding } from './chosen-by';
import type { ModelIntervals } from './intervals';
import type { Scores } from './metrics';
import type { FittedModel } from './model';
import { checkAgainst, describeReceived, MAX_MODEL_FILE_BYTES, MODEL_FILE_KIND, MODEL_FILE_SCHEMA, MODEL_FILE_VERSION, type ModelFileContent } from './model-schema';
import { sha256Text } from './sha256';

export { MAX_MODEL_FILE_BYTES, MODEL_FILE_KIND, MODEL_FILE_VERSION };

/** A model file in memory: as the schema describes it, with the fitted model's lists as typed arrays. */
export type ModelFile = Omit<ModelFileContent, 'model' | 'training' | 'intervals'> & {
  training: { seed: number; testFraction: number; chosenBy: ChosenBy; seedStanding?: SeedStanding };
  model: FittedModel;
  intervals: ModelIntervals;
};

/** What a file is made from: a saved version's content (a stored record has all of it). */
export interface ModelFileSource {
  name: string;
  note: string;
  /** ms since the epoch. */
  createdAt: number;
  seed: number;
  testFraction: number;
  metrics: Scores;
  /** Absent in records saved before it was kept; those were all chosen on a single split. */
  chosenBy?: ChosenBy;
  seedStanding?: SeedStanding;
  model: FittedModel;
}

/** SHA-256 of a file's canonical JSON (RFC 8785) without its own `sha256` field, as hex. O(size). */
export function modelFileHash(file: object): string {
  const content: Record<string, unknown> = { ...file };
  delete content.sha256;
  return sha256Text(canonicalJson(content));
}

/** A sealed model file for a saved version and its interval calibration. O(size of the model). */
export function modelFileFrom(source: ModelFileSource, intervals: ModelIntervals): ModelFile {
  const { name, note, createdAt, seed, testFraction, metrics, chosenBy, seedStanding, model } = source;
  const content: Omit<ModelFile, 'sha256'> = {
    schema: MODEL_FILE_KIND,
    schemaVersion: MODEL_FILE_VERSION,
    createdAt: new Date(createdAt).toISOString(),
    name,
    note,
    training: { seed, testFraction, chosenBy: chosenBy ?? { method: 'split', seed, testFraction }, ...(seedStanding ? { seedStanding } : {}) },
    metrics: { mse: metrics.mse, rmse: metrics.rmse, mae: metrics.mae, r2: metrics.r2 },
    model,
    intervals,
  };
  return { ...content, sha256: modelFileHash(content) };
}

/** What saving a file as a new version takes: the record's content, as it was when the file was made. */
export function sourceOfModelFile(file: ModelFile): ModelFileSource {
  const { name, note, createdAt, training, metrics, model } = file;
  return {
    name,
    note,
    createdAt: Date.parse(createdAt),
    seed: training.seed,
    testFraction: training.testFraction,
    metrics,
    chosenBy: training.chosenBy,
    ...(training.seedStanding ? { seedStanding: training.seedStanding } : {}),
    model,
  };
}

/** JSON text of a model file (typed arrays written as arrays), indented for people. O(size). */
export function serialiseModelFile(file: ModelFile): string {
  return JSON.stringify(file, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value), 2);
}

/** "model.knn.json" names for a version: its name with characters file systems refuse replaced. */
export function modelFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
  const safe = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 100);
  return `${safe || 'model'}.knn.json`;
}

/** Why a file of this many bytes is not read, or null. O(1). */
export function modelFileSizeProblem(bytes: number): string | null {
  return bytes > MAX_MODEL_FILE_BYTES ? `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a model file can be at most ${MAX_MODEL_FILE_BYTES / 1024 / 1024} MB` : null;
}

export type ParsedModelFile = { ok: true; file: ModelFile } | { ok: false; error: string };

/** Reads and checks a model file's text: JSON, forbidden keys, the schema (types, shapes, versions), then the hash. Never throws. */
export function parseModelFile(text: string): ParsedModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not a model file: the text is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return modelFileFromJson(raw);
}

/** Checks a parsed JSON value as a model file (see parseModelFile). Never throws. */
export function modelFileFromJson(raw: unknown): ParsedModelFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'not a model file: expected a JSON object' };
  const kind = (raw as Record<string, unknown>).schema;
  if (kind !== MODEL_FILE_KIND) return { ok: false, error: `not a model file: "schema" must be "${MODEL_FILE_KIND}"` };
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (version !== MODEL_FILE_VERSION) {
    return { ok: false, error: `unsupported model file version ${describeReceived(version)}: this version reads version ${MODEL_FILE_VERSION}${version === 1 ? ' (write the file again with `learn --out`)' : ''}` };
  }
  const checked = checkAgainst(MODEL_FILE_SCHEMA, raw);
  if (!checked.ok) return { ok: false, error: checked.error };
  const computed = modelFileHash(raw);
  if (computed !== checked.value.sha256) {
    return { ok: false, error: `sha256: the file has been altered: its content hashes to ${computed.slice(0, 12)}…, the file says ${checked.value.sha256.slice(0, 12)}…` };
  }
  const { model } = checked.value;
  return {
    ok: true,
    file: {
      ...checked.value,
      model: { ...model, dataset: model.dataset as FittedModel['dataset'], trainX: Float64Array.from(model.trainX), trainY: Float64Array.from(model.trainY), trainRows: Uint32Array.from(model.trainRows) },
    },
  };
}
