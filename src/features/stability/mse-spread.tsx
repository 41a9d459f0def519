import type { SeedStabilityResult } from '../../store/services';
import { fixed2 } from '../../ui/format';

interface MseSpreadProps {
  result: SeedStabilityResult;
  /** The lab seed's best MSE, drawn on the box; null when it was not run. */
  marked: number | null;
}

const WIDTH = 720;
const HEIGHT = 56;
const PAD = 16;

/**
 * The spread of each seed's best test MSE: min, quartiles (numpy's linear percentiles), median and max, as a table
 * and as a box plot beside it (the table is what assistive technology reads; the plot is a picture of it).
 */
export function MseSpread({ result, marked }: MseSpreadProps) {
  const { min, q1, median, q3, max } = result.summary.mse;
  const span = max - min || 1;
  const x = (v: number) => PAD + ((v - min) / span) * (WIDTH - 2 * PAD);
  const mid = HEIGHT / 2 - 4;
  const cells: [string, number][] = [['Min', min], ['Q1', q1], ['Median', median], ['Q3', q3], ['Max', max]];
  return (
    <section className="stability__spread" aria-labelledby="mse-spread-title">
      <h3 id="mse-spread-title" className="stability__subtitle">Best test MSE over the seeds, ($1000s)²</h3>
      <div className="table-scroll">
        <table className="stability__table">
          <thead>
            <tr>{cells.map(([label]) => <th key={label} scope="col" className="num">{label}</th>)}</tr>
          </thead>
          <tbody>
            <tr>{cells.map(([label, v]) => <td key={label} className="num">{fixed2(v)}</td>)}</tr>
          </tbody>
        </table>
      </div>
      <svg className="boxplot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <line className="boxplot__whisker" x1={x(min)} x2={x(max)} y1={mid} y2={mid} />
        <line className="boxplot__whisker" x1={x(min)} x2={x(min)} y1={mid - 8} y2={mid + 8} />
        <line className="boxplot__whisker" x1={x(max)} x2={x(max)} y1={mid - 8} y2={mid + 8} />
        <rect className="boxplot__box" x={x(q1)} y={mid - 12} width={Math.max(1, x(q3) - x(q1))} height={24} />
        <line className="boxplot__median" x1={x(median)} x2={x(median)} y1={mid - 12} y2={mid + 12} />
        {marked !== null && (
          <g className="boxplot__marked">
            <text x={x(marked)} y={mid - 15} textAnchor="middle">▼</text>
            <line x1={x(marked)} x2={x(marked)} y1={mid - 12} y2={mid + 12} />
          </g>
        )}
        <text x={x(min)} y={HEIGHT - 2} textAnchor="start">{fixed2(min)}</text>
        <text x={x(max)} y={HEIGHT - 2} textAnchor="end">{fixed2(max)}</text>
      </svg>
    </section>
  );
}
