// Ticks shared by the charts drawn against k (the lab's error chart, the comparison's overlaid curves).

/** The k axis's ticks: 1 then every 10, 25 or 50 (by kMax) on a linear axis; 1-2-5 steps on a log one. */
export function kTicks(kMax: number, logK: boolean): number[] {
  if (logK) return [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((t) => t <= kMax);
  const step = kMax > 250 ? 50 : kMax > 100 ? 25 : 10;
  const ticks = [1];
  for (let t = step; t <= kMax; t += step) ticks.push(t);
  return ticks;
}

// Imported targets can be in euros, so errors run to 1e8 and more: past five digits a tick is written short (2.5M, 1.2e10).
const SHORT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** An error axis tick: short past five digits, whole past 100, else to two decimals at most. */
export const errorTick = (v: number): string =>
  Math.abs(v) >= 1e15 ? v.toExponential(1) : Math.abs(v) >= 1e5 ? SHORT.format(v) : Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number(v.toFixed(2)));

/** The props of a k axis (Recharts XAxis over rows keyed by `k`), linear or log, with its title inside the bottom edge. */
export function kAxisProps(kMax: number, logK: boolean, ticks: readonly number[] = kTicks(kMax, logK)) {
  return {
    dataKey: 'k',
    type: 'number',
    scale: logK ? 'log' : 'linear',
    domain: [1, kMax],
    allowDataOverflow: true,
    ticks: [...ticks],
    stroke: 'var(--muted)',
    label: { value: logK ? 'k (log scale)' : 'k', position: 'insideBottom', offset: -12, fill: 'var(--muted)' },
  } as const;
}
