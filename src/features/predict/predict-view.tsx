import { useEffect, useId, useState, type FormEvent } from 'react';
import type { FeatureInfo } from '../../ml/dataset-meta';
import { median } from '../../ml/stats';
import { INTERVAL_LEVELS, isIntervalLevel, type IntervalLevel } from '../../ml/intervals';
import { modelFields, type PredictionResult } from '../../store/prediction-slice';
import { useLab } from '../../store/lab-store';
import { ChoiceGroup } from '../../ui/choice-group';
import { formatTarget } from '../../ui/format-price';
import { fixed2, fixed3, NO_NUMBER, percent1 } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import { NeighbourShares } from './neighbour-shares';
import { BatchPredict } from './batch-predict';
import './predict.css';

const levelText = (level: number) => `${Math.round(level * 100)} %`;
/** What each level promises, in words a person checks against: "about 9 in 10". */
const IN_WORDS: Record<IntervalLevel, string> = { 0.8: '4 in 5', 0.9: '9 in 10', 0.95: '19 in 20' };

/** A message as a sentence of its own: a capital first, a full stop last (worker errors come either way). */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * A distance with two decimals where that says something; three significant digits where it would not (a tiny
 * distance in an imported dataset's units would read "0.00", a huge one would print 150 digits).
 */
function distanceText(d: number): string {
  if (!Number.isFinite(d)) return NO_NUMBER;
  if (d === 0 || (d >= 0.01 && d < 1e6)) return fixed2(d);
  return d.toPrecision(3).replace('-', '−');
}

function FeatureField({ feature }: { feature: FeatureInfo }) {
  // Own keys only: an imported column may be called "toString".
  const text = useLab((s) => (Object.hasOwn(s.prediction.texts, feature.code) ? s.prediction.texts[feature.code] : ''));
  const error = useLab((s) => (Object.hasOwn(s.prediction.errors, feature.code) ? s.prediction.errors[feature.code] : undefined));
  const warning = useLab((s) => (Object.hasOwn(s.prediction.warnings, feature.code) ? s.prediction.warnings[feature.code] : undefined));
  const setField = useLab((s) => s.setPredictionField);
  const id = useId();
  const label = feature.description ? `${feature.code.toUpperCase()} — ${feature.description}` : feature.code;
  const describedBy = [error && `${id}-error`, warning && `${id}-warning`, `${id}-unit`].filter(Boolean).join(' ');
  return (
    <div className={error ? 'predict-field predict-field--invalid' : 'predict-field'}>
      <label htmlFor={id} className="predict-field__label">{label}</label>
      {feature.binary ? (
        <select id={id} className="text-input" value={text} aria-invalid={Boolean(error)} aria-describedby={describedBy} onChange={(e) => setField(feature.code, e.currentTarget.value)}>
          <option value="0">No (0)</option>
          <option value="1">Yes (1)</option>
          {text !== '0' && text !== '1' && <option value={text}>{text || 'choose'}</option>}
        </select>
      ) : (
        <input id={id} className="text-input" inputMode="decimal" autoComplete="off" value={text} aria-invalid={Boolean(error)} aria-describedby={describedBy} onChange={(e) => setField(feature.code, e.currentTarget.value)} />
      )}
      <span id={`${id}-unit`} className="hint">{feature.unit}</span>
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
      {warning && <span id={`${id}-warning`} className="field-warning">{warning}</span>}
    </div>
  );
}

/** How a model measures distance: what the neighbour shares are shares of. */
interface DistanceKind {
  metric: string;
  scale: string;
}

/** What a neighbour's shares are shares of, for this model's metric and scaling. */
function sharesCaption(model: DistanceKind): string {
  const of = model.metric === 'manhattan' ? 'absolute differences (Manhattan distance)' : 'squared differences (Euclidean distance)';
  const after = model.scale === 'none' ? 'in the features’ own units (this model does not scale)' : 'after standard scaling';
  return `“Why near” splits each distance into the features’ shares of the ${of}, ${after}.`;
}

function Neighbours({ result, dollars, model }: { result: PredictionResult; dollars: boolean; model: DistanceKind }) {
  const prices = result.neighbours.map((n) => n.priceThousands);
  const formatDollars = (v: number) => formatTarget(v, dollars);
  return (
    <section aria-labelledby="neighbours-title" className="neighbours">
      <h3 id="neighbours-title" className="panel__title">The {result.neighbours.length} neighbours behind it</h3>
      <p className="hint">
        Their prices range from {formatDollars(Math.min(...prices))} (min) through {formatDollars(median(prices))} (median) to {formatDollars(Math.max(...prices))} (max).
      </p>
      <p className="hint">{sharesCaption(model)}</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Nearest training rows</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Dataset row</th>
              <th scope="col" className="num">Distance</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num">Weight</th>
              <th scope="col">Why near</th>
            </tr>
          </thead>
          <tbody>
            {result.neighbours.map((n) => (
              <tr key={n.row}>
                <td className="num">{n.row}</td>
                <td className="num">{distanceText(n.distance)}</td>
                <td className="num">{formatDollars(n.priceThousands)}</td>
                <td className="num">{percent1(n.weight)}</td>
                <td className="neighbours__why">
                  <NeighbourShares shares={n.shares} distance={n.distance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The price's interval at the chosen level, and how near the nearest training row is; never a number that is not one. */
function Uncertainty({ result, dollars }: { result: PredictionResult; dollars: boolean }) {
  const id = useId();
  const level = useLab((s) => s.prediction.level);
  const format = (v: number) => formatTarget(v, dollars);
  const { interval, calibration, outOfRangeDistance } = result;
  const within = outOfRangeDistance === null ? '' : `95 % of training rows have a neighbour within ${distanceText(outOfRangeDistance)}`;
  return (
    <div className="uncertainty">
      {result.calibrating ? (
        <p className="hint uncertainty__pending">
          Working out the {levelText(level)} prediction interval… (once per model and page load: seconds for a large model)
        </p>
      ) : calibration === null ? (
        <p className="note note--warning">
          Prediction interval unavailable. {sentence(result.calibrationProblem ?? 'the model’s out-of-fold errors could not be worked out')} The price is unaffected;
          press Predict again to retry.
        </p>
      ) : interval ? (
        <>
          <p className="uncertainty__interval">
            <span id={id}>{levelText(interval.level)} prediction interval</span>:{' '}
            <output aria-labelledby={id}>
              {format(interval.low)} – {format(interval.high)}
            </output>
          </p>
          <p className="hint">
            Split-conformal on the model’s out-of-fold errors ({calibration.folds}-fold): about {IN_WORDS[interval.level]} {dollars ? 'houses' : 'rows'} like the
            training data have a value inside.
          </p>
        </>
      ) : (
        <p className="note">
          No {levelText(level)} prediction interval: the model has too few training rows ({calibration.residuals} out-of-fold errors) to back that level.
          Choose a lower level.
        </p>
      )}
      {result.outOfRange && (
        <div role="status" className="notice notice--warning uncertainty__unlike">
          <strong>Unlike the training data.</strong> The nearest training row is at distance {distanceText(result.nearestDistance)}; {within}. Treat this price
          with caution.
        </div>
      )}
      <p className="hint">
        Nearest training row: distance {distanceText(result.nearestDistance)}
        {within && !result.outOfRange ? ` (${within})` : ''}.
      </p>
    </div>
  );
}

/** The offline prediction form: the active model's features, a price with the neighbours behind it. */
export function PredictView() {
  const active = useLab((s) => s.registry.active);
  const activeProblem = useLab((s) => s.registry.activeProblem);
  const loaded = useLab((s) => s.registry.loaded);
  const lastResult = useLab((s) => s.prediction.result);
  const notice = useLab((s) => s.prediction.notice);
  const source = useLab((s) => s.prediction.source);
  const predict = useLab((s) => s.predict);
  const loadDefaults = useLab((s) => s.loadPredictionDefaults);
  const fillFromRow = useLab((s) => s.fillPredictionFromRow);
  const [row, setRow] = useState('0');
  const datasetName = active?.dataset.name ?? 'boston';
  const catalogue = useLab((s) => s.datasets.catalogue);
  const info = catalogue.get(datasetName);
  // Boston's $1000s show as dollars; an imported target's units are the file's own.
  const dollars = info ? info.dollarThousands : datasetName.startsWith('boston');
  const target = active?.model.dataset.target ?? 'medv';
  const formatDollars = (v: number) => formatTarget(v, dollars);
  // A result from a model that is no longer active does not answer "what would the active model say".
  const result = lastResult && lastResult.version === active?.version ? lastResult : null;
  const modelChanged = lastResult !== null && result === null && active !== null;
  // Until the medians arrive from the worker the fields are empty: predicting then would only report errors.
  const ready = useLab((s) => s.prediction.filledFor === datasetName);
  const logging = useLab((s) => s.prediction.busy);
  const level = useLab((s) => s.prediction.level);
  const setLevel = useLab((s) => s.setIntervalLevel);

  useEffect(() => {
    void loadDefaults(datasetName);
  }, [datasetName, loadDefaults]);

  const prepareIntervals = useLab((s) => s.prepareIntervals);
  const activeHash = active?.sha256;
  useEffect(() => {
    if (activeHash) prepareIntervals();
  }, [activeHash, prepareIntervals]);

  const features = active ? modelFields(active, catalogue) : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void predict();
  };

  return (
    <div className="predict">
      <section className="panel" aria-labelledby="predict-title">
        <h2 id="predict-title" className="panel__title">Predict a price</h2>
        {!loaded ? (
          <p className="hint">Loading the active model…</p>
        ) : !active ? (
          <p className="notice notice--warning">{activeProblem ?? 'No model is active. Activate one in Models.'}</p>
        ) : (
          <>
            <p className="hint">
              Using version {active.version}, “{active.name}”: {active.model.radius === undefined ? `k ${active.k}` : `every training row within radius ${Number(active.model.radius.toPrecision(4))}`}, {active.weights} weights, {active.scale === 'none' ? 'no scaling' : 'standard scaling'},{' '}
              {active.metric}, {active.features.length} features. Works offline. Values: {source}.
            </p>
            <div className="predict__fill">
              {info && (
                <>
                  <label className="field field--inline">
                    <span className="field__label">Dataset row (0–{info.nRows - 1})</span>
                    <input className="number-input" type="number" min={0} max={info.nRows - 1} step={1} value={row} onChange={(e) => setRow(e.currentTarget.value)} />
                  </label>
                  <button type="button" className="button" onClick={() => fillFromRow(Number(row === '' ? Number.NaN : row))}>Fill from row</button>
                </>
              )}
              <button type="button" className="button" onClick={() => loadDefaults(datasetName, true)}>Reset to medians</button>
            </div>
            <form aria-label="House features" onSubmit={submit} noValidate>
              <div className="predict__grid">
                {features.map((f) => (
                  <FeatureField key={f.code} feature={f} />
                ))}
              </div>
              <div className="predict__actions">
                <ChoiceGroup
                  legend="Interval level"
                  name="interval-level"
                  value={String(level)}
                  options={INTERVAL_LEVELS.map((l) => ({ value: String(l), label: levelText(l) }))}
                  onChange={(value) => {
                    const chosen = Number(value);
                    if (isIntervalLevel(chosen)) setLevel(chosen);
                  }}
                />
                <button type="submit" className="button button--primary predict__submit" disabled={!ready || logging}>
                  Predict
                </button>
                {!ready && <span className="hint">Loading the dataset medians…</span>}
              </div>
            </form>
            <NoticeLine notice={notice} />
          </>
        )}
      </section>
      <section className="panel predict__result" aria-labelledby="result-title">
        <h2 id="result-title" className="panel__title">Result</h2>
        <div className="readout readout--emphasis">
          <span className="readout__label" id="predicted-price-label">Predicted price</span>
          <span className="readout__value">
            <output aria-labelledby="predicted-price-label">{result ? formatDollars(result.priceThousands) : '–'}</output>
          </span>
        </div>
        {result && active ? (
          <>
            <p className="hint">
              By version <output aria-label="Model version used">{result.version}</output> (“{result.modelName}”), from {fixed3(result.priceThousands)} in the
              model’s units ({dollars ? '$1000s' : <>the units of <code>{target}</code></>}).
            </p>
            {result.exactMatch && (
              <p className="note">
                This input matches a training row exactly (distance 0).{' '}
                {active.weights === 'distance' ? 'With distance weights that row takes all the weight, so the price is its recorded price.' : ''}
              </p>
            )}
            {result.tie && (
              <p className="tie-note">
                Rows {result.tie.rows.join(', ')} are all at distance {fixed2(result.tie.distance)}, with different prices, and only some of them fit
                into k = {result.neighbours.length}: the lower dataset rows were kept. scikit-learn may keep others and give a different price.
              </p>
            )}
            <Uncertainty result={result} dollars={dollars} />
            <Neighbours result={result} dollars={dollars} model={active} />
          </>
        ) : (
          <p className="hint">
            {modelChanged ? `The active model is now version ${active.version}: press Predict for its answer.` : 'Enter a house’s features and press Predict.'}
          </p>
        )}
      </section>
      <BatchPredict />
    </div>
  );
}
