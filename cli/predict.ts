// `learn --predict`: prices houses with a saved model file, one given as JSON (--input) or a CSV file of them
// (--input-csv). Nothing here trains: the file's hash and schema are checked, then its fitted model and interval
// calibration are used as they are, through the same src/ml code the app's form and "Predict a file" use.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { predictCsv, type BatchFeature } from '../src/ml/batch-predict';
import { csvSizeProblem } from '../src/ml/csv-table';
import { BUILT_IN_CATALOGUE } from '../src/ml/dataset-meta';
import { explainPrediction, type ExplainedPrediction } from '../src/ml/explain';
import { modelFileSizeProblem, parseModelFile, type ModelFile } from '../src/ml/model-file';
import { checkInputs, distanceLimits, trainingRanges } from '../src/ml/prediction-inputs';
import { UsageError, type PredictOptions } from './learn-args';
import { fileProblem } from './file-problems';

/** Exit code when some house could not be priced (a refused CSV row, or a radius model with no row near enough). */
export const EXIT_REFUSED = 3;
// Refused CSV rows listed on stderr before "and N more": the error column has them all.
const LISTED_REFUSALS = 20;

/** A file's text, refused before reading when `sizeProblem` says it is too large. `what` starts each message. */
function readText(path: string, what: string, sizeProblem: (bytes: number) => string | null): string {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${what}: not a file`);
    const tooBig = sizeProblem(stat.size);
    if (tooBig) throw new UsageError(`${what}: ${tooBig}`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const problem = fileProblem(error, path, false);
    throw new UsageError(`${what}: ${problem === 'no such file' ? problem : `cannot read it (${problem})`}`);
  }
}

/** The model file --predict names, checked (schema, then hash) as the app checks an imported one. */
function readModelFile(path: string): ModelFile {
  const parsed = parseModelFile(readText(path, `--predict ${path}`, modelFileSizeProblem));
  if (!parsed.ok) throw new UsageError(`--predict ${path}: ${parsed.error}`);
  return parsed.file;
}

/** The model's features as the form knows them: a built-in dataset's (Boston's hard limits, CHAS as 0/1), else none. */
function knownFeatures(file: ModelFile): BatchFeature[] {
  const info = BUILT_IN_CATALOGUE.get(file.model.dataset.name);
  return info ? [...info.features] : [];
}

/** Boston's prices are in $1000s recorded to $100; another target is shown to six significant digits. */
function priceText(file: ModelFile, price: number): string {
  return BUILT_IN_CATALOGUE.has(file.model.dataset.name) ? price.toFixed(1) : String(Number(price.toPrecision(6)));
}

const distanceText = (d: number) => String(Number(d.toPrecision(3)));

/**
 * The feature values --input gives, as texts by model feature for checkInputs: keys matched to features exactly,
 * else ignoring case; every key must name a feature and every feature must have a value (a number, or a string
 * holding one). Each mistake is a UsageError naming the key and what is allowed.
 */
function inputTexts(json: string, features: readonly string[]): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--input must be a JSON object such as '{"${features[0]}": 1.5, ...}': ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--input must be a JSON object of feature values such as '{"${features[0]}": 1.5, ...}', got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  const entries = Object.entries(value);
  // Null prototype: a key or feature called "__proto__" is an ordinary key here.
  const texts: Record<string, string> = Object.create(null);
  const givenAs = new Map<string, string>();
  const list = features.join(', ');
  for (const [key, given] of entries) {
    const feature = features.includes(key) ? key : features.find((f) => f.toLowerCase() === key.toLowerCase());
    if (feature === undefined) throw new UsageError(`--input: unknown feature "${key.slice(0, 40)}"; the model's features are ${list}`);
    const earlier = givenAs.get(feature);
    if (earlier !== undefined) throw new UsageError(`--input gives ${feature} twice, as "${earlier}" and "${key}"; give it once`);
    givenAs.set(feature, key);
    if (typeof given === 'number') texts[feature] = String(given);
    else if (typeof given === 'string') texts[feature] = given;
    else throw new UsageError(`--input: ${key} must be a number, got ${JSON.stringify(given)?.slice(0, 40)}`);
  }
  const missing = features.filter((f) => !givenAs.has(f));
  if (missing.length > 0) {
    const which = missing.length === features.length ? 'no feature values' : `no value for ${missing.join(', ')}`;
    throw new UsageError(`--input has ${which}; the model needs every one of its features: ${list}`);
  }
  return texts;
}

/** The --json report: the issue's keys, plus the distance outOfRange is judged against. */
function predictionJson(p: ExplainedPrediction) {
  const { price, interval, nearestDistance, outOfRangeDistance, outOfRange, neighbours } = p;
  return { price, interval, nearestDistance, outOfRangeDistance, outOfRange, neighbours };
}

/** One house from --input: its price and interval, and a line when it is unlike the training data. */
function priceHouse(file: ModelFile, options: PredictOptions): number {
  const { model, intervals } = file;
  const texts = inputTexts(options.input!, model.features);
  const known = new Map(knownFeatures(file).map((f) => [f.code, f]));
  const fields = model.features.map((code) => known.get(code) ?? { code, hardLimit: null });
  const check = checkInputs(texts, fields, trainingRanges(model), distanceLimits(model));
  if (check.values === null) throw new UsageError(`--input: ${Object.values(check.errors).join(' ')}`);
  const values = check.values;
  const explained = explainPrediction(model, intervals, model.features.map((code) => values[code]), options.level);
  if (!explained.ok) {
    process.stderr.write(`learn: cannot price this house: ${explained.reason}\n`);
    return EXIT_REFUSED;
  }
  const p = explained.prediction;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(predictionJson(p))}\n`);
    return 0;
  }
  const percent = `${options.level * 100} %`;
  const interval = p.interval
    ? `${percent} interval ${priceText(file, p.interval.low)} – ${priceText(file, p.interval.high)}`
    : `no ${percent} interval: too few training rows back that level`;
  const lines = [`${priceText(file, p.price)}  (${interval})`];
  if (p.outOfRange) {
    lines.push(`unlike the training data: nearest row at ${distanceText(p.nearestDistance)}; 95 % of training rows have a neighbour within ${distanceText(p.outOfRangeDistance)}`);
  }
  for (const [code, warning] of Object.entries(check.warnings)) lines.push(`${code} ${texts[code].trim()}: ${warning}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** A CSV file from --input-csv, priced row by row (predictCsv) to stdout or --output; refused rows listed on stderr. */
function priceFile(file: ModelFile, options: PredictOptions): number {
  const path = options.inputCsv!;
  const text = readText(path, `--input-csv ${path}`, csvSizeProblem);
  const outcome = predictCsv(file.model, file.intervals, options.level, text, { features: knownFeatures(file) });
  if (!outcome.ok) throw new UsageError(`--input-csv ${path}: ${outcome.error}`);
  if (options.output === null) {
    // A reader that stops early (`| head`) closes the pipe: that is its choice, not a failure worth a stack trace.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      process.stderr.write(`learn: cannot write the CSV to stdout: ${error.code ?? error.message}\n`);
      process.exitCode = 2;
    });
    process.stdout.write(outcome.csv);
  } else {
    try {
      writeFileSync(options.output, outcome.csv);
    } catch (error) {
      throw new UsageError(`cannot write --output "${options.output}": ${fileProblem(error, options.output, true)}`);
    }
  }
  const { refused } = outcome;
  // One line each, whatever a quoted cell held.
  const lines = refused.slice(0, LISTED_REFUSALS).map((r) => `learn: line ${r.line}: ${r.reason.replace(/\s*[\r\n]+\s*/g, ' ')}`);
  if (refused.length > LISTED_REFUSALS) lines.push(`learn: … and ${refused.length - LISTED_REFUSALS} more rows refused; the error column says why for each`);
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  return refused.length > 0 ? EXIT_REFUSED : 0;
}

/** Runs `learn --predict`; returns the exit code (0, or EXIT_REFUSED). A bad argument or file is a UsageError. */
export function runPredict(options: PredictOptions): number {
  const file = readModelFile(options.model);
  return options.input !== null ? priceHouse(file, options) : priceFile(file, options);
}
