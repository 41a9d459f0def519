import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BATCH_OUTPUT_COLUMNS, predictCsv, type BatchOutcome } from './batch-predict';
import { MAX_CSV_BYTES } from './csv-table';
import { BOSTON_FEATURES, FEATURE_CODES } from './dataset-meta';
import { datasetFromRows, loadDataset } from './datasets';
import { explainPrediction } from './explain';
import { modelIntervals, type ModelIntervals } from './intervals';
import { fitModel, type FittedModel } from './model';

const boston = loadDataset('boston');
const model = fitModel(boston, { seed: 42, testFraction: 0.1, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] }, 6);
const intervals = modelIntervals(model);

/** Boston's dataset row r as its 13 feature values. */
const bostonRow = (r: number) => Array.from(boston.x.subarray(r * 13, (r + 1) * 13));

/** A CSV text from rows of cells (no quoting: the cells must not need it). */
const csvOf = (rows: readonly (readonly (string | number)[])[], delimiter = ',', lineBreak = '\n') => rows.map((r) => r.join(delimiter)).join(lineBreak) + lineBreak;

/** The outcome's CSV read back into rows of cells. */
function cellsOf(outcome: BatchOutcome): string[][] {
  if (!outcome.ok) throw new Error(outcome.error);
  return Papa.parse<string[]>(outcome.csv, { skipEmptyLines: true }).data;
}

const okOutcome = (outcome: BatchOutcome) => {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
};

describe('predictCsv', () => {
  it('prices every row as explainPrediction does: price, interval, nearest distance and out-of-range, in input order', () => {
    const rows = [0, 17, 101, 300, 505];
    const text = csvOf([FEATURE_CODES, ...rows.map(bostonRow)]);
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, text));
    const out = cellsOf(outcome);
    expect(out[0]).toEqual([...FEATURE_CODES, ...BATCH_OUTPUT_COLUMNS]);
    expect(out).toHaveLength(rows.length + 1);
    rows.forEach((r, i) => {
      const explained = explainPrediction(model, intervals, bostonRow(r), 0.9);
      if (!explained.ok) throw new Error(explained.reason);
      const { price, interval, nearestDistance, outOfRange } = explained.prediction;
      expect(out[i + 1].slice(13)).toEqual([String(price), String(interval!.low), String(interval!.high), String(nearestDistance), String(outOfRange), '']);
    });
    expect(outcome).toMatchObject({ rows: 5, predicted: 5, refused: [], outOfRange: 0, columns: [...FEATURE_CODES] });
  });

  it('prices every Boston row, nudged off the data, exactly as explainPrediction does, for k and radius models of every kind', () => {
    const nudged = Array.from({ length: boston.nRows }, (_, r) => bostonRow(r).map((v, c) => (c === 5 ? v + (r % 10) / 100 : v)));
    const text = csvOf([FEATURE_CODES, ...nudged]);
    const manhattan = fitModel(boston, { seed: 3, testFraction: 0.2, weights: 'uniform', scale: 'none', metric: 'manhattan', features: [...FEATURE_CODES] }, 11);
    const wide = { ...fitModel(boston, { seed: 3, testFraction: 0.2, weights: 'distance', scale: 'standard', metric: 'euclidean', features: [...FEATURE_CODES] }, 1), radius: 2.5 };
    for (const m of [model, manhattan, wide]) {
      const calibration = m === model ? intervals : modelIntervals(m);
      const out = cellsOf(predictCsv(m, calibration, 0.8, text));
      nudged.forEach((raw, r) => {
        const explained = explainPrediction(m, calibration, raw, 0.8);
        const cells = out[r + 1].slice(13);
        if (!explained.ok) expect(cells[5]).not.toBe('');
        else expect(cells).toEqual([String(explained.prediction.price), String(explained.prediction.interval!.low), String(explained.prediction.interval!.high), String(explained.prediction.nearestDistance), String(explained.prediction.outOfRange), '']);
      });
    }
  });

  it('counts rows unlike the training data in outOfRange and marks them out_of_range true', () => {
    const far = bostonRow(0).map((v, c) => (FEATURE_CODES[c] === 'tax' ? v * 20 : v));
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, bostonRow(0), far])));
    const out = cellsOf(outcome);
    expect(out.map((row) => row[17])).toEqual(['out_of_range', 'false', 'true']);
    expect(outcome.outOfRange).toBe(1);
  });

  it('leaves the interval cells empty at a level the calibration cannot back', () => {
    const thin: ModelIntervals = { ...intervals, halfWidths: { ...intervals.halfWidths, '0.95': null } };
    const out = cellsOf(predictCsv(model, thin, 0.95, csvOf([FEATURE_CODES, bostonRow(3)])));
    expect(out[1].slice(13, 16)).toEqual([out[1][13], '', '']);
    expect(Number(out[1][13])).toBeGreaterThan(0);
  });

  it('passes other columns through unchanged, re-quoted where they hold the delimiter, a quote or a line break', () => {
    const header = ['address', ...FEATURE_CODES, 'known price', 'note'];
    const extras = [
      ['12 Elm St, Apt "B"', '24.0', 'line one\nline two'],
      ['  spaced  ', '', '__proto__'],
      ['3;4', '21,6', '"'],
    ];
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const text = [header, ...extras.map(([a, b, c], i) => [a, ...bostonRow(i).map(String), b, c])].map((r) => r.map(quote).join(',')).join('\n');
    const out = cellsOf(predictCsv(model, intervals, 0.9, text));
    expect(out[0]).toEqual([...header, ...BATCH_OUTPUT_COLUMNS]);
    extras.forEach(([a, b, c], i) => {
      expect(out[i + 1].slice(0, 16)).toEqual([a, ...bostonRow(i).map(String), b, c]);
    });
  });

  it('keeps a refused row in its place with empty prediction cells and the reason in error, listed with its file line', () => {
    const good = bostonRow(1).map(String);
    const abc = ['abc', ...good.slice(1)];
    const noRm = good.map((v, c) => (FEATURE_CODES[c] === 'rm' ? '' : v));
    // Line 1 header; line 2 good; lines 3–4 one row whose quoted note holds a line break; line 5 blank; line 6 "abc"; line 7 no rm.
    const text = ['note,' + FEATURE_CODES.join(','), `a,${good}`, `"two\nlines",${good}`, '', `b,${abc}`, `c,${noRm}`].join('\r\n');
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, text));
    expect(outcome.refused).toEqual([
      { line: 6, reason: 'CRIM must be a number; “abc” is not a number.' },
      { line: 7, reason: 'RM is required: enter a number.' },
    ]);
    expect(outcome).toMatchObject({ rows: 4, predicted: 2 });
    const out = cellsOf(outcome);
    expect(out.map((row) => row[0])).toEqual(['note', 'a', 'two\nlines', 'b', 'c']);
    expect(out[3].slice(14)).toEqual(['', '', '', '', '', 'CRIM must be a number; “abc” is not a number.']);
    expect(out[1][19]).toBe('');
    // The input's CRLF line break is the output's.
    expect(okOutcome(predictCsv(model, intervals, 0.9, text)).csv.split('\r\n')).toHaveLength(6);
  });

  it('names every bad feature of a row in one error, in the model’s feature order', () => {
    const cells = bostonRow(2).map(String);
    cells[FEATURE_CODES.indexOf('zn')] = '150';
    cells[FEATURE_CODES.indexOf('crim')] = '-1';
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, cells]), { features: BOSTON_FEATURES }));
    expect(outcome.refused[0].reason).toBe('CRIM must be a number ≥ 0; got “-1”. ZN must be a number from 0 to 100; got “150”.');
  });

  it("applies Boston's hard limits and CHAS's 0/1 only when given the features; a 1.0 in a 0/1 column reads as 1", () => {
    const cells = bostonRow(2).map(String);
    cells[FEATURE_CODES.indexOf('crim')] = '-0.5';
    cells[FEATURE_CODES.indexOf('chas')] = '1.0';
    const text = csvOf([FEATURE_CODES, cells]);
    expect(okOutcome(predictCsv(model, intervals, 0.9, text)).refused).toEqual([]);
    expect(okOutcome(predictCsv(model, intervals, 0.9, text, { features: BOSTON_FEATURES })).refused.map((r) => r.reason)).toEqual(['CRIM must be a number ≥ 0; got “-0.5”.']);
    cells[FEATURE_CODES.indexOf('crim')] = '0.5';
    cells[FEATURE_CODES.indexOf('chas')] = '0.5';
    expect(okOutcome(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, cells]), { features: BOSTON_FEATURES })).refused.map((r) => r.reason)).toEqual(['CHAS must be 0 (no) or 1 (yes).']);
  });

  it('refuses a value too far from the data to measure a distance to, saying which value works', () => {
    const cells = bostonRow(2).map(String);
    cells[FEATURE_CODES.indexOf('tax')] = '1e300';
    const [refusal] = okOutcome(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, cells]))).refused;
    expect(refusal.reason).toMatch(/^TAX is too large: the distance to the training rows would overflow to infinity\. The largest value that works is /);
  });

  it('refuses a row with more fields than the header (an unquoted delimiter), but not one with trailing empty fields', () => {
    const text = csvOf([['address', ...FEATURE_CODES], ['12 Elm St', ...bostonRow(0), '', ''], ['12 Elm St', 'Apt 4', ...bostonRow(0)]]);
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, text));
    expect(outcome.refused).toEqual([{ line: 3, reason: 'The row has 15 fields; the header has 14 (is a value with a comma in it not in quotes?).' }]);
    expect(cellsOf(outcome).every((row) => row.length === 14 + BATCH_OUTPUT_COLUMNS.length)).toBe(true);
  });

  it('matches feature columns by name in any order, ignoring case when only one column matches', () => {
    const plain = cellsOf(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, bostonRow(7)])));
    const order = [...FEATURE_CODES.keys()].reverse();
    const shuffled = csvOf([order.map((c) => FEATURE_CODES[c].toUpperCase()), order.map((c) => bostonRow(7)[c])]);
    const out = cellsOf(predictCsv(model, intervals, 0.9, shuffled));
    expect(out[1].slice(13)).toEqual(plain[1].slice(13));
    // An exact name wins over others that match only ignoring case.
    const both = csvOf([[...FEATURE_CODES, 'CRIM'], [...bostonRow(7), 'x']]);
    expect(cellsOf(predictCsv(model, intervals, 0.9, both))[1].slice(14)).toEqual(plain[1].slice(13));
  });

  it('refuses, naming them, columns that match a feature only ignoring case when there are several', () => {
    const text = csvOf([[...FEATURE_CODES.slice(1), 'CRIM', 'Crim'], [...bostonRow(0).slice(1), 1, 2]]);
    expect(predictCsv(model, intervals, 0.9, text)).toEqual({
      ok: false,
      error: 'The columns “CRIM” (column 13) and “Crim” (column 14) all match the model\'s feature crim ignoring case: name one of them exactly crim, or rename the others.',
    });
  });

  it('refuses a file without a column for every feature, naming those missing and what the model needs', () => {
    const outcome = predictCsv(model, intervals, 0.9, csvOf([['crim', 'zn', 'price'], [1, 2, 3]]));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatch(/^The file has no column for indus, chas, nox, rm, age, dis, rad, tax, ptratio, b or lstat\. /);
    expect(outcome.error).toContain(`: ${FEATURE_CODES.join(', ')}.`);
    expect(outcome.error).toContain("The file's columns: “crim”, “zn”, “price”.");
  });

  it('refuses whole-file problems with a message saying what is wrong', () => {
    const header = FEATURE_CODES.join(',');
    const cases: [string, RegExp][] = [
      ['', /^The file is empty/],
      ['\n \n,,,\n', /^The file is empty/],
      [`${header}\n\n`, /^The file has a header row \(line 1\) but no data rows\.$/],
      [`${header},note,note\n${bostonRow(0)},a,b\n`, /^The header row \(line 1\) names two columns “note” \(columns 14 and 15\)/],
      [`${header},error\n${bostonRow(0)},x\n`, /^The file already has a column “error” \(column 14\), a name the output adds: rename or remove it/],
      [`${header},note\n${bostonRow(0)},ok\n${bostonRow(1)},"open\n`, /^The quoted field on line 3 is not closed properly/],
      [`${header}\n\u0000\n`, /contains NUL characters/],
    ];
    for (const [text, error] of cases) {
      const outcome = predictCsv(model, intervals, 0.9, text);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatch(error);
    }
  });

  it('refuses a text larger than the importer reads, before parsing it', () => {
    const outcome = predictCsv(model, intervals, 0.9, 'x'.repeat(MAX_CSV_BYTES + 1));
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^The file is 100\.1 MB; files up to 100 MB can be read\./) });
  });

  it('reads semicolon files with decimal commas as the importer does and writes its numbers with decimal commas', () => {
    const rows = [4, 9];
    const dot = cellsOf(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, ...rows.map(bostonRow)])));
    const comma = okOutcome(predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, ...rows.map((r) => bostonRow(r).map((v) => String(v).replace('.', ',')))], ';')));
    const out = Papa.parse<string[]>(comma.csv, { delimiter: ';', skipEmptyLines: true }).data;
    expect(out[0]).toEqual([...FEATURE_CODES, ...BATCH_OUTPUT_COLUMNS]);
    rows.forEach((_, i) => expect(out[i + 1].slice(13)).toEqual(dot[i + 1].slice(13).map((v) => v.replace('.', ','))));
    // A decimal point in a decimal-comma file is refused as the importer refuses it.
    const mixed = csvOf([FEATURE_CODES, ...[4, 9, 11].map((r) => bostonRow(r).map((v, c) => (r === 11 && c === 4 ? String(v) : String(v).replace('.', ','))))], ';');
    expect(okOutcome(predictCsv(model, intervals, 0.9, mixed)).refused).toEqual([{ line: 4, reason: `NOX must be a number; “${bostonRow(11)[4]}” uses '.' in a file with decimal commas.` }]);
  });

  it('reads tab-separated files with a byte-order mark and writes tabs', () => {
    const outcome = okOutcome(predictCsv(model, intervals, 0.9, `\ufeff${csvOf([FEATURE_CODES, bostonRow(0)], '\t')}`));
    expect(outcome.columns[0]).toBe('crim');
    expect(outcome.csv.split('\n')[0]).toBe([...FEATURE_CODES, ...BATCH_OUTPUT_COLUMNS].join('\t'));
    expect(outcome.predicted).toBe(1);
  });

  it('refuses a row a radius model has no training row within, giving the nearest distance', () => {
    const radiusModel: FittedModel = { ...model, radius: 0.5 };
    const far = bostonRow(0).map((v, c) => (FEATURE_CODES[c] === 'tax' ? v * 3 : v));
    const outcome = okOutcome(predictCsv(radiusModel, intervals, 0.9, csvOf([FEATURE_CODES, far])));
    const explained = explainPrediction(radiusModel, intervals, far, 0.9);
    expect(explained.ok).toBe(false);
    if (explained.ok) return;
    expect(outcome.refused).toEqual([{ line: 2, reason: expect.stringMatching(/^No training row lies within the model's radius \(0\.5000\); the nearest is at [\d.]+\.$/) }]);
    expect(cellsOf(outcome)[1].slice(13)).toEqual(['', '', '', String(explained.nearestDistance), 'true', outcome.refused[0].reason]);
  });

  it('reports progress rising to 1', () => {
    const seen: number[] = [];
    predictCsv(model, intervals, 0.9, csvOf([FEATURE_CODES, ...Array.from({ length: 250 }, (_, i) => bostonRow(i))]), { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});

describe('predictCsv on any text', () => {
  // A two-feature model keeps each run fast; "__proto__" and friends are ordinary column names to it.
  const small = datasetFromRows('tiny', 'tiny', Array.from({ length: 30 }, (_, i) => ({ a: i % 7, b: (i * 13) % 11, y: i })), [{ code: 'a', description: '', unit: '' }, { code: 'b', description: '', unit: '' }], 'y', '');
  const tinyModel = fitModel(small, { seed: 1, testFraction: 0.2, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['a', 'b'] }, 3);
  const tinyIntervals = modelIntervals(tinyModel);
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

  it('never throws: any string gives a table or a one-sentence error, and Object.prototype is untouched', () => {
    const before = prototypeKeys();
    const number = fc.double({ min: -20, max: 20, noNaN: true }).map(String);
    const cell = fc.oneof(number, number, fc.string(), fc.constantFrom('a', 'A', 'b', '__proto__', 'constructor', 'toString', 'error', '1', '2.5', '1,5', '-0', '1e999', '', ' ', '"', '""', '"x"', '\r\n', '\n', ';', '\t', ','));
    // Mostly a header naming a and b among other names, so the rows get read and priced.
    const header = fc.tuple(fc.array(cell, { maxLength: 3 }), fc.constantFrom(['a', 'b'], ['b', 'A'], ['a'], ['__proto__', 'a', 'b'])).map(([others, names]) => [...names, ...others]);
    const csvLike = fc
      .tuple(header, fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([names, rows, delimiter, lineBreak, bom]) => (bom ? '\ufeff' : '') + [names, ...rows].map((r) => r.join(delimiter)).join(lineBreak));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), { arbitrary: csvLike, weight: 4 }), (text) => {
        const outcome = predictCsv(tinyModel, tinyIntervals, 0.9, text);
        if (!outcome.ok) {
          expect(outcome.error.length).toBeGreaterThan(10);
          expect(outcome.error).not.toMatch(/undefined|NaN|\[object/);
          return;
        }
        const out = Papa.parse<string[]>(outcome.csv, { skipEmptyLines: 'greedy' });
        expect(out.data.length).toBeGreaterThanOrEqual(outcome.rows + 1);
        expect(outcome.predicted + outcome.refused.length).toBe(outcome.rows);
        expect(outcome.refused.every((r) => r.line >= 2 && r.reason.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(prototypeKeys()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips: every input cell comes back in its column and every valid row is priced as explainPrediction prices it', () => {
    const text = fc.string({ unit: fc.constantFrom('x', ' ', ',', ';', '"', '\n', '\r\n', 'é', '𝄞') });
    const value = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t'), fc.array(fc.tuple(value, value, text), { minLength: 1, maxLength: 8 }), (delimiter, rows) => {
        const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
        const input = [['a', 'b', '__proto__'].join(delimiter), ...rows.map(([a, b, note]) => [String(a), String(b), quote(note)].join(delimiter))].join('\n');
        const outcome = okOutcome(predictCsv(tinyModel, tinyIntervals, 0.9, input));
        const out = Papa.parse<string[]>(outcome.csv, { delimiter, newline: '\n' }).data.filter((r) => r.some((f) => f.trim() !== ''));
        // Rows whose every cell is blank are not rows; none of these is (a and b are numbers).
        expect(out).toHaveLength(rows.length + 1);
        rows.forEach(([a, b, note], i) => {
          expect(out[i + 1][2]).toBe(note.replace(/\r\n?/g, '\n'));
          const explained = explainPrediction(tinyModel, tinyIntervals, [a, b], 0.9);
          expect(out[i + 1][3]).toBe(explained.ok ? String(explained.prediction.price) : '');
        });
      }),
      { numRuns: 200 },
    );
  });
});
