import { flaggedKs } from '../../ml/tie-note';
import { useLab } from '../../store/lab-store';
import { ErrorChart } from './error-chart';
import { ErrorUpClose } from './error-up-close';
import { FeatureChecklist } from './feature-checklist';
import { KControl } from './k-control';
import { KRangeControl } from './k-range-control';
import { useTargetUnits } from './use-target-units';
import { LinkNotice } from './link-notice';
import { DatasetChoice, DistanceChoice, ScalingChoice, ShownMetricChoice, WeightsChoice } from './model-choices';
import { ScoreReadouts } from './score-readouts';
import { SeedControl } from './seed-control';
import { SweepStatus } from './sweep-status';
import { NeighbourhoodChoice, RadiusControl } from './neighbourhood-control';
import { RadiusChart } from './radius-chart';
import { RadiusReadouts } from './radius-readouts';
import { TestSizeControl } from './test-size-control';
import { ValidationControl } from './validation-control';

function Intro() {
  const scale = useLab((s) => s.settings.scale);
  const change = useLab((s) => s.change);
  return (
    <p className="intro">
      Every k from 1 to n<sub>train</sub> − 1 is scored on the held-out test rows, as scikit-learn’s KNeighborsRegressor
      scores it; where neighbours tie at the k-th distance, the chart marks that k.
      The defaults (distance weights, no scaling, 10 % test, seed 42) reproduce the old Python script.{' '}
      {scale === 'none' ? (
        <>
          Features here span very different ranges, so try{' '}
          <button type="button" className="link-button" onClick={(e) => change({ scale: 'standard' }, { inputTime: e.timeStamp })}>
            standard scaling
          </button>{' '}
          and watch the error drop.
        </>
      ) : (
        <>Standard scaling is on: each feature is centred and divided by its training-set standard deviation.</>
      )}
    </p>
  );
}

function ChartToolbar() {
  const logK = useLab((s) => s.settings.kAxis === 'log');
  const byRadius = useLab((s) => s.settings.neighbours === 'radius');
  const change = useLab((s) => s.change);
  return (
    <div className="chart-toolbar">
      <ShownMetricChoice />
      {!byRadius && (
        <label className="toggle">
          <input type="checkbox" checked={logK} onChange={(e) => change({ kAxis: e.currentTarget.checked ? 'log' : 'linear' }, { inputTime: e.timeStamp })} />
          Log-scale k axis
        </label>
      )}
    </div>
  );
}

function ResultsTitle() {
  const folds = useLab((s) => s.sweep.result?.cv?.folds ?? null);
  return <>{folds === null ? 'Test error against k' : `${folds}-fold cross-validated error against k`}</>;
}

/** In K-fold mode: what the curve, the band and the dotted line mean. */
function CvLegend() {
  const folds = useLab((s) => s.sweep.result?.cv?.folds ?? null);
  const showsMse = useLab((s) => s.settings.show === 'mse');
  if (folds === null) return null;
  return (
    <>
      K-fold mode: each point is the mean over {folds} folds{showsMse ? '; the shaded band is ± one standard deviation across folds' : ' (switch to MSE to see the spread across folds)'};
      dotted: the one-SE k.
    </>
  );
}

/** Explains the ticks on the k axis, and says so when there are none. */
function TieLegend() {
  const flagged = useLab((s) => (s.sweep.result ? flaggedKs(s.sweep.result) : 0));
  const kMax = useLab((s) => s.sweep.result?.kMax ?? 0);
  if (flagged === 0) return <>No k has tied neighbours: every point is exact.</>;
  return (
    <>
      <span className="legend-swatch legend-swatch--tie" aria-hidden="true" /> Orange ticks on the k axis: the {flagged} of {kMax} k where
      scikit-learn may give other numbers, because some test row has neighbours tied at the k-th distance (the lower dataset row is kept;
      scikit-learn may keep another) or an identical training row that its brute-force search puts slightly above distance 0.
    </>
  );
}

/** Says what the errors are measured in: Boston's $1000s or an imported target's own units. */
function PriceUnits() {
  const { dollars, price } = useTargetUnits();
  return <>{dollars ? 'Prices are in $1000s.' : `Errors are in the target’s own units (${price}).`}</>;
}

/** The lab: controls on one side, the error curve and the scores on the other. */
export function LabView() {
  const byRadius = useLab((s) => s.settings.neighbours === 'radius');
  return (
    <div className="lab">
      <LinkNotice />
      <Intro />
      <div className="lab__grid">
        <form className="panel controls" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
          <h2 className="panel__title">Split</h2>
          <DatasetChoice />
          <SeedControl />
          {!byRadius && <ValidationControl />}
          <TestSizeControl />
          <h2 className="panel__title">Model</h2>
          <NeighbourhoodChoice />
          {byRadius ? <RadiusControl /> : <><KControl /><KRangeControl /></>}
          <WeightsChoice />
          <ScalingChoice />
          <DistanceChoice />
          <FeatureChecklist />
        </form>
        <section className="panel results" aria-labelledby="results-title">
          <div className="results__head">
            <h2 id="results-title" className="panel__title">{byRadius ? 'Test error against the radius' : <ResultsTitle />}</h2>
            <SweepStatus />
          </div>
          <ChartToolbar />
          {byRadius ? (
            <figure className="chart-figure" aria-labelledby="radius-chart-caption">
              <RadiusChart />
              <figcaption className="hint" id="radius-chart-caption">
                Test error for every radius of a grid running from the smallest distance between a test row and its nearest training
                row to twice the largest (in the distance’s units: standard deviations when scaled). Solid: the error over the test rows
                that have a training row within the radius; dashed: the share of test rows that do (coverage). Rows without one get
                no prediction and are counted, never dropped silently. <PriceUnits />
              </figcaption>
            </figure>
          ) : (
            <figure className="chart-figure" aria-labelledby="chart-caption">
              <ErrorChart />
              <figcaption className="hint" id="chart-caption">
                Test error for every k.{' '}
                Solid line: best k. Dashed vertical: selected k. Dashed horizontal: the baseline that always predicts the
                training mean. <CvLegend /> <TieLegend /> <PriceUnits />
              </figcaption>
            </figure>
          )}
          {byRadius ? <RadiusReadouts /> : <ScoreReadouts />}
          <ErrorUpClose />
        </section>
      </div>
    </div>
  );
}
