// The import worker's side of "Import CSV": it reads the file, keeps the parsed table while the page asks about
// columns, and builds the chosen dataset. The table never crosses to the page: only its outline and the rows a
// choice cannot use do, so a 100 MB file costs the page nothing.
import { MIN_DATASET_ROWS, badRowsFor, choiceProblem, datasetFromTable, describeBadRow, type DatasetChoice } from '../ml/csv-dataset';
import { readCsv } from '../ml/csv-read';
import type { CsvTable, DecimalMark, Delimiter } from '../ml/csv-table';
import type { DatasetPayload } from './lab-api';
import type { ProgressReport } from './progress';

/** What the page shows of a parsed file: how it was read and each column, numeric or skipped with the reason. */
export interface CsvPreview {
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  /** Data rows (blank lines are not rows). */
  nRecords: number;
  columns: { name: string; numeric: boolean; reason: string | null }[];
}

export type CsvPreviewRead = { ok: true; preview: CsvPreview } | { ok: false; error: string };

export type ImportChoice = DatasetChoice;

/** The rows a choice of columns cannot use, the first LISTED_ROWS in words, and how many rows remain. */
export interface ImportIssues {
  /** Why the choice itself cannot be used (no such column, a feature that is the target); null when it can. */
  problem: string | null;
  badRows: number;
  usableRows: number;
  listed: { line: number; text: string }[];
}

/** How the file was read and which rows were left out, as the stored dataset records it. */
export interface ImportSource {
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  leftOutLines: number[];
  leftOutCount: number;
}

export type FinishedImport = { ok: true; payload: DatasetPayload; source: ImportSource } | { ok: false; error: string };

/** Rows listed by line; the count always covers them all. */
const LISTED_ROWS = 200;

let table: CsvTable | null = null;

const parsed = (): CsvTable => {
  if (!table) throw new Error('the parsed file is gone (its worker was restarted): choose the file again');
  return table;
};

export const csvImport = {
  /** Reads a CSV file (streamed in chunks, progress by bytes) and keeps it for the calls below. */
  async parseCsv(file: Blob, report?: ProgressReport): Promise<CsvPreviewRead> {
    table = null;
    const onProgress = report && ((fraction: number) => report({ fraction, label: `Read ${Math.round(fraction * 100)} % of the file` }));
    const read = await readCsv(file, { onProgress });
    if (!read.ok) return read;
    if (read.table.nRecords < MIN_DATASET_ROWS) {
      return { ok: false, error: `The file has ${read.table.nRecords} data row${read.table.nRecords === 1 ? '' : 's'}; a dataset needs at least ${MIN_DATASET_ROWS}.` };
    }
    table = read.table;
    const { delimiter, decimalMark, nRecords, columns } = read.table;
    return {
      ok: true,
      preview: {
        delimiter, decimalMark, nRecords,
        columns: columns.map((c) => ({ name: c.name, numeric: c.kind === 'numeric', reason: c.kind === 'skipped' ? c.reason : null })),
      },
    };
  },

  /** The rows the chosen target and features cannot use. O(bad cells of those columns). */
  importIssues(choice: ImportChoice): ImportIssues {
    const t = parsed();
    const problem = choiceProblem(t, choice);
    if (problem) return { problem, badRows: 0, usableRows: t.nRecords, listed: [] };
    const bad = badRowsFor(t, choice);
    return { problem: null, badRows: bad.length, usableRows: t.nRecords - bad.length, listed: bad.slice(0, LISTED_ROWS).map((row) => ({ line: row.line, text: describeBadRow(row) })) };
  },

  /** The dataset for a choice, fingerprinted here so the page never hashes megabytes. O(rows · features). */
  finishImport(choice: ImportChoice): FinishedImport {
    const t = parsed();
    const built = datasetFromTable(t, choice);
    if (!built.ok) return built;
    const { dataset, leftOut } = built;
    return {
      ok: true,
      payload: { id: dataset.name, title: dataset.title, features: dataset.features.map((f) => f.code), target: dataset.target, x: dataset.x, y: dataset.y, sha256: dataset.sha256 },
      source: { delimiter: t.delimiter, decimalMark: t.decimalMark, leftOutLines: leftOut, leftOutCount: leftOut.length },
    };
  },
};
