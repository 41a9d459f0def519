import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRead } from './csv-read';
import { MAX_CSV_BYTES, badCellsOf, type CsvTable, type NumericColumn } from './csv-table';

async function table(input: string | Blob, chunkSize?: number): Promise<CsvTable> {
  const read = await readCsv(input, { chunkSize });
  if (!read.ok) throw new Error(read.error);
  return read.table;
}

const error = async (input: string | Blob) => {
  const read = await readCsv(input);
  return read.ok ? null : read.error;
};

const numeric = (t: CsvTable, name: string) => {
  const c = t.columns.find((col) => col.name === name);
  if (c?.kind !== 'numeric') throw new Error(`${name} is not a numeric column`);
  return c as NumericColumn;
};
const values = (t: CsvTable, name: string) => Array.from(numeric(t, name).values);

/** What a table says, in plain data, to compare two readings. */
const summary = (read: CsvRead) =>
  read.ok
    ? {
        ...read.table,
        lines: Array.from(read.table.lines),
        columns: read.table.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: Array.from(c.values), bad: badCellsOf(read.table, c) } : c)),
      }
    : read;

// A European spreadsheet export: BOM, semicolons, decimal commas, CRLF, a blank line, blank cells, quoted text
// holding the delimiter and a line break, a text column.
const EUROPEAN = [
  '\uFEFFprice;area;rooms;town',
  '250,5;80,25;3;Köln',
  '',
  '199;"65,5";2;"Nord; Hafen"',
  '310,75;;4;"Alt-',
  'stadt"',
  '180;55;2;Süd',
].join('\r\n') + '\r\n';

describe('reading a CSV file', () => {
  it('reads a European export: BOM stripped, ; delimiter, decimal commas, CRLF', async () => {
    const t = await table(EUROPEAN);
    expect([t.delimiter, t.decimalMark]).toEqual([';', ',']);
    expect(t.columns.map((c) => c.name)).toEqual(['price', 'area', 'rooms', 'town']);
    expect(values(t, 'price')).toEqual([250.5, 199, 310.75, 180]);
    expect(values(t, 'area')).toEqual([80.25, 65.5, NaN, 55]);
    expect(t.columns[3]).toMatchObject({ kind: 'skipped', reason: 'text such as “Köln” in 4 of 4 rows' });
  });

  it('strips a UTF-8 byte-order mark, even before a quoted first name', async () => {
    for (const input of ['\uFEFF"price";"area"\n1;2\n', new Blob(['\uFEFF"price";"area"\n1;2\n'])]) {
      expect((await table(input)).columns.map((c) => c.name)).toEqual(['price', 'area']);
    }
  });

  it('gives each record the line it starts on, counting blank lines and line breaks inside quotes', async () => {
    const t = await table(EUROPEAN);
    expect(Array.from(t.lines)).toEqual([2, 4, 5, 7]);
    expect(badCellsOf(t, numeric(t, 'area'))).toEqual([{ record: 2, line: 5, text: '', length: 0, reason: 'blank' }]);
  });

  it('reads the same table from a string and from a Blob, whatever the chunk size', async () => {
    const whole = summary(await readCsv(EUROPEAN));
    for (const chunkSize of [1, 2, 3, 7, 64]) {
      expect(summary(await readCsv(EUROPEAN, { chunkSize })), `string, chunks of ${chunkSize}`).toEqual(whole);
      expect(summary(await readCsv(new Blob([EUROPEAN]), { chunkSize })), `Blob, chunks of ${chunkSize} bytes`).toEqual(whole);
    }
  });

  it('keeps a character whose UTF-8 bytes fall in two chunks whole', async () => {
    const t = await table(new Blob(['a;b;Straße\n1;2;Zürich\n3;4;Zürich\n5;6;Zürich\n']), 1);
    expect(t.columns[2]).toMatchObject({ name: 'Straße', reason: 'text such as “Zürich” in 3 of 3 rows' });
  });

  it('reads tab-separated files, and comma-separated ones with LF', async () => {
    const tab = await table('a\tb\n1.5\t2\n3\t4\n');
    expect([tab.delimiter, values(tab, 'a')]).toEqual(['\t', [1.5, 3]]);
    const comma = await table('a,b\n"1,5",2\n3,4\n');
    expect([comma.delimiter, comma.decimalMark, values(comma, 'b')]).toEqual([',', '.', [2, 4]]);
  });

  it('reads a file that mixes CRLF, LF and CR line ends, counting each as one line', async () => {
    const t = await table('a;b\r\n1;2\n3;4\r5;6\r\n"x\r\ny";7\n8;9\n');
    expect(values(t, 'b')).toEqual([2, 4, 6, 7, 9]);
    expect(Array.from(t.lines)).toEqual([2, 3, 4, 5, 7]);
  });

  it('reads a quoted field holding the delimiter and a line break as one cell', async () => {
    const t = await table('note,a,b\n"x, y\nz",1,2\n"q",3,4\n');
    expect(Array.from(t.lines)).toEqual([2, 4]);
    expect(values(t, 'b')).toEqual([2, 4]);
  });

  it('does not take NaN or Infinity text for numbers', async () => {
    const t = await table('a,b\n1,NaN\n2,Infinity\n3,-Infinity\n4,5\n5,6\n6,7\n');
    expect(values(t, 'b')).toEqual([NaN, NaN, NaN, 5, 6, 7]);
    expect(badCellsOf(t, numeric(t, 'b')).map((c) => [c.line, c.text, c.reason])).toEqual([
      [2, 'NaN', 'not a number'], [3, 'Infinity', 'not a number'], [4, '-Infinity', 'not a number'],
    ]);
  });

  it('reads 17-significant-digit numbers back to the same double, in both decimal marks', async () => {
    const xs = [0.1 + 0.2, 1 / 3, -123456.78901234567, 2.2250738585072014e-308, 2 ** 53 + 2];
    const dot = await table(`a,b\n${xs.map((x) => `${x.toPrecision(17)},1`).join('\n')}\n`);
    const comma = await table(`a;b\n${xs.map((x) => `${x.toPrecision(17).replace('.', ',')};1`).join('\n')}\n`);
    for (const t of [dot, comma]) values(t, 'a').forEach((v, i) => expect(Object.is(v, Number(xs[i].toPrecision(17)))).toBe(true));
  });

  it('marks a record with more fields than the header as a bad row with its reason', async () => {
    const t = await table('a;b\n1;2\n3;4;5\n6;7\n');
    expect(t.longRecords).toEqual([{ record: 1, line: 3, fields: 3 }]);
    expect(badCellsOf(t, numeric(t, 'a'))).toEqual([{ record: 1, line: 3, text: '', length: 0, reason: 'has 3 fields; the header has 2' }]);
  });

  it('holds a 20,000 × 9 export as typed arrays: a number costs 8 bytes, a text column only its reason', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [...Array.from({ length: 8 }, (_, j) => `${i},${j}5`), `Ort ${i % 50}`].join(';'));
    const t = await table(new Blob([`\uFEFF${[...Array.from({ length: 8 }, (_, j) => `c${j}`), 'ort'].join(';')}\r\n${rows.join('\r\n')}\r\n`]));
    expect(t.nRecords).toBe(20_000);
    for (const c of t.columns.slice(0, 8)) {
      if (c.kind !== 'numeric') throw new Error(`${c.name} is not numeric`);
      expect(c.values).toBeInstanceOf(Float64Array);
      expect([c.values.length, c.numbers, c.bad.records.length]).toEqual([20_000, 20_000, 0]);
    }
    expect(t.columns[1].kind === 'numeric' && t.columns[1].values[7]).toBe(7.15);
    expect(t.columns[8]).toEqual({ kind: 'skipped', name: 'ort', position: 9, reason: 'text such as “Ort 0” in 20,000 of 20,000 rows' });
    expect(t.lines).toBeInstanceOf(Uint32Array);
  });

  it('reports its progress as the share read, up to 1', async () => {
    const seen: number[] = [];
    await readCsv(new Blob([EUROPEAN]), { chunkSize: 5, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});

describe('files that are refused, with a message that says why', () => {
  it('an empty file, a blank one, and one with only a header', async () => {
    expect(await error('')).toMatch(/^The file is empty/);
    expect(await error('\uFEFF\r\n\r\n')).toMatch(/^The file is empty/);
    expect(await error('price;area\r\n')).toBe('The file has a header row (line 1) but no data rows.');
  });

  it('a single column', async () => {
    expect(await error('price\n1\n2\n')).toMatch(/^The file has only one column \(“price”\)/);
  });

  it('reserved and duplicate header names (ignoring case), named', async () => {
    expect(await error('__proto__;price\n1;2\n')).toMatch(/“__proto__” \(column 1\) is a reserved name/);
    expect(await error('constructor,a\n1,2\n')).toMatch(/“constructor” \(column 1\) is a reserved name/);
    expect(await error('Price,area,PRICE\n1,2,3\n')).toMatch(/“Price” names 2 columns \(1, 3; names are compared ignoring case\)/);
  });

  it('a quoted field that is never closed, by its line', async () => {
    expect(await error('a;b\n1;2\n"3;4\n5;6\n')).toMatch(/^The quoted field on line 3 is not closed properly/);
  });

  it('a binary or UTF-16 file', async () => {
    const utf16 = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(await error(new Blob([utf16]))).toMatch(/^This is not a text CSV file \(it contains NUL characters\)/);
  });

  it(`a Blob over ${MAX_CSV_BYTES / 1024 / 1024} MB, without reading it`, async () => {
    const huge = { size: MAX_CSV_BYTES + 1, slice: () => { throw new Error('read'); } } as unknown as Blob;
    expect(await error(huge)).toMatch(/^The file is 100.1 MB; files up to 100 MB can be read/);
  });
});
