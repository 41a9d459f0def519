import type { RadiusCurve } from '../../ml/radius';
import { useLab } from '../../store/lab-store';
import { fixed2, percent1, whole } from '../../ui/format';
import { Readout } from '../../ui/readout';
import { radiusText, selectedRadiusIndex } from './radius-view';
import { useTargetUnits } from './use-target-units';


/** One radius's scores over the covered rows, with the uncovered rows beside them (never silently dropped). */
function RadiusScores({ curve, index, prefix }: { curve: RadiusCurve; index: number | null; prefix: string }) {
  const { price: PRICE, squared: SQUARED } = useTargetUnits();
  const has = index !== null && curve.covered[index] > 0;
  const mse = has ? curve.mse[index] : Number.NaN;
  const uncovered = index === null ? null : curve.nTest - curve.covered[index];
  const name = (what: string) => (prefix ? `${prefix}${what}` : `${what[0].toUpperCase()}${what.slice(1)}`);
  return (
    <>
      <Readout label={name('test MSE')} value={has ? fixed2(mse) : 'no row covered'} unit={has ? SQUARED : undefined} />
      <Readout label={name('test RMSE')} value={has ? fixed2(Math.sqrt(mse)) : '–'} unit={PRICE} />
      <Readout label={name('test R²')} value={has ? fixed2(curve.r2[index]) : '–'} />
      <Readout label={name('coverage')} value={index === null ? '–' : percent1(curve.coverage[index])} />
      <Readout label={name('uncovered rows')} value={uncovered === null ? '–' : `${whole(uncovered)} of ${whole(curve.nTest)}`} />
    </>
  );
}

/** Scores at the best and the selected radius (over covered rows), and the baseline. */
export function RadiusReadouts() {
  const { squared: SQUARED } = useTargetUnits();
  const curve = useLab((s) => s.sweep.result?.radius ?? null);
  const radius = useLab((s) => s.settings.radius);
  if (!curve) return null;
  const selected = selectedRadiusIndex(curve, radius);
  return (
    <div className="score-grid">
      <section className="score-card" aria-labelledby="best-radius-heading">
        <h3 id="best-radius-heading">At the best radius</h3>
        <Readout label="Best radius" value={curve.best ? radiusText(curve.best.radius) : 'none covers every row'} emphasis />
        <RadiusScores curve={curve} index={curve.best?.index ?? null} prefix="" />
        <p className="hint">The best radius has the lowest MSE among radii that reach a training row from every test row.</p>
      </section>
      <section className="score-card score-card--selected" aria-labelledby="selected-radius-heading">
        <h3 id="selected-radius-heading">At the selected radius</h3>
        <Readout label="Selected radius" value={selected === null ? '–' : radiusText(curve.radii[selected])} emphasis />
        <RadiusScores curve={curve} index={selected} prefix="Selected radius " />
      </section>
      <section className="score-card score-card--baseline" aria-labelledby="radius-baseline-heading">
        <h3 id="radius-baseline-heading">Baseline: always the training mean</h3>
        <Readout label="Baseline test MSE" value={fixed2(curve.baseline.mse)} unit={SQUARED} />
        <Readout label="Baseline test R²" value={fixed2(curve.baseline.r2)} />
      </section>
    </div>
  );
}
