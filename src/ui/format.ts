/** Two decimals, with a true minus sign; "–" when there is no number yet. */
export function fixed2(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(2).replace('-', '−');
}

/** A plain number with thousands separators (row counts, seeds). */
export function whole(value: number): string {
  return value.toLocaleString('en-GB');
}

/** Up to four significant decimals without trailing zeros, for data tables. */
export function compact(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}
