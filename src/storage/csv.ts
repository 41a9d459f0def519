// CSV per RFC 4180 (CRLF rows, quoted text), safe to open in a spreadsheet.

export type CsvCell = string | number | null | undefined;

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
// (OWASP "CSV injection"); a leading apostrophe makes them show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: finite numbers are written bare so spreadsheets read them as numbers; non-finite numbers and
 * null are empty; text is neutralised against formula injection and always quoted, quotes doubled.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A header row and data rows as CSV text, CRLF line endings. O(total cell length). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
