import { describe, expect, it } from 'vitest';
import {
  CsvTableBuilder, DECIMAL_EVIDENCE_CELLS, MAX_COLUMNS, MAX_CSV_BYTES, MAX_COLUMN_NAME_LENGTH, badCellsOf, cellNumber, csvSizeProblem, headerProblem, notANumberReason, quotedCell,
  type CsvTable, type Delimiter, type NumericColumn,
} from './csv-table';

/** A table from rows as a parser yields them. */
function build(rows: string[][], delimiter: Delimiter = ';'): CsvTable {
  const builder = new CsvTableBuilder(delimiter);
  for (const row of rows) builder.add(row);
  const result = builder.finish();
  if (!result.ok) throw new Error(result.error);
  return result.table;
}

const column = (table: CsvTable, name: string) => {
  const found = table.columns.find((c) => c.name === name);
  if (found?.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return found as NumericColumn;
};

describe('a cell is a number when a person would read it as one', () => {
  it.each([
    ['0001', 1], ['1e3', 1000], ['-0.5', -0.5], ['+2', 2], ['.5', 0.5], ['5.', 5], ['  7  ', 7], ['1E-2', 0.01], ['-.25e+1', -2.5],
  ])('%j reads as %d', (text, value) => {
    expect(cellNumber(text, '.')).toBe(value);
  });

  it.each(['NaN', 'Infinity', '-Infinity', 'inf', '1e400', '-1e400', '0x10', '0b1', '1_000', '', '   ', '1.2.3', '1e', 'e5', '.', '+', '1 000', '١٢'])(
    '%j is not a number', (text) => {
      expect(cellNumber(text, '.')).toBeNaN();
    },
  );

  it('reads a 17-significant-digit decimal to the very double it names', () => {
    for (const x of [0.1 + 0.2, 123456.78901234567, -9.876543210987654e-200, 2 ** -1074, Number.MAX_VALUE, 1 / 3]) {
      expect(Object.is(cellNumber(x.toPrecision(17), '.'), Number(x.toPrecision(17)))).toBe(true);
      expect(Object.is(cellNumber(String(x), '.'), x)).toBe(true);
    }
  });

  it('with decimal commas reads 1,5 as 1.5 and refuses a point, which could be a thousands separator', () => {
    expect(cellNumber('1,5', ',')).toBe(1.5);
    expect(cellNumber('-,5e2', ',')).toBe(-50);
    expect(cellNumber('1.5', ',')).toBeNaN();
    expect(notANumberReason('1.5', ',')).toBe("uses '.' in a file with decimal commas");
    expect(notANumberReason('1.000,5', ',')).toBe("uses '.' in a file with decimal commas");
    expect(notANumberReason('1,5', '.')).toBe("uses ',' in a file with decimal points");
    expect(notANumberReason('Paris', ',')).toBe('not a number');
    expect(notANumberReason('1e400', '.')).toBe('too large');
  });
});

describe('the header row', () => {
  it('refuses reserved, duplicate (ignoring case), empty and comma names, naming each', () => {
    const message = headerProblem(['__proto__', 'Price', 'price', '', 'a,b', 'Constructor', 'prototype'], 1)!;
    expect(message).toContain('“__proto__” (column 1) is a reserved name');
    expect(message).toContain('“Price” names 2 columns (2, 3; names are compared ignoring case)');
    expect(message).toContain('column 4 has no name');
    expect(message).toContain('“a,b” (column 5) contains a comma');
    expect(message).toContain('“Constructor” (column 6) is a reserved name');
    expect(message).toContain('“prototype” (column 7) is a reserved name');
    expect(message).toMatch(/without commas, other than __proto__, constructor or prototype\.$/);
    expect(headerProblem(['price', 'area'], 1)).toBeNull();
  });

  it(`refuses a name over ${MAX_COLUMN_NAME_LENGTH} characters and a header of more than ${MAX_COLUMNS} columns, saying the limit`, () => {
    expect(headerProblem(['price', 'x'.repeat(MAX_COLUMN_NAME_LENGTH)], 1)).toBeNull();
    expect(headerProblem(['price', 'x'.repeat(MAX_COLUMN_NAME_LENGTH + 1)], 1)).toMatch(/\(column 2\) is 101 characters long; at most 100/);
    expect(headerProblem(Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`), 1)).toBeNull();
    expect(headerProblem(Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`), 1)).toBe(
      'The header row (line 1) has 501 columns; at most 500 can be read (each becomes a checkbox, a form field and part of every link).',
    );
  });

  it('refuses a single column', () => {
    expect(headerProblem(['price'], 1)).toMatch(/only one column \(“price”\)/);
  });

  it('is trimmed, and names survive as names: "__proto__" never reaches an object', () => {
    const builder = new CsvTableBuilder(',');
    builder.add([' price ', ' area']);
    builder.add(['1', '2']);
    const result = builder.finish();
    expect(result.ok && result.table.columns.map((c) => c.name)).toEqual(['price', 'area']);
  });
});

describe('building a table row by row', () => {
  it('counts blank rows and line breaks inside quoted fields, so each record keeps the line it starts on', () => {
    const table = build([['a', 'b'], ['1', '2'], [''], ['3', 'two\r\nlines'], ['  ', ''], ['5', 'x\ny\rz'], ['7', '8']]);
    expect(Array.from(table.lines)).toEqual([2, 4, 7, 10]);
    expect(table.headerLine).toBe(1);
  });

  it('keeps the header line when blank lines come first', () => {
    const table = build([[''], ['a', 'b'], ['1', '2']]);
    expect([table.headerLine, table.lines[0]]).toEqual([2, 3]);
  });

  it('reads missing trailing cells as blank and refuses a record with more (non-blank) fields than the header', () => {
    const table = build([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4'], ['1', '2', '3', '']]);
    expect(badCellsOf(table, column(table, 'c')).map((c) => [c.line, c.reason])).toEqual([[2, 'blank'], [3, 'has 4 fields; the header has 3']]);
    expect(table.longRecords).toEqual([{ record: 1, line: 3, fields: 4 }]);
    expect(column(table, 'c').values[2]).toBe(3);
  });

  it('lists each cell that is not a number with its record, line, text and reason', () => {
    const table = build([['a', 'b'], ['1', ''], ['x', '2'], ['NaN', '3'], ['4', '5']], ',');
    expect(badCellsOf(table, column(table, 'a'))).toEqual([
      { record: 1, line: 3, text: 'x', length: 1, reason: 'not a number' },
      { record: 2, line: 4, text: 'NaN', length: 3, reason: 'not a number' },
    ]);
    expect(badCellsOf(table, column(table, 'b'))).toEqual([{ record: 0, line: 2, text: '', length: 0, reason: 'blank' }]);
    expect(Array.from(column(table, 'a').values)).toEqual([1, NaN, NaN, 4]);
  });

  it('quotes a cell on one line, cut texts with their full length', () => {
    expect(quotedCell('two\r\nlines')).toBe('“two↵lines”');
    expect(quotedCell('a'.repeat(50))).toBe(`“${'a'.repeat(40)}…” (50 characters)`);
    expect(quotedCell('b'.repeat(40), 1234)).toBe(`“${'b'.repeat(40)}…” (1,234 characters)`);
    expect(quotedCell('😀'.repeat(30))).toBe(`“${'😀'.repeat(30)}”`);
  });

  it('cuts a long text to 40 characters but remembers its length', () => {
    const long = 'é'.repeat(100);
    const table = build([['a', 'b'], ['1', '2'], ['2', '3'], [long, '4']], ',');
    const [cell] = badCellsOf(table, column(table, 'a'));
    expect([cell.text, cell.length]).toEqual(['é'.repeat(40), 100]);
  });

  it('skips a column that is mostly text, quoting an example and the count', () => {
    const table = build([['city', 'price'], ['Paris', '1'], ['Lyon', '2'], ['', '3'], ['12', '4']]);
    const city = table.columns[0];
    expect(city).toMatchObject({ kind: 'skipped', name: 'city', position: 1, reason: 'text such as “Paris” in 2 of 4 rows; numbers in only 1' });
  });

  it('keeps a column numeric when exactly half its non-blank cells are numbers, and skips one with none', () => {
    const table = build([['half', 'empty', 'p'], ['1', '', '1'], ['n/a', '', '2'], ['', '', '3']]);
    expect(table.columns.map((c) => c.kind)).toEqual(['numeric', 'skipped', 'numeric']);
    expect(table.columns[1]).toMatchObject({ reason: 'every cell is blank (3 rows)' });
  });
});

describe('the decimal mark of a file', () => {
  it('is the point in a comma-delimited file, whatever a quoted cell holds', () => {
    const table = build([['a', 'b'], ['1,5', '2.5']], ',');
    expect(table.decimalMark).toBe('.');
    expect(badCellsOf(table, column(table, 'b'))).toEqual([]);
    expect(table.columns[0]).toMatchObject({ kind: 'skipped' });
  });

  it('is the comma in a ; or tab file whose cells read like 1,5; a point there is a bad cell, not a guess', () => {
    for (const delimiter of [';', '\t'] as const) {
      const table = build([['a', 'b'], ['1,5', '2'], ['2,25', '1.5'], ['3', '4,75']], delimiter);
      expect(table.decimalMark).toBe(',');
      expect(Array.from(column(table, 'a').values)).toEqual([1.5, 2.25, 3]);
      expect(badCellsOf(table, column(table, 'b')).map((c) => [c.line, c.text, c.reason])).toEqual([[3, '1.5', "uses '.' in a file with decimal commas"]]);
    }
  });

  it('is the majority of the first cells that show one, decided the same however late they come', () => {
    const rows = [['a', 'b'], ...Array.from({ length: 50 }, (_, i) => [String(i), String(i)]), ['1.5', '2,5'], ['3,5', '4']];
    const table = build(rows);
    expect(table.decimalMark).toBe(',');
    expect(column(table, 'a').values[51]).toBe(3.5);
    expect(badCellsOf(table, column(table, 'a')).map((c) => c.line)).toEqual([52]);
  });

  it(`is fixed after ${DECIMAL_EVIDENCE_CELLS} cells that show one: later cells neither wait nor outvote them`, () => {
    const rows = [['a', 'b'], ...Array.from({ length: DECIMAL_EVIDENCE_CELLS }, () => ['1,5', '1']), ...Array.from({ length: 1500 }, () => ['1', '2.5'])];
    const table = build(rows);
    expect(table.decimalMark).toBe(',');
    expect(column(table, 'a').numbers).toBe(DECIMAL_EVIDENCE_CELLS + 1500);
    expect(table.columns[1]).toMatchObject({ kind: 'skipped', reason: 'text such as “2.5” in 1,500 of 2,500 rows; numbers in only 1,000' });
  });
});

describe('refusals', () => {
  it('an empty file, and a header with no data rows', () => {
    const empty = new CsvTableBuilder(',');
    empty.add(['']);
    expect(empty.finish()).toEqual({ ok: false, error: 'The file is empty: it has no header row and no data rows.' });
    const headerOnly = new CsvTableBuilder(',');
    headerOnly.add(['a', 'b']);
    expect(headerOnly.finish()).toEqual({ ok: false, error: 'The file has a header row (line 1) but no data rows.' });
  });

  it('a file over 100 MB, by size, before reading', () => {
    expect(csvSizeProblem(MAX_CSV_BYTES)).toBeNull();
    expect(csvSizeProblem(MAX_CSV_BYTES + 1)).toMatch(/^The file is 100.1 MB; files up to 100 MB can be read/);
    expect(csvSizeProblem(250 * 1024 * 1024)).toMatch(/^The file is 250 MB/);
  });
});
