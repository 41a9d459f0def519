// A user's CSV file as a table of numbers, built row by row as the parser reads: one header row, then records
// whose cells are read as numbers the way a person means them. Nothing is keyed by header names (a header may
// be "__proto__"), and only cells that are not numbers keep any text, so a 20,000 × 9 file costs typed arrays.
import { QUOTE_LIMIT, quoted } from './quote';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type DecimalMark = '.' | ',';

/** The largest file the app and `learn` read. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

/** Why a file of this many bytes is refused, or null when it may be read. O(1). */
export function csvSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_CSV_BYTES) return null;
  // Rounded up, so a file just over the limit does not read as "100 MB".
  const mb = (n: number) => `${(Math.ceil((n / (1024 * 1024)) * 10) / 10).toLocaleString('en-GB')} MB`;
  return `The file is ${mb(bytes)}; files up to ${mb(MAX_CSV_BYTES)} can be read. Keep only the columns and rows you need.`;
}

/** Names a header may not use: they would reach Object.prototype in any code that keys objects by name. */
/** Most columns a file may have, and the longest column name: both end up in the lab's controls and its links. */
export const MAX_COLUMNS = 500;
export const MAX_COLUMN_NAME_LENGTH = 100;

export const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** How many cells with a decimal separator decide a file's decimal mark: the majority among the first this many. */
export const DECIMAL_EVIDENCE_CELLS = 1000;

const DOT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
// Digits with separators in places a number could have them ("1.000,5"): what a person meant as a number.
const NUMBER_LIKE = /^[+-]?[\d.,]*\d[\d.,]*([eE][+-]?\d+)?$/;

/**
 * The number a cell's text means with this decimal mark, or NaN when it is blank, text, hex, `NaN`, `Infinity`
 * or overflows. The text is checked strictly first, so Number() only ever sees plain decimals. O(length).
 */
export function cellNumber(text: string, mark: DecimalMark): number {
  const t = text.trim();
  if (!(mark === '.' ? DOT_NUMBER : COMMA_NUMBER).test(t)) return Number.NaN;
  const value = Number(mark === '.' ? t : t.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Why a non-blank cell that cellNumber refused is not a number, for a message. O(length). */
export function notANumberReason(text: string, mark: DecimalMark): string {
  const t = text.trim();
  if ((mark === '.' ? DOT_NUMBER : COMMA_NUMBER).test(t)) return 'too large';
  const other = mark === '.' ? ',' : '.';
  if (t.includes(other) && NUMBER_LIKE.test(t)) {
    return mark === ',' ? "uses '.' in a file with decimal commas" : "uses ',' in a file with decimal points";
  }
  return 'not a number';
}

/** The separator a number-shaped cell shows ("1,5" → ","), or null when the cell reads the same with either mark. */
function separatorOf(t: string): DecimalMark | null {
  if (t.includes(',')) return COMMA_NUMBER.test(t) ? ',' : null;
  if (t.includes('.')) return DOT_NUMBER.test(t) ? '.' : null;
  return null;
}

/** What is wrong with a cell that is not a number; LongRecord: the whole record has more fields than the header. */
export const CellCode = { Blank: 0, Text: 1, LongRecord: 2 } as const;
type CellCode = (typeof CellCode)[keyof typeof CellCode];

/**
 * A numeric column's cells that are not numbers, in record order, stored by column: `records[i]` is the record,
 * `codes[i]` what is wrong, `texts[i]` the text cut to QUOTE_LIMIT characters ('' when blank) and `lengths[i]` its
 * full length in characters.
 */
export interface BadCells {
  records: Uint32Array;
  codes: Uint8Array;
  texts: string[];
  lengths: Uint32Array;
}

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  /** 1-based position in the file. */
  position: number;
  /** One value per record; NaN where the cell is blank or not a number. */
  values: Float64Array;
  /** How many cells are numbers. */
  numbers: number;
  bad: BadCells;
}

export interface SkippedColumn {
  kind: 'skipped';
  name: string;
  position: number;
  /** Why it is not a numeric column, for a person ("text such as “Paris” in 20 of 20 rows"). */
  reason: string;
}

export type CsvColumn = NumericColumn | SkippedColumn;

/** A record with more fields than the header: bad whatever columns are chosen. */
export interface LongRecord {
  record: number;
  line: number;
  fields: number;
}

export interface CsvTable {
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  /** File line of the header row (1 unless blank lines come first). */
  headerLine: number;
  /** Data records (blank lines are not records). */
  nRecords: number;
  /** The file line on which each record starts: blank lines and line breaks inside quoted fields are counted. */
  lines: Uint32Array;
  /** Every header column, in file order. */
  columns: CsvColumn[];
  longRecords: LongRecord[];
}

export type CsvTableResult = { ok: true; table: CsvTable } | { ok: false; error: string };

/**
 * A cell's text for a message, quoted as quoted() does, line breaks shown as ↵ so a message stays one line. Give
 * `length` (in characters) for a text cut on the way in (BadCells), so the message still says how long it was. O(length).
 */
export function quotedCell(text: string, length?: number): string {
  const shown = text.replace(/\r\n|\r|\n/g, '↵');
  if (length !== undefined && length > Array.from(text).length) return `“${shown}…” (${length.toLocaleString('en-GB')} characters)`;
  return quoted(shown);
}

/** Line breaks inside a row's fields (quoted fields may hold them): CRLF, CR and LF count one each. O(row length). */
function lineBreaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13) {
        breaks++;
        if (field.charCodeAt(i + 1) === 10) i++;
      }
    }
  }
  return breaks;
}

const isBlankRow = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/** A typed array that grows by doubling. */
class Growing<A extends Float64Array | Uint32Array | Uint8Array> {
  length = 0;
  constructor(private data: A, private readonly make: (n: number) => A) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(16, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

const growF64 = () => new Growing(new Float64Array(0), (n) => new Float64Array(n));
const growU32 = () => new Growing(new Uint32Array(0), (n) => new Uint32Array(n));
const growU8 = () => new Growing(new Uint8Array(0), (n) => new Uint8Array(n));

/** A kept cell text: cut to QUOTE_LIMIT characters (code points), with its full length. */
interface KeptText {
  text: string;
  length: number;
}

/**
 * Keeps the texts of cells that are not numbers: cut, copied and shared. The copy matters: V8 keeps a substring
 * as a slice of its parent, and the parent is a whole chunk of the file. Sharing makes a column of town names
 * cost one string per town. O(length) a text.
 */
class TextStore {
  private readonly kept = new Map<string, KeptText>();

  keep(text: string): KeptText {
    const chars = text.length > QUOTE_LIMIT ? Array.from(text) : null;
    // Long texts that show the same are the same kept text.
    const key = chars ? `${chars.slice(0, QUOTE_LIMIT).join('')}\u0000${chars.length}` : text;
    let found = this.kept.get(key);
    if (!found) {
      const shown = chars ? chars.slice(0, QUOTE_LIMIT) : Array.from(text);
      found = { text: shown.join(''), length: chars ? chars.length : shown.length };
      this.kept.set(chars ? key : found.text, found);
    }
    return found;
  }
}

class ColumnBuilder {
  readonly values = growF64();
  numbers = 0;
  blanks = 0;
  texts = 0;
  example: KeptText | null = null;
  private readonly badRecords = growU32();
  private readonly badCodes = growU8();
  private readonly badTexts: string[] = [];
  private readonly badLengths = growU32();
  /** A cell settled after its decimal mark was decided lands out of record order. */
  private unsorted = false;
  private lastBadRecord = -1;

  constructor(readonly name: string, readonly position: number, private readonly store: TextStore) {}

  addBad(record: number, code: CellCode, text?: KeptText): void {
    if (this.lastBadRecord > record) this.unsorted = true;
    this.lastBadRecord = record;
    this.badRecords.push(record);
    this.badCodes.push(code);
    this.badTexts.push(text?.text ?? '');
    this.badLengths.push(text?.length ?? 0);
  }

  /** Settles a non-blank cell: a number, or a text that is not one. */
  settle(record: number, text: string, value: number): void {
    if (Number.isNaN(value)) {
      const kept = this.store.keep(text);
      this.texts++;
      this.example ??= kept;
      this.addBad(record, CellCode.Text, kept);
    } else {
      this.values.set(record, value);
      this.numbers++;
    }
  }

  build(nRecords: number): CsvColumn {
    const { name, position } = this;
    if (this.numbers === 0 || this.numbers < this.texts) return { kind: 'skipped', name, position, reason: this.skipReason(nRecords) };
    const records = this.badRecords.done();
    const codes = this.badCodes.done();
    const lengths = this.badLengths.done();
    let texts = this.badTexts;
    if (this.unsorted) {
      const order = Array.from(records.keys()).sort((a, b) => records[a] - records[b]);
      const pick = <A extends Uint32Array | Uint8Array>(a: A) => order.map((i) => a[i]);
      records.set(pick(records));
      codes.set(pick(codes));
      lengths.set(pick(lengths));
      texts = order.map((i) => texts[i]);
    }
    return { kind: 'numeric', name, position, values: this.values.done(), numbers: this.numbers, bad: { records, codes, texts, lengths } };
  }

  private skipReason(nRecords: number): string {
    if (this.example === null) return `every cell is blank (${nRecords.toLocaleString('en-GB')} rows)`;
    const count = (n: number) => n.toLocaleString('en-GB');
    const numbers = this.numbers > 0 ? `; numbers in only ${count(this.numbers)}` : '';
    return `text such as ${quotedCell(this.example.text, this.example.length)} in ${count(this.texts)} of ${count(nRecords)} rows${numbers}`;
  }
}

/** Every problem with a header row, in one message that names them; null when it is fine. O(columns). */
export function headerProblem(names: readonly string[], line: number): string | null {
  if (names.length > MAX_COLUMNS) {
    return `The header row (line ${line}) has ${names.length.toLocaleString('en-GB')} columns; at most ${MAX_COLUMNS} can be read ` +
      '(each becomes a checkbox, a form field and part of every link).';
  }
  if (names.length < 2) {
    return `The file has only one column (${quotedCell(names[0] ?? '')}): it needs a target column and at least one feature column, ` +
      'separated by commas, semicolons or tabs.';
  }
  const problems: string[] = [];
  const firstAt = new Map<string, number>();
  const reported = new Set<string>();
  names.forEach((name, i) => {
    const position = i + 1;
    if (name === '') {
      problems.push(`column ${position} has no name`);
      return;
    }
    if (name.length > MAX_COLUMN_NAME_LENGTH) problems.push(`${quotedCell(name)} (column ${position}) is ${name.length} characters long; at most ${MAX_COLUMN_NAME_LENGTH}`);
    const key = name.toLowerCase();
    if (RESERVED_NAMES.includes(key)) problems.push(`${quotedCell(name)} (column ${position}) is a reserved name`);
    if (name.includes(',')) problems.push(`${quotedCell(name)} (column ${position}) contains a comma`);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, position);
    else if (!reported.has(key)) {
      reported.add(key);
      const all = names.flatMap((n, j) => (n.toLowerCase() === key ? [j + 1] : []));
      problems.push(`${quotedCell(names[first - 1])} names ${all.length} columns (${all.join(', ')}; names are compared ignoring case)`);
    }
  });
  if (problems.length === 0) return null;
  return `The header row (line ${line}) cannot be used: ${problems.join('; ')}. Every column needs its own name (ignoring case), ` +
    `without commas, other than ${RESERVED_NAMES.slice(0, -1).join(', ')} or ${RESERVED_NAMES.at(-1)}.`;
}

/**
 * Builds a CsvTable from rows as the parser yields them, blank rows included (they count for line numbers).
 * The decimal mark (for `;` and tab files) is the majority among the first DECIMAL_EVIDENCE_CELLS cells that show
 * one; until then those cells wait. O(cells) time; memory: 8 bytes a cell plus the cells that are not numbers.
 */
export class CsvTableBuilder {
  private nextLine = 1;
  private headerLine = 0;
  private columns: ColumnBuilder[] | null = null;
  private readonly lines = growU32();
  private readonly longRecords: LongRecord[] = [];
  private nRecords = 0;
  private mark: DecimalMark | null;
  private readonly evidence = { '.': 0, ',': 0 };
  private waiting: { column: number; record: number; text: string }[] = [];
  private readonly texts = new TextStore();
  /** Set once the file is refused; later rows are ignored. */
  error: string | null = null;

  constructor(readonly delimiter: Delimiter) {
    // With a comma delimiter an unquoted "1,5" is two cells, so the file can only mean decimal points.
    this.mark = delimiter === ',' ? '.' : null;
  }

  /** Adds the parser's next row; returns the file line on which it starts. O(row length). */
  add(fields: readonly string[]): number {
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(fields);
    if (this.error !== null || isBlankRow(fields)) return line;
    if (this.columns === null) this.setHeader(fields, line);
    else this.addRecord(fields, line);
    return line;
  }

  /** Refuses the file (a malformed quote found by the parser, say); the first refusal stands. */
  refuse(message: string): void {
    this.error ??= message;
  }

  /** The table, or why the file cannot be used. O(columns · bad cells) on top of what `add` did. */
  finish(): CsvTableResult {
    if (this.error !== null) return { ok: false, error: this.error };
    if (this.columns === null) return { ok: false, error: 'The file is empty: it has no header row and no data rows.' };
    if (this.nRecords === 0) return { ok: false, error: `The file has a header row (line ${this.headerLine}) but no data rows.` };
    if (this.mark === null) this.decideMark();
    return {
      ok: true,
      table: {
        delimiter: this.delimiter,
        decimalMark: this.mark!,
        headerLine: this.headerLine,
        nRecords: this.nRecords,
        lines: this.lines.done(),
        columns: this.columns.map((c) => c.build(this.nRecords)),
        longRecords: this.longRecords,
      },
    };
  }

  private setHeader(fields: readonly string[], line: number): void {
    const names = fields.map((f) => f.trim());
    this.error = headerProblem(names, line);
    this.headerLine = line;
    this.columns = names.map((name, i) => new ColumnBuilder(name, i + 1, this.texts));
  }

  private addRecord(fields: readonly string[], line: number): void {
    const columns = this.columns!;
    const record = this.nRecords++;
    this.lines.push(line);
    // Trailing empty fields ("1;2;3;") are a spreadsheet's habit, not data: only a non-blank extra makes a long record.
    let longRecord = false;
    for (let i = columns.length; i < fields.length && !longRecord; i++) longRecord = fields[i].trim() !== '';
    if (longRecord) {
      this.longRecords.push({ record, line, fields: fields.length });
      for (const column of columns) {
        column.values.push(Number.NaN);
        column.addBad(record, CellCode.LongRecord);
      }
      return;
    }
    columns.forEach((column, c) => {
      const text = (fields[c] ?? '').trim();
      column.values.push(Number.NaN);
      if (text === '') {
        column.blanks++;
        column.addBad(record, CellCode.Blank);
        return;
      }
      if (this.mark === null) {
        const separator = separatorOf(text);
        if (separator !== null) {
          this.waiting.push({ column: c, record, text });
          if (++this.evidence[separator] + this.evidence[separator === '.' ? ',' : '.'] >= DECIMAL_EVIDENCE_CELLS) this.decideMark();
          return;
        }
      }
      // Without a separator a cell reads the same with either mark.
      column.settle(record, text, cellNumber(text, this.mark ?? '.'));
    });
  }

  /** Majority of the cells seen so far (ties and none: '.'); settles the cells that waited for it. */
  private decideMark(): void {
    this.mark = this.evidence[','] > this.evidence['.'] ? ',' : '.';
    for (const { column, record, text } of this.waiting) this.columns![column].settle(record, text, cellNumber(text, this.mark));
    this.waiting = [];
  }
}

/** One cell of a numeric column that is not a number, ready to show. */
export interface BadCell {
  record: number;
  line: number;
  /** Cut to QUOTE_LIMIT characters; '' when blank. */
  text: string;
  /** Full length of the text in characters. */
  length: number;
  /** "blank", "not a number", "too large", "uses '.' in a file with decimal commas", or the long record's "has N fields; the header has M". */
  reason: string;
}

/** Why a long record is bad: "has 11 fields; the header has 9". O(1). */
export function longRecordReason(table: Pick<CsvTable, 'columns'>, long: LongRecord): string {
  return `has ${long.fields} fields; the header has ${table.columns.length}`;
}

/** A numeric column's bad cells as objects, in record order. O(bad cells + long records). */
export function badCellsOf(table: CsvTable, column: NumericColumn): BadCell[] {
  const { records, codes, texts, lengths } = column.bad;
  const long = new Map(table.longRecords.map((r) => [r.record, r]));
  return Array.from(records, (record, i) => {
    const code = codes[i];
    const reason = code === CellCode.Blank ? 'blank'
      : code === CellCode.LongRecord ? longRecordReason(table, long.get(record)!)
        : notANumberReason(texts[i], table.decimalMark);
    return { record, line: table.lines[record], text: texts[i], length: lengths[i], reason };
  });
}
