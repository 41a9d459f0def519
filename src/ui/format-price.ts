/** A price in $1000s as whole dollars: 19.9 → "$19,900". */
export function formatDollars(priceThousands: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(Math.round(priceThousands * 1000));
}
