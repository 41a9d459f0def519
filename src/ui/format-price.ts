import { NO_NUMBER } from './format';

// One formatter each: building an Intl.NumberFormat costs ~0.1 ms, and the error plots label thousands of points.
const DOLLARS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

/** A price in $1000s as whole dollars: 19.9 → "$19,900"; NO_NUMBER for NaN or ±Infinity. */
export function formatDollars(priceThousands: number): string {
  if (!Number.isFinite(priceThousands)) return NO_NUMBER;
  return DOLLARS.format(Math.round(priceThousands * 1000));
}

/**
 * A predicted target value: Boston's $1000s as whole dollars, any other target as a number with up to six
 * significant digits (an imported column's units are whatever the file used); NO_NUMBER when not finite.
 */
export function formatTarget(value: number, dollarThousands: boolean): string {
  if (dollarThousands) return formatDollars(value);
  if (!Number.isFinite(value)) return NO_NUMBER;
  return PLAIN.format(Number(value.toPrecision(6))).replace('-', '−');
}
