// From a read CSV table and the user's choice of target and features to a Dataset the engine sweeps.
import { longRecordReason, notANumberReason, quotedCell, CellCode, type CsvTable, type NumericColumn } from './csv-table';
import { datasetFingerprint, type Dataset } from './datasets';
import type { FeatureInfo } from './dataset-meta';

/** Fewest usable rows an imported dataset may have. */
export const MIN_DATASET_ROWS = 10;

/**
 * Largest magnitude a value may have: beyond it, a squared difference between two rows could overflow to Infinity
 * and every distance, scaler and score built on it would be meaningless. (2·1e150)² · d stays finite for any d < 4e7.
 */
export const MAX_ABS_VALUE = 1e150;

export interface DatasetChoice {
  /** The dataset's title, as the user names it. */
  name: string;
  /** Header name of the target column (matched ignoring case). */
  target: string;
  /** Header names of the feature columns (matched ignoring case); the dataset keeps them in file order. */
  features: string[];
  /** Leave out rows with a blank or unreadable value in a chosen column; without it such rows refuse the import. */
  leaveOutBadRows: boolean;
}

/** One thing wrong with a row: a cell of a chosen column, or the whole row (column null). */
export interface RowProblem {
  column: string | null;
  /** The cell's text, cut to QUOTE_LIMIT characters; '' when blank or for the whole row. */
  text: string;
  /** Full length of the text in characters. */
  length: number;
  reason: string;
}

/** A row that cannot be used with a choice, with every problem it has there. */
export interface BadRow {
  line: number;
  record: number;
  problems: RowProblem[];
}

export type DatasetFromTable =
  | {
      ok: true;
      dataset: Dataset;
      /** File lines of the rows left out, ascending. */
      leftOut: number[];
      /** File line of each dataset row. */
      rowLines: Uint32Array;
    }
  | { ok: false; error: string };

const ID_PREFIX = 'csv-';
const IMPORTED_ID = /^csv-[0-9a-f]{16}$/;

/** The id of an imported dataset: `csv-` and the first 16 hex digits of its fingerprint, so the same data gets the same id. O(1). */
export function importedDatasetId(sha256: string): string {
  return ID_PREFIX + sha256.slice(0, 16);
}

/** True when a text is an imported dataset's id (`csv-` and 16 lowercase hex digits). O(1). */
export function isImportedDatasetId(id: string): boolean {
  return IMPORTED_ID.test(id);
}

const numericColumns = (table: CsvTable) => table.columns.filter((c): c is NumericColumn => c.kind === 'numeric');

/** Names of the table's numeric columns, in file order. O(columns). */
export function numericColumnNames(table: CsvTable): string[] {
  return numericColumns(table).map((c) => c.name);
}

/** The default features for a target: every numeric column but the target, in file order. O(columns). */
export function defaultFeatures(table: CsvTable, target: string): string[] {
  const key = target.toLowerCase();
  return numericColumnNames(table).filter((name) => name.toLowerCase() !== key);
}

const listed = (names: readonly string[]) => (names.length ? names.map((n) => quotedCell(n)).join(', ') : 'none');

/** The column a name means (ignoring case), or why it cannot be used as a numeric column. */
function numericColumn(table: CsvTable, name: string, role: string): NumericColumn | string {
  const key = name.trim().toLowerCase();
  const column = table.columns.find((c) => c.name.toLowerCase() === key);
  if (!column) return `The ${role} ${quotedCell(name)} is not a column of the file. Its numeric columns: ${listed(numericColumnNames(table))}.`;
  if (column.kind === 'skipped') return `The ${role} ${quotedCell(column.name)} is not a numeric column: ${column.reason}.`;
  return column;
}

/** The target column and the feature columns in file order, or what is wrong with the choice. O(columns · chosen). */
function resolveChoice(table: CsvTable, choice: Pick<DatasetChoice, 'target' | 'features'>): { target: NumericColumn; features: NumericColumn[] } | string {
  const target = numericColumn(table, choice.target, 'target');
  if (typeof target === 'string') return target;
  if (choice.features.length === 0) return `Choose at least one feature column besides the target ${quotedCell(target.name)}.`;
  const chosen = new Set<NumericColumn>();
  for (const name of choice.features) {
    const column = numericColumn(table, name, 'feature');
    if (typeof column === 'string') return column;
    if (column === target) return `${quotedCell(column.name)} is the target, so it cannot also be a feature.`;
    if (chosen.has(column)) return `The feature ${quotedCell(column.name)} is chosen twice.`;
    chosen.add(column);
  }
  return { target, features: table.columns.filter((c): c is NumericColumn => chosen.has(c as NumericColumn)) };
}

/** Why a choice of target and features cannot be used with this table (a name that is not a numeric column, no features, one twice), or null. O(columns · chosen). */
export function choiceProblem(table: CsvTable, choice: Pick<DatasetChoice, 'target' | 'features'>): string | null {
  const resolved = resolveChoice(table, choice);
  return typeof resolved === 'string' ? resolved : null;
}

/** Every bad row of the chosen columns, sorted by line; each row once with all its problems. */
function collectBadRows(table: CsvTable, columns: readonly NumericColumn[]): BadRow[] {
  const rows = new Map<number, BadRow>();
  const rowOf = (record: number) => {
    let row = rows.get(record);
    if (!row) rows.set(record, (row = { line: table.lines[record], record, problems: [] }));
    return row;
  };
  for (const long of table.longRecords) rowOf(long.record).problems.push({ column: null, text: '', length: 0, reason: longRecordReason(table, long) });
  for (const column of columns) {
    const { records, codes, texts, lengths } = column.bad;
    for (let i = 0; i < records.length; i++) {
      if (codes[i] === CellCode.LongRecord) continue;
      const reason = codes[i] === CellCode.Blank ? 'blank' : notANumberReason(texts[i], table.decimalMark);
      rowOf(records[i]).problems.push({ column: column.name, text: texts[i], length: lengths[i], reason });
    }
  }
  return [...rows.values()].sort((a, b) => a.record - b.record);
}

/**
 * The rows that cannot be used with this choice (a blank or unreadable value in the target or a chosen feature,
 * or more fields than the header), sorted by line. Names that are not numeric columns are left out of the check.
 * O(bad cells of the chosen columns · log).
 */
export function badRowsFor(table: CsvTable, choice: Pick<DatasetChoice, 'target' | 'features'>): BadRow[] {
  const names = new Set([choice.target, ...choice.features].map((n) => n.trim().toLowerCase()));
  return collectBadRows(table, numericColumns(table).filter((c) => names.has(c.name.toLowerCase())));
}

/** One problem in words: `column “price” is blank`, `column “area”: “12a” is not a number`. */
function problemText(p: RowProblem): string {
  if (p.column === null) return p.reason;
  const column = `column ${quotedCell(p.column)}`;
  if (p.reason === 'blank') return `${column} is blank`;
  const text = quotedCell(p.text, p.length);
  if (p.reason === 'not a number') return `${column}: ${text} is not a number`;
  if (p.reason === 'too large') return `${column}: ${text} is too large to be a number`;
  return `${column}: ${text} ${p.reason}`;
}

/** A bad row in one line of words: `line 7: column “price” is blank; column “area”: “12a” is not a number`. O(problems). */
export function describeBadRow(row: BadRow): string {
  return `line ${row.line}: ${row.problems.map(problemText).join('; ')}`;
}

/** The first usable value too large for distances, as a message; null when there is none. O(rows · columns). */
function firstHugeValue(table: CsvTable, columns: readonly NumericColumn[], isBad: Uint8Array): string | null {
  for (let r = 0; r < table.nRecords; r++) {
    if (isBad[r]) continue;
    const column = columns.find((c) => Math.abs(c.values[r]) > MAX_ABS_VALUE);
    if (column) {
      return `Column ${quotedCell(column.name)} has ${column.values[r]} on line ${table.lines[r]}: values beyond ±${MAX_ABS_VALUE} would make ` +
        'distances between rows overflow. Rescale the column (into thousands or millions, say) and import it again.';
    }
  }
  return null;
}

const count = (n: number) => n.toLocaleString('en-GB');
const rowsWord = (n: number) => `${count(n)} row${n === 1 ? '' : 's'}`;

/**
 * The Dataset for a choice: x is the usable rows × the chosen features (file order), y the target; its name is
 * importedDatasetId of its fingerprint, so it depends only on the content. Bad rows refuse it unless the choice
 * leaves them out. O(rows · features) plus one SHA-256 pass.
 */
export function datasetFromTable(table: CsvTable, choice: DatasetChoice): DatasetFromTable {
  const title = choice.name.trim();
  if (title === '') return { ok: false, error: 'Give the dataset a name.' };
  const resolved = resolveChoice(table, choice);
  if (typeof resolved === 'string') return { ok: false, error: resolved };
  const { target, features } = resolved;
  const bad = collectBadRows(table, [target, ...features]);
  const usable = table.nRecords - bad.length;
  if (bad.length > 0 && !choice.leaveOutBadRows) {
    return {
      ok: false,
      error: `${rowsWord(bad.length)} of ${count(table.nRecords)} ${bad.length === 1 ? 'has' : 'have'} a blank or unreadable value in the chosen columns ` +
        `(first, ${describeBadRow(bad[0])}). Leave ${bad.length === 1 ? 'it' : 'them'} out to use the other ${rowsWord(usable)}, or correct the file.`,
    };
  }
  if (usable < MIN_DATASET_ROWS) {
    const leftOut = bad.length > 0 ? ` once the ${rowsWord(bad.length)} with blank or unreadable values ${bad.length === 1 ? 'is' : 'are'} left out` : '';
    return { ok: false, error: `Only ${rowsWord(usable)} can be used${leftOut}; a dataset needs at least ${MIN_DATASET_ROWS}.` };
  }

  const isBad = new Uint8Array(table.nRecords);
  for (const row of bad) isBad[row.record] = 1;
  const huge = firstHugeValue(table, [target, ...features], isBad);
  if (huge) return { ok: false, error: huge };
  const nFeatures = features.length;
  const x = new Float64Array(usable * nFeatures);
  const y = new Float64Array(usable);
  const rowLines = new Uint32Array(usable);
  let i = 0;
  for (let r = 0; r < table.nRecords; r++) {
    if (isBad[r]) continue;
    for (let j = 0; j < nFeatures; j++) x[i * nFeatures + j] = features[j].values[r];
    y[i] = target.values[r];
    rowLines[i] = table.lines[r];
    i++;
  }

  const featureInfo: FeatureInfo[] = features.map((c) => ({ code: c.name, description: '', unit: '' }));
  const content = { features: featureInfo, target: target.name, nFeatures, x, y };
  const sha256 = datasetFingerprint(content);
  const dataset: Dataset = { name: importedDatasetId(sha256), title, targetDescription: '', nRows: usable, ...content, sha256 };
  return { ok: true, dataset, leftOut: bad.map((row) => row.line), rowLines };
}
