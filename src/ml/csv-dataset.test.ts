import fc from 'fast-check';
import { openAsBlob } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MAX_ABS_VALUE, MIN_DATASET_ROWS, badRowsFor, datasetFromTable, defaultFeatures, describeBadRow, importedDatasetId, isImportedDatasetId,
  numericColumnNames, type DatasetChoice,
} from './csv-dataset';
import { readCsv } from './csv-read';
import type { CsvTable } from './csv-table';
import { datasetFingerprint } from './datasets';
import { trainTestSplit } from './split';
import { Sweeper } from './sweep';
import { compareSweep, expectParity, listMismatches } from '../test-support/parity';
import { csvCaseUrl, goldenCsvCases, sweepSettingsOf } from '../test-support/sklearn-golden';

async function tableOf(text: string | Blob): Promise<CsvTable> {
  const read = await readCsv(text);
  if (!read.ok) throw new Error(read.error);
  return read.table;
}

const choice = (over: Partial<DatasetChoice> = {}): DatasetChoice => ({ name: 'Houses', target: 'price', features: ['area', 'rooms'], leaveOutBadRows: false, ...over });

/** n clean rows of price;area;rooms;town with decimal commas. */
const rowsText = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${100 + from + i},5;${50 + i},25;${1 + (i % 5)};Town ${i % 3}`).join('\n');
const HEADER = 'price;area;rooms;town';

describe('a dataset from an imported table', () => {
  it('takes the chosen numeric columns: features in file order, the target, its name and a content id', async () => {
    const t = await tableOf(`${HEADER}\n${rowsText(12)}\n`);
    const made = datasetFromTable(t, choice({ features: ['ROOMS', 'area'], target: 'Price' }));
    if (!made.ok) throw new Error(made.error);
    const d = made.dataset;
    expect(d.features).toEqual([{ code: 'area', description: '', unit: '' }, { code: 'rooms', description: '', unit: '' }]);
    expect([d.target, d.targetDescription, d.title, d.nRows, d.nFeatures]).toEqual(['price', '', 'Houses', 12, 2]);
    expect(Array.from(d.x.slice(0, 4))).toEqual([50.25, 1, 51.25, 2]);
    expect(Array.from(d.y.slice(0, 2))).toEqual([100.5, 101.5]);
    expect(d.sha256).toBe(datasetFingerprint(d));
    expect(d.name).toBe(`csv-${d.sha256.slice(0, 16)}`);
    expect(d.name).toBe(importedDatasetId(d.sha256));
    expect(isImportedDatasetId(d.name)).toBe(true);
    expect(Array.from(made.rowLines.slice(0, 3))).toEqual([2, 3, 4]);
  });

  it('gives the same data the same id, whatever it is called, and other data another', async () => {
    const t = await tableOf(`${HEADER}\n${rowsText(12)}\n`);
    const again = await tableOf(new Blob([`\uFEFF${HEADER.replaceAll(';', '\t')}\r\n${rowsText(12).replaceAll(';', '\t')}\r\n`]));
    const id = (table: CsvTable, c: DatasetChoice) => {
      const made = datasetFromTable(table, c);
      return made.ok ? made.dataset.name : made.error;
    };
    expect(id(again, choice({ name: 'Other title' }))).toBe(id(t, choice()));
    expect(id(t, choice({ features: ['area'] }))).not.toBe(id(t, choice()));
    expect(isImportedDatasetId('csv-0123456789abcdef')).toBe(true);
    for (const notId of ['boston', 'csv-0123456789ABCDEF', 'csv-0123456789abcde', 'csv-0123456789abcdef0']) expect(isImportedDatasetId(notId)).toBe(false);
  });

  it('defaults to every numeric column but the target, in file order', async () => {
    const t = await tableOf(`area;town;price;rooms\n${Array.from({ length: 3 }, (_, i) => `${i};x;${i};${i}`).join('\n')}\n`);
    expect(numericColumnNames(t)).toEqual(['area', 'price', 'rooms']);
    expect(defaultFeatures(t, 'PRICE')).toEqual(['area', 'rooms']);
  });

  it('refuses a target or feature that is not a numeric column, naming it and what is wrong', async () => {
    const t = await tableOf(`${HEADER}\n${rowsText(12)}\n`);
    const error = (c: Partial<DatasetChoice>) => {
      const made = datasetFromTable(t, choice(c));
      return made.ok ? null : made.error;
    };
    expect(error({ target: 'prize' })).toBe('The target “prize” is not a column of the file. Its numeric columns: “price”, “area”, “rooms”.');
    expect(error({ target: 'town' })).toBe('The target “town” is not a numeric column: text such as “Town 0” in 12 of 12 rows.');
    expect(error({ features: ['area', 'town'] })).toMatch(/^The feature “town” is not a numeric column/);
    expect(error({ features: [] })).toBe('Choose at least one feature column besides the target “price”.');
    expect(error({ features: ['area', 'price'] })).toBe('“price” is the target, so it cannot also be a feature.');
    expect(error({ features: ['area', 'AREA'] })).toBe('The feature “area” is chosen twice.');
    expect(error({ name: '  ' })).toBe('Give the dataset a name.');
  });

  it(`needs at least ${MIN_DATASET_ROWS} usable rows`, async () => {
    const t = await tableOf(`${HEADER}\n${rowsText(9)}\n`);
    expect(datasetFromTable(t, choice())).toEqual({ ok: false, error: 'Only 9 rows can be used; a dataset needs at least 10.' });
    const withBad = await tableOf(`${HEADER}\n${rowsText(10)}\n;1;1;x\n`);
    expect(datasetFromTable(withBad, choice({ leaveOutBadRows: true })).ok).toBe(true);
    const tooFew = await tableOf(`${HEADER}\n${rowsText(9)}\n;1;1;x\n`);
    expect(datasetFromTable(tooFew, choice({ leaveOutBadRows: true }))).toEqual({
      ok: false, error: 'Only 9 rows can be used once the 1 row with blank or unreadable values is left out; a dataset needs at least 10.',
    });
  });

  it(`refuses values beyond ±${MAX_ABS_VALUE}, where distances would overflow`, async () => {
    const t = await tableOf(`${HEADER}\n${rowsText(11)}\n1;2e200;3;x\n`);
    const made = datasetFromTable(t, choice());
    expect(made.ok ? null : made.error).toMatch(/^Column “area” has 2e\+200 on line 13: values beyond ±1e\+150 would make distances between rows overflow/);
  });
});

describe('bad rows', () => {
  const BAD = [
    HEADER,
    rowsText(5),
    ';1;2;x', // line 7: price blank
    '1,5;abc;;y', // line 8: area not a number, rooms blank
    '2;3;4;;extra', // line 9: too many fields
    '3;4,5;1.5;z', // line 10: rooms uses '.'
    rowsText(5, 5),
    '4;5;6;', // line 16: town blank, not chosen: fine
  ].join('\n');

  it('lists each bad row of the chosen columns once, by line, with every problem it has', async () => {
    const t = await tableOf(BAD);
    const rows = badRowsFor(t, choice());
    expect(rows.map((r) => r.line)).toEqual([7, 8, 9, 10]);
    expect(rows[1].problems).toEqual([
      { column: 'area', text: 'abc', length: 3, reason: 'not a number' },
      { column: 'rooms', text: '', length: 0, reason: 'blank' },
    ]);
    expect(rows[2].problems).toEqual([{ column: null, text: '', length: 0, reason: 'has 5 fields; the header has 4' }]);
    expect(rows.map(describeBadRow)).toEqual([
      'line 7: column “price” is blank',
      'line 8: column “area”: “abc” is not a number; column “rooms” is blank',
      'line 9: has 5 fields; the header has 4',
      "line 10: column “rooms”: “1.5” uses '.' in a file with decimal commas",
    ]);
    expect(badRowsFor(t, choice({ features: ['area'] })).map((r) => r.line)).toEqual([7, 8, 9]);
  });

  it('refuse the dataset, saying how many and the first, unless the choice leaves them out', async () => {
    const t = await tableOf(BAD);
    expect(datasetFromTable(t, choice())).toEqual({
      ok: false,
      error: '4 rows of 15 have a blank or unreadable value in the chosen columns (first, line 7: column “price” is blank). ' +
        'Leave them out to use the other 11 rows, or correct the file.',
    });
    const made = datasetFromTable(t, choice({ leaveOutBadRows: true }));
    if (!made.ok) throw new Error(made.error);
    expect(made.leftOut).toEqual([7, 8, 9, 10]);
    expect(made.dataset.nRows).toBe(11);
    expect(Array.from(made.rowLines)).toEqual([2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(made.dataset.y.slice(4, 6))).toEqual([104.5, 105.5]);
  });
});

describe('properties', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const table = (value: fc.Arbitrary<number>) =>
    fc.integer({ min: 2, max: 6 }).chain((cols) => fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: 10, maxLength: 40 }));
  const style = fc.record({ decimalComma: fc.boolean(), crlf: fc.boolean(), bom: fc.boolean() });

  /** The table as a spreadsheet would write it: String(x), with `;` and decimal commas when asked. */
  const csvText = (rows: number[][], s: { decimalComma: boolean; crlf: boolean; bom: boolean }) => {
    const delimiter = s.decimalComma ? ';' : ',';
    const cell = (x: number) => (s.decimalComma ? String(x).replace('.', ',') : String(x));
    const lines = [rows[0].map((_, j) => `c${j}`).join(delimiter), ...rows.map((r) => r.map(cell).join(delimiter))];
    return (s.bom ? '\uFEFF' : '') + lines.join(s.crlf ? '\r\n' : '\n') + '\n';
  };

  // -0 is written by String() as "0", so it comes back as 0: the claim is about the written text, Number(String(x)).
  it('any table of finite doubles written as CSV reads back to the very doubles its text names', async () => {
    await fc.assert(
      fc.asyncProperty(table(finite), style, async (rows, s) => {
        const t = await tableOf(csvText(rows, s));
        expect(t.decimalMark).toBe(s.decimalComma && rows.flat().some((x) => String(x).includes('.')) ? ',' : '.');
        t.columns.forEach((c, j) => {
          expect(c.kind).toBe('numeric');
          if (c.kind === 'numeric') rows.forEach((r, i) => expect(Object.is(c.values[i], Number(String(r[j])))).toBe(true));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('and imports as a dataset holding exactly those numbers', async () => {
    const value = fc.double({ min: -MAX_ABS_VALUE, max: MAX_ABS_VALUE, noNaN: true });
    await fc.assert(
      fc.asyncProperty(table(value), style, async (rows, s) => {
        const t = await tableOf(csvText(rows, s));
        const features = rows[0].slice(1).map((_, j) => `c${j + 1}`);
        const made = datasetFromTable(t, { name: 'p', target: 'c0', features, leaveOutBadRows: false });
        if (!made.ok) throw new Error(made.error);
        const { x, y, nFeatures } = made.dataset;
        rows.forEach((r, i) => {
          expect(Object.is(y[i], Number(String(r[0])))).toBe(true);
          r.slice(1).forEach((v, j) => expect(Object.is(x[i * nFeatures + j], Number(String(v)))).toBe(true));
        });
      }),
      { numRuns: 100 },
    );
  });

  const NASTY = ['__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '1', '2,5', '-3.5e2', 'NaN', 'x', '"', '"a;b"', '"\n"', '\uFEFF'];
  const cellText = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 6 }));
  const csvLike = fc.tuple(
    fc.array(fc.array(cellText, { maxLength: 6 }), { maxLength: 14 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n', '\r'),
  ).map(([rows, d, nl]) => rows.map((r) => r.join(d)).join(nl));
  const anyText = fc.oneof(csvLike, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(',', ';', '\t', '\n', '\r', '"', '1', '.', ' ', 'a', '_'), maxLength: 200 }));

  it('any text given as a file yields a table and a dataset or a clear error, never throws, and never touches Object.prototype', async () => {
    const ownKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
    const before = ownKeys();
    await fc.assert(
      fc.asyncProperty(anyText, fc.boolean(), fc.integer({ min: 1, max: 64 }), async (text, leaveOut, chunkSize) => {
        const read = await readCsv(text, { chunkSize });
        if (!read.ok) {
          expect(read.error).toMatch(/^[A-Z].*\.$/s);
          return;
        }
        const names = read.table.columns.map((c) => c.name);
        const target = numericColumnNames(read.table)[0] ?? names[0];
        const c = { name: 'any', target, features: defaultFeatures(read.table, target), leaveOutBadRows: leaveOut };
        badRowsFor(read.table, c).forEach((row) => expect(typeof describeBadRow(row)).toBe('string'));
        const made = datasetFromTable(read.table, c);
        if (!made.ok) expect(made.error.length).toBeGreaterThan(0);
        else expect(made.dataset.x.length).toBe(made.dataset.nRows * made.dataset.nFeatures);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 400 },
    );
    expect(ownKeys()).toEqual(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('an imported CSV sweeps as scikit-learn does (csvCases of tools/parity/sklearn-golden.json)', () => {
  for (const golden of goldenCsvCases()) {
    it(`${golden.name}: read, imported and swept, it has scikit-learn's split and scores at every untied k`, async () => {
      const t = await tableOf(await openAsBlob(fileURLToPath(csvCaseUrl(golden))));
      expect([t.delimiter, t.decimalMark]).toEqual([';', ',']);
      const made = datasetFromTable(t, { name: golden.name, target: golden.target, features: golden.features, leaveOutBadRows: false });
      if (!made.ok) throw new Error(made.error);
      const dataset = made.dataset;
      expect(dataset.features.map((f) => f.code)).toEqual(golden.features);
      expect(Array.from(trainTestSplit(dataset.nRows, golden.testSize, golden.seed).test)).toEqual(golden.testRows);

      const ours = new Sweeper(dataset).sweep(sweepSettingsOf(golden));
      expect([ours.kMax, ours.nTrain, ours.nTest]).toEqual([golden.kMax, golden.nTrain, golden.nTest]);
      const comparison = compareSweep(golden.name, ours, golden);
      if (comparison.untied.length > 0) throw new Error(`${comparison.untied.length} k differ with no tie- or brute-force-affected row:\n${listMismatches(comparison.untied)}`);
      expect(comparison.compared - comparison.flagged, 'k left to compare once flagged ones are set aside').toBeGreaterThan(0);
      const flagged = (k: number) => ours.tiedRows[k - 1] > 0 || ours.bruteRows[k - 1] > 0;
      if (!flagged(ours.best.k) && !flagged(golden.best.k)) {
        expect(ours.best.k).toBe(golden.best.k);
        expectParity(`${golden.name} best mse`, ours.best.mse, golden.best.mse);
      }
    });
  }

  it('covers the cases it should: both weights, both scalings, both metrics', () => {
    const cases = goldenCsvCases();
    expect(new Set(cases.map((c) => c.weights))).toEqual(new Set(['uniform', 'distance']));
    expect(new Set(cases.map((c) => c.scale))).toEqual(new Set(['none', 'standard']));
    expect(new Set(cases.map((c) => c.metric))).toEqual(new Set(['euclidean', 'manhattan']));
  });
});
