import { NO_NUMBER } from './format';

/** A price in $1000s as whole dollars: 19.9 → "$19,900"; NO_NUMBER for NaN or ±Infinity. */
export function formatDollars(priceThousands: number): string {
  if (!Number.isFinite(priceThousands)) return NO_NUMBER;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(Math.round(priceThousands * 1000));
}
