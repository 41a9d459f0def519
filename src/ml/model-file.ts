import { canonicalJson } from './canonical-json';
import type { ChosenBy } from './chosen-by';
import type { Scores } from './metrics';
import type { FittedModel } from './model';
import { isMetric, isScale, isWeights, type KnnParams } from './params';
import { sha256Text } from './sha256';

export const MODEL_FILE_SCHEMA = 'knn-lab/model';
export const MODEL_FILE_VERSION = 1;

/** What produced a model: the data, the split and the fit settings. */
export interface ModelRun {
  dataset: { name: string; rows: number; target: string; sha256: string };
  split: { seed: number; testFraction: number; nTrain: number; nTest: number };
  params: KnnParams;
  /** How k was chosen (absent in files written before it was kept). */
  chosenBy?: ChosenBy;
}

/** The portable model file: the app imports and exports it, `learn --out` writes it. */
export interface ModelFile {
  schema: typeof MODEL_FILE_SCHEMA;
  schemaVersion: number;
  createdAt: string;
  run: ModelRun;
  /** Test scores at the model's k. */
  metrics: { k: number } & Scores;
  model: FittedModel;
  /** SHA-256 of the canonical JSON of every other field. */
  sha256: string;
}

/** SHA-256 of a model file's content without its own hash field. O(size). */
export function modelFileHash(file: Omit<ModelFile, 'sha256'> & { sha256?: string }): string {
  const { sha256: _ignored, ...content } = file;
  return sha256Text(canonicalJson(content));
}

/** Assembles a model file and seals it with its hash. O(size of the model). */
export function createModelFile(model: FittedModel, run: ModelRun, metrics: { k: number } & Scores, createdAt = new Date().toISOString()): ModelFile {
  const content = { schema: MODEL_FILE_SCHEMA, schemaVersion: MODEL_FILE_VERSION, createdAt, run, metrics, model } as const;
  return { ...content, sha256: modelFileHash(content) };
}

/** JSON text of a model file (typed arrays written as arrays). */
export function serialiseModelFile(file: ModelFile): string {
  return JSON.stringify(file, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value), 2);
}

export type ParsedModelFile = { ok: true; file: ModelFile } | { ok: false; error: string };

/** Reads and checks a model file's text: JSON, schema, field types, shapes and hash. Never throws. */
export function parseModelFile(text: string): ParsedModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not a model file: the text is not valid JSON' };
  }
  const problem = modelFileProblem(raw);
  if (problem) return { ok: false, error: problem };
  const file = raw as ModelFile;
  const m = file.model as unknown as Record<string, number[]>;
  const model: FittedModel = {
    ...file.model,
    trainX: Float64Array.from(m.trainX),
    trainY: Float64Array.from(m.trainY),
    trainRows: Uint32Array.from(m.trainRows),
  };
  const restored = { ...file, model };
  if (modelFileHash(restored) !== file.sha256) return { ok: false, error: 'the model file has been altered: its SHA-256 does not match its content' };
  return { ok: true, file: restored };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberArray = (v: unknown, length: number): boolean =>
  (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length === length && Array.prototype.every.call(v, (x: unknown) => typeof x === 'number' && Number.isFinite(x));

/** The first thing wrong with a would-be model file, or null. */
export function modelFileProblem(raw: unknown): string | null {
  if (!isObject(raw)) return 'not a model file: expected a JSON object';
  if (raw.schema !== MODEL_FILE_SCHEMA) return `not a model file: "schema" must be "${MODEL_FILE_SCHEMA}"`;
  if (raw.schemaVersion !== MODEL_FILE_VERSION) return `unsupported model file version ${String(raw.schemaVersion)}; this app reads version ${MODEL_FILE_VERSION}`;
  if (typeof raw.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(raw.sha256)) return 'the model file has no valid "sha256" field';
  if (!isObject(raw.run) || !isObject(raw.metrics)) return 'the model file lacks its "run" or "metrics" section';
  return fittedModelProblem(raw.model);
}

/** The first thing wrong with a would-be fitted model (shape, types, ranges), or null. */
export function fittedModelProblem(m: unknown): string | null {
  if (!isObject(m)) return 'the model is missing';
  if (typeof m.weights !== 'string' || !isWeights(m.weights)) return 'model weights must be "uniform" or "distance"';
  if (typeof m.metric !== 'string' || !isMetric(m.metric)) return 'model metric must be "euclidean" or "manhattan"';
  if (typeof m.scale !== 'string' || !isScale(m.scale)) return 'model scale must be "none" or "standard"';
  if (!Array.isArray(m.features) || m.features.length === 0 || !m.features.every((f) => typeof f === 'string')) return 'model features must be a non-empty list of names';
  const nCols = m.features.length;
  if (m.nCols !== nCols) return `model nCols (${String(m.nCols)}) must equal the number of features (${nCols})`;
  const nTrain = m.nTrain;
  if (typeof nTrain !== 'number' || !Number.isInteger(nTrain) || nTrain < 1) return 'model nTrain must be a positive integer';
  if (typeof m.k !== 'number' || !Number.isInteger(m.k) || m.k < 1 || m.k > nTrain) return `model k must be an integer in 1..${nTrain}`;
  if (!isNumberArray(m.trainX, nTrain * nCols)) return `model trainX must hold ${nTrain * nCols} finite numbers`;
  if (!isNumberArray(m.trainY, nTrain)) return `model trainY must hold ${nTrain} finite numbers`;
  if (!isNumberArray(m.trainRows, nTrain)) return `model trainRows must hold ${nTrain} row numbers`;
  if (m.scaler !== null) {
    if (!isObject(m.scaler) || !isNumberArray(m.scaler.mean, nCols) || !isNumberArray(m.scaler.scale, nCols)) return `model scaler must be null or hold ${nCols} means and scales`;
  }
  if (!isObject(m.dataset) || typeof m.dataset.name !== 'string' || typeof m.dataset.sha256 !== 'string') return 'model dataset must name the dataset and its SHA-256';
  return null;
}
