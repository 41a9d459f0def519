// Every number the app shows goes through one of these. None of them ever prints "NaN" or "Infinity": a value
// that is not a finite number shows as NO_NUMBER, the same mark as "nothing here yet".
export const NO_NUMBER = '–';

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** Two decimals, with a true minus sign. */
export function fixed2(value: number | null | undefined): string {
  return finite(value) ? value.toFixed(2).replace('-', '−') : NO_NUMBER;
}

/** Three decimals, e.g. a price in the model's units ($1000s). */
export function fixed3(value: number | null | undefined): string {
  return finite(value) ? value.toFixed(3).replace('-', '−') : NO_NUMBER;
}

/** A plain number with thousands separators (row counts, seeds). */
export function whole(value: number | null | undefined): string {
  return finite(value) ? value.toLocaleString('en-GB') : NO_NUMBER;
}

/** Up to four significant decimals without trailing zeros, for data tables. */
export function compact(value: number | null | undefined): string {
  if (!finite(value)) return NO_NUMBER;
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** A share (0–1) as a percentage with one decimal: 0.1234 → "12.3 %". */
export function percent1(share: number | null | undefined): string {
  return finite(share) ? `${(share * 100).toFixed(1)} %` : NO_NUMBER;
}

/** The number exactly as stored (shortest round-trip form), e.g. a logged input. */
export function exact(value: number | null | undefined): string {
  return finite(value) ? String(value).replace('-', '−') : NO_NUMBER;
}
