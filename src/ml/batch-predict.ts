// Prices every row of a CSV file with a fitted model: `learn --input-csv` and the app's "Predict a file".
// The file is read as the app's importer reads one (BOM, line breaks, delimiter, decimal mark, blank lines) and each
// row's features are checked by the prediction form's rules (checkInputs), in the form's words; a row is also refused
// for what only a file can get wrong (more fields than the header, a decimal point in a decimal-comma file). Other
// columns pass through unchanged, re-quoted where needed. Output numbers use the input's decimal mark: a file written with decimal commas
// (`;` and `1,5`) comes back as `19,9`, so the spreadsheet that wrote it reads the result as numbers and the app's
// importer reads it back unchanged; every other file gets JavaScript's shortest round-trip form (String(x)).
import Papa from 'papaparse';
import { guessDelimiter } from './csv-read';
import { cellNumber, csvSizeProblem, DECIMAL_EVIDENCE_CELLS, MAX_CSV_BYTES, notANumberReason, type DecimalMark, type Delimiter } from './csv-table';
import type { FeatureInfo } from './dataset-meta';
import { predictionsForEveryK } from './estimate';
import { explainPrediction } from './explain';
import { intervalFor, type IntervalLevel, type ModelIntervals } from './intervals';
import { predictOne, scaledQuery, type FittedModel } from './model';
import { nearestRows } from './neighbours';
import { checkInputs, distanceLimits, trainingRanges, type HardLimit } from './prediction-inputs';
import { quoted } from './quote';

/** The columns added after the input's own, in this order. */
export const BATCH_OUTPUT_COLUMNS = ['predicted_price', 'interval_low', 'interval_high', 'nearest_distance', 'out_of_range', 'error'] as const;

/** A row that got no price: the file line it starts on (1-based) and why, in the words of its `error` cell. */
export interface BatchRefusal {
  line: number;
  reason: string;
}

export type BatchOutcome =
  | {
      ok: true;
      /** The input's columns, then BATCH_OUTPUT_COLUMNS: one row per input row, in order, with the input's delimiter and line break. */
      csv: string;
      /** Data rows read (blank lines are not rows). */
      rows: number;
      predicted: number;
      refused: BatchRefusal[];
      /** Predicted rows whose nearest training row is farther than the model's out-of-range distance. */
      outOfRange: number;
      /** The input's header cells as written. */
      columns: string[];
    }
  | { ok: false; error: string };

/** A model feature as the form knows it: Boston's carry their hard limits; `hardLimit: null` means none. */
export type BatchFeature = Pick<FeatureInfo, 'code' | 'binary'> & { hardLimit?: HardLimit | null };

export interface BatchOptions {
  /** Told the share of rows priced so far, 0..1, about a hundred times and once at 1. */
  onProgress?: (fraction: number) => void;
  /**
   * What is known of the model's features (the form's fields: Boston's, with their hard limits and CHAS as 0/1).
   * A feature not listed, and every feature by default, is any number within the model's own distance limits.
   */
  features?: readonly BatchFeature[];
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
// Most column names a message lists before "and N more".
const LISTED_COLUMNS = 20;

interface RawTable {
  delimiter: Delimiter;
  lineBreak: '\n' | '\r\n';
  header: string[];
  headerLine: number;
  /** Data rows (blank ones dropped), each as the parser split it. */
  rows: string[][];
  /** The file line each data row starts on. */
  lines: number[];
}

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/** Splits the text into a header and data rows with their file lines, or says why it cannot. O(length). */
function readTable(text: string): RawTable | string {
  // A string's length never exceeds its UTF-8 size, so text within the limit in characters is a file the importer reads.
  if (text.length > MAX_CSV_BYTES) return csvSizeProblem(text.length)!;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\u0000')) {
    return 'This is not a text CSV file (it contains NUL characters): it may be a spreadsheet (.xlsx) or a UTF-16 text file. Save it as "CSV UTF-8" and try again.';
  }
  const firstBreak = body.search(/[\r\n]/);
  const lineBreak = firstBreak >= 0 && body.startsWith('\r\n', firstBreak) ? '\r\n' : '\n';
  // Papa takes one line break for the whole text; a file mixing them would run rows together (as csv-read.ts notes).
  const normalised = body.replace(/\r\n?/g, '\n');
  const delimiter = guessDelimiter(normalised);
  const parsed = Papa.parse<string[]>(normalised, { delimiter, newline: '\n', header: false, dynamicTyping: false, skipEmptyLines: false });

  const startLines: number[] = [];
  let next = 1;
  for (const fields of parsed.data) {
    startLines.push(next);
    next += 1;
    // A quoted field may hold line breaks: each one is a line of the file.
    for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) next++;
  }
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const line = startLines[Math.min(quote.row ?? 0, startLines.length - 1)] ?? 1;
    return `The quoted field on line ${line} is not closed properly: a " opens it, but no matching " ends it before the next delimiter or line end.`;
  }

  let header: string[] | null = null;
  let headerLine = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const [i, fields] of parsed.data.entries()) {
    if (isBlank(fields)) continue;
    if (header === null) {
      header = fields;
      headerLine = startLines[i];
    } else {
      rows.push(fields);
      lines.push(startLines[i]);
    }
  }
  if (header === null) return 'The file is empty: it has no header row and no data rows.';
  if (rows.length === 0) return `The file has a header row (line ${headerLine}) but no data rows.`;
  return { delimiter, lineBreak, header, headerLine, rows, lines };
}

/**
 * The decimal mark the importer would decide for this table: '.' with a comma delimiter, else the majority of the
 * first DECIMAL_EVIDENCE_CELLS cells that show one (ties and none: '.'). O(cells until decided).
 */
function decimalMarkOf(table: RawTable): DecimalMark {
  if (table.delimiter === ',') return '.';
  const evidence = { '.': 0, ',': 0 };
  for (const fields of table.rows) {
    for (const field of fields) {
      const t = field.trim();
      if (t.includes(',') && !Number.isNaN(cellNumber(t, ','))) evidence[',']++;
      else if (t.includes('.') && !Number.isNaN(cellNumber(t, '.'))) evidence['.']++;
      if (evidence[','] + evidence['.'] >= DECIMAL_EVIDENCE_CELLS) return evidence[','] > evidence['.'] ? ',' : '.';
    }
  }
  return evidence[','] > evidence['.'] ? ',' : '.';
}

/** Column names for a message: quoted, the first LISTED_COLUMNS of them. */
function listColumns(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_COLUMNS).map((n) => quoted(n));
  return names.length > LISTED_COLUMNS ? `${shown.join(', ')} and ${names.length - LISTED_COLUMNS} more` : shown.join(', ');
}

/**
 * Where each model feature's values are in the header: the column named exactly as the feature, else the one
 * column named so ignoring case. Refuses duplicate names, names the output adds, and features with no column or
 * several. O(features · columns).
 */
function featureColumns(header: readonly string[], headerLine: number, features: readonly string[]): Int32Array | string {
  const names = header.map((h) => h.trim());
  const firstAt = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    if (name === '') continue;
    const first = firstAt.get(name);
    if (first !== undefined) {
      return `The header row (line ${headerLine}) names two columns ${quoted(name)} (columns ${first + 1} and ${i + 1}): ` +
        'every column needs its own name, so each output cell can be told apart.';
    }
    firstAt.set(name, i);
    if ((BATCH_OUTPUT_COLUMNS as readonly string[]).includes(name)) {
      return `The file already has a column ${quoted(name)} (column ${i + 1}), a name the output adds: rename or remove it ` +
        `(is this the output of an earlier run?). The output adds ${BATCH_OUTPUT_COLUMNS.join(', ')}.`;
    }
  }
  const columns = new Int32Array(features.length);
  const missing: string[] = [];
  for (const [c, code] of features.entries()) {
    const exact = firstAt.get(code);
    if (exact !== undefined) {
      columns[c] = exact;
      continue;
    }
    const lower = code.toLowerCase();
    const matches = names.flatMap((name, i) => (name.toLowerCase() === lower ? [i] : []));
    if (matches.length > 1) {
      return `The columns ${matches.map((i) => `${quoted(names[i])} (column ${i + 1})`).join(' and ')} all match the model's feature ${code} ` +
        `ignoring case: name one of them exactly ${code}, or rename the others.`;
    }
    if (matches.length === 0) missing.push(code);
    else columns[c] = matches[0];
  }
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}`;
    return `The file has no column for ${list}. The model needs one column for each of its features, named as they are ` +
      `(case does not matter; other columns are passed through): ${features.join(', ')}. The file's columns: ${listColumns(names)}.`;
  }
  return columns;
}

/** A field as CSV writes it: quoted when it holds the delimiter, a quote or a line break. O(length). */
function csvField(field: string, delimiter: Delimiter): string {
  if (!field.includes(delimiter) && !field.includes('"') && !field.includes('\n') && !field.includes('\r')) return field;
  return `"${field.replaceAll('"', '""')}"`;
}

/** Feature text for checkInputs: a cell's number in its shortest form, or its text when it is not one, or a refusal of its own. */
function fieldText(code: string, cell: string, mark: DecimalMark): { text: string; value: number } | { error: string } {
  const t = cell.trim();
  const value = cellNumber(t, mark);
  // String(value) reads back to exactly value; it also lets a 0/1 feature written as "1.0" (pandas' habit) be 1.
  if (!Number.isNaN(value)) return { text: String(value), value };
  if (t === '') return { text: '', value };
  const reason = notANumberReason(t, mark);
  if (reason.startsWith('uses')) return { error: `${code.toUpperCase()} must be a number; ${quoted(t)} ${reason}.` };
  // checkInputs says what is wrong: not a number, or too large.
  return { text: mark === ',' && reason === 'too large' ? t.replace(',', '.') : t, value };
}

/**
 * A function pricing a raw row as predictOne does, to the last bit, or giving null where explainPrediction must
 * decide (no finite price; a radius model with no row near enough). A k-nearest model orders only each row's k
 * nearest (nearestRows, as the test-row predictions do) where predictOne sorts every training row: the same
 * distances, the same first k in the same order and the same sums, about three times faster on Boston. Reuses its
 * buffers: O(nTrain · d + k) a row for a k model, predictOne's cost for a radius model.
 */
function nearestPricer(model: FittedModel): (raw: Float64Array) => { price: number; nearest: number } | null {
  if (model.radius !== undefined) {
    return (raw) => {
      const p = predictOne(model, raw);
      const finite = !p.noneWithin && Number.isFinite(p.priceThousands) && p.neighbours.every((n) => Number.isFinite(n.distance) && Number.isFinite(n.weight));
      return finite ? { price: p.priceThousands, nearest: p.neighbours[0].distance } : null;
    };
  }
  const { k, nTrain, nCols, trainX, trainY, trainRows, metric, weights } = model;
  const dist = new Float64Array(nTrain);
  const order = new Uint32Array(nTrain);
  const sortedDist = new Float64Array(k);
  const sortedY = new Float64Array(k);
  const pred = new Float64Array(k);
  return (raw) => {
    nearestRows(metric, scaledQuery(model, raw), 0, trainX, nTrain, nCols, trainRows, k, dist, order);
    let finite = true;
    for (let i = 0; i < k; i++) {
      sortedDist[i] = dist[order[i]];
      sortedY[i] = trainY[order[i]];
      finite &&= Number.isFinite(sortedDist[i]);
    }
    predictionsForEveryK(sortedDist, sortedY, k, weights, pred);
    // An infinite weight (a distance that underflows) makes the price NaN, so a finite price has finite weights.
    return finite && Number.isFinite(pred[k - 1]) ? { price: pred[k - 1], nearest: sortedDist[0] } : null;
  };
}

const sentence = (reason: string) => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${reason.endsWith('.') ? '' : '.'}`;

/**
 * A function giving a data row's BATCH_OUTPUT_COLUMNS cells: the prediction, or empty cells and the reason in
 * `error`. Built once per file: the training ranges and distance limits cost O(nTrain · d). The row's feature cells
 * are checked by checkInputs, as the form checks its fields; a row that passes is priced as explainPrediction
 * prices it, at nearestPricer's cost.
 */
function rowPricer(model: FittedModel, intervals: ModelIntervals, level: IntervalLevel, table: RawTable, columns: Int32Array, known: readonly BatchFeature[]): (fields: readonly string[]) => string[] {
  const mark = decimalMarkOf(table);
  const number = mark === ',' ? (x: number) => String(x).replace('.', ',') : String;
  const byCode = new Map(known.map((f) => [f.code, f]));
  const features = model.features.map((code) => byCode.get(code) ?? { code, hardLimit: null });
  const ranges = trainingRanges(model);
  const limits = distanceLimits(model);
  const width = table.header.length;
  const codes = model.features;
  const raw = new Float64Array(model.nCols);
  const nearest = nearestPricer(model);
  const priced = (price: number, interval: { low: number; high: number } | null, nearest: number, far: boolean) =>
    [number(price), interval ? number(interval.low) : '', interval ? number(interval.high) : '', number(nearest), String(far), ''];

  return (fields) => {
    const cells = ['', '', '', '', '', ''];
    // Trailing empty fields are a spreadsheet's habit; anything else past the header's width shifts the columns.
    let extra = width;
    while (extra < fields.length && fields[extra].trim() === '') extra++;
    if (extra < fields.length) {
      cells[5] = `The row has ${fields.length} fields; the header has ${width} (is a value with a ${DELIMITER_NAMES[table.delimiter]} in it not in quotes?).`;
      return cells;
    }
    const texts: Record<string, string> = Object.create(null);
    // Refusals of fieldText's own, by feature position; rare, so made only when needed.
    let own: string[] | null = null;
    for (let c = 0; c < codes.length; c++) {
      const read = fieldText(codes[c], fields[columns[c]] ?? '', mark);
      if ('error' in read) {
        (own ??= [])[c] = read.error;
        texts[codes[c]] = '';
        raw[c] = Number.NaN;
      } else {
        texts[codes[c]] = read.text;
        raw[c] = read.value;
      }
    }
    const check = checkInputs(texts, features, ranges, limits);
    if (check.values === null || own !== null) {
      cells[5] = codes.flatMap((code, c) => own?.[c] ?? (Object.hasOwn(check.errors, code) ? [check.errors[code]] : [])).join(' ');
      return cells;
    }
    // explainPrediction's numbers without its per-feature shares, which would double the time; a row with no
    // finite price goes to it for its verdict and reason.
    const fast = nearest(raw);
    if (fast) return priced(fast.price, intervalFor(fast.price, intervals, level), fast.nearest, fast.nearest > intervals.nearestDistanceP95);
    const explained = explainPrediction(model, intervals, raw, level);
    if (explained.ok) return priced(explained.prediction.price, explained.prediction.interval, explained.prediction.nearestDistance, explained.prediction.outOfRange);
    if (explained.nearestDistance !== undefined) cells[3] = number(explained.nearestDistance);
    if (explained.outOfRange !== undefined) cells[4] = String(explained.outOfRange);
    cells[5] = sentence(explained.reason);
    return cells;
  };
}

/**
 * Prices every data row of a CSV text with the model (see the file comment for the reading and output rules); a
 * problem with the whole file (empty, no data rows, duplicate header names, feature columns missing or ambiguous,
 * broken quotes, too large) is an error value. Never throws on any text. O(rows · (nTrain · d + k)) for a k model.
 */
export function predictCsv(model: FittedModel, intervals: ModelIntervals, level: IntervalLevel, text: string, options: BatchOptions = {}): BatchOutcome {
  const table = readTable(text);
  if (typeof table === 'string') return { ok: false, error: table };
  const columns = featureColumns(table.header, table.headerLine, model.features);
  if (typeof columns === 'string') return { ok: false, error: columns };
  const { delimiter, header, rows, lines, lineBreak } = table;
  const price = rowPricer(model, intervals, level, table, columns, options.features ?? []);
  const width = header.length;
  const refused: BatchRefusal[] = [];
  let outOfRange = 0;
  const out = [[...header, ...BATCH_OUTPUT_COLUMNS].map((f) => csvField(f, delimiter)).join(delimiter)];
  const step = Math.max(1, Math.floor(rows.length / 100));
  rows.forEach((fields, r) => {
    const predictions = price(fields);
    const error = predictions[5];
    if (error !== '') refused.push({ line: lines[r], reason: error });
    else if (predictions[4] === 'true') outOfRange++;
    // Short rows are padded and long ones cut (those are refused), so every output row has the header's width.
    let line = csvField(fields[0] ?? '', delimiter);
    for (let i = 1; i < width; i++) line += delimiter + csvField(fields[i] ?? '', delimiter);
    for (const cell of predictions) line += delimiter + csvField(cell, delimiter);
    out.push(line);
    if (options.onProgress && (r + 1) % step === 0) options.onProgress((r + 1) / rows.length);
  });
  options.onProgress?.(1);
  return { ok: true, csv: `${out.join(lineBreak)}${lineBreak}`, rows: rows.length, predicted: rows.length - refused.length, refused, outOfRange, columns: header };
}
