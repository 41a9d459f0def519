// Why a neighbour is near: each feature's share of its distance to the query, as one stacked bar.

/** Features drawn in their own colour; the rest share one grey segment, so a 13-feature bar stays readable. */
const COLOURED = 4;
/** Features the accessible name lists, and the visible text beside the bar. */
const NAMED = 3;
const SHOWN = 2;

/** A share as a whole percentage; a share that rounds to 0 but is not 0 says so rather than "0 %". */
export function sharePercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.005) return '<1 %';
  return `${Math.round(share * 100)} %`;
}

const listed = (parts: [string, number][]) => parts.map(([code, share]) => `${code} ${sharePercent(share)}`).join(', ');

/**
 * One neighbour's feature shares as a horizontal stacked bar (largest first), with the top features named beside it;
 * "same values" at distance 0, where no feature contributes anything.
 */
export function NeighbourShares({ shares, distance }: { shares: Record<string, number>; distance: number }) {
  const parts = Object.entries(shares)
    .filter(([, share]) => Number.isFinite(share) && share > 0)
    .sort((a, b) => b[1] - a[1]);
  if (distance === 0 || parts.length === 0) return <span className="shares__same">same values</span>;
  const coloured = parts.slice(0, COLOURED);
  const rest = parts.slice(COLOURED).reduce((sum, [, share]) => sum + share, 0);
  return (
    <span className="shares">
      <span className="shares__bar" role="img" aria-label={`Share of distance: ${listed(parts.slice(0, NAMED))}`}>
        {coloured.map(([code, share], i) => (
          <span key={code} className={`shares__seg shares__seg--${i}`} style={{ width: `${share * 100}%` }} title={`${code} ${sharePercent(share)}`} />
        ))}
        {rest > 0 && <span className="shares__seg shares__seg--rest" style={{ width: `${rest * 100}%` }} title={`other features ${sharePercent(rest)}`} />}
      </span>
      {/* The bar's accessible name already says this (and one more): hidden from screen readers to avoid reading it twice. */}
      <span className="shares__text" aria-hidden="true">
        {parts.slice(0, SHOWN).map(([code, share], i) => (
          <span key={code} className="shares__key" title={`${code} ${sharePercent(share)}`}>
            <span className={`shares__swatch shares__seg--${i}`} />
            <span className="shares__name">{code}</span>
            {` ${sharePercent(share)}`}
          </span>
        ))}
      </span>
    </span>
  );
}
