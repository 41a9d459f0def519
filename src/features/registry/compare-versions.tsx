import { useId, useMemo, useState, type ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { describeChosenBy } from '../../ml/chosen-by';
import type { DatasetCatalogue } from '../../ml/dataset-meta';
import type { Scores } from '../../ml/metrics';
import {
  featuresOnlyIn, predictionFor, sameUnits, scoreDifferences, type CompareSide, type ComparedPrediction, type Comparison, type ModelCurve,
} from '../../store/compare-slice';
import { useLab } from '../../store/lab-store';
import type { ModelEntry, ModelRecord } from '../../store/services';
import { errorTick, kAxisProps } from '../../ui/chart-ticks';
import { formatTarget } from '../../ui/format-price';
import { fixed2, NO_NUMBER } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import './compare.css';

const SCORES: { key: keyof Scores; label: string; lowerIsBetter: boolean }[] = [
  { key: 'mse', label: 'MSE', lowerIsBetter: true },
  { key: 'rmse', label: 'RMSE', lowerIsBetter: true },
  { key: 'mae', label: 'MAE', lowerIsBetter: true },
  { key: 'r2', label: 'R²', lowerIsBetter: false },
];

const MARGIN = { top: 24, right: 16, bottom: 24, left: 8 };
const FILL_PARENT = { width: '100%', height: '100%' };

const recordIn = (entries: readonly ModelEntry[], version: number | null) => {
  const entry = version === null ? undefined : entries.find((e) => e.version === version);
  return entry?.status === 'ok' ? entry.record : null;
};

/** A difference with its sign always written (+, a true minus, or ± at zero), so "no change" reads as one. */
function signed(value: number, format: (magnitude: number) => string): string {
  if (!Number.isFinite(value)) return NO_NUMBER;
  const magnitude = format(Math.abs(value));
  if (/^[^1-9]*$/.test(magnitude)) return `±${magnitude}`;
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}

const levelText = (level: number) => `${Math.round(level * 100)} %`;
const distanceText = (d: number) => (Number.isFinite(d) ? String(Number(d.toPrecision(3))) : NO_NUMBER);
const neighbourhood = (r: ModelRecord) => (r.model.radius === undefined ? `k = ${r.k}` : `radius ${Number(r.model.radius.toPrecision(4))}`);
const codeText = (code: string, builtIn: boolean) => (builtIn ? code.toUpperCase() : code);
/** Boston's $1000s show as dollars; an imported target's units are the file's own. */
const dollarsFor = (r: ModelRecord, catalogue: DatasetCatalogue) => catalogue.get(r.dataset.name)?.dollarThousands ?? r.dataset.name.startsWith('boston');

function VersionPicker({ side, label, entries }: { side: CompareSide; label: string; entries: readonly ModelEntry[] }) {
  const picked = useLab((s) => s.compare[side]);
  const pick = useLab((s) => s.pickCompared);
  const id = useId();
  return (
    <label className="field" htmlFor={id}>
      <span className="field__label">{label}</span>
      <select id={id} className="text-input" value={picked === null ? '' : String(picked)} onChange={(e) => void pick(side, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
        <option value="">Choose a version</option>
        {entries.map((entry) =>
          entry.status === 'ok' ? (
            <option key={entry.version} value={entry.version}>
              Version {entry.version}: {entry.record.name}
            </option>
          ) : (
            <option key={entry.version} value={entry.version} disabled>
              Version {entry.version} (damaged: cannot be compared)
            </option>
          ),
        )}
      </select>
    </label>
  );
}

/** Where the two versions' scores were measured differently, so part of their difference is not the model's. */
function scoringCaveat(a: ModelRecord, b: ModelRecord): string | null {
  const method = (r: ModelRecord) => r.chosenBy?.method ?? 'split';
  if (method(a) !== method(b)) return 'One version is scored on a test split and the other as a K-fold mean: their scores are not measured the same way.';
  if (method(a) === 'split' && (a.seed !== b.seed || a.testFraction !== b.testFraction || a.dataset.name !== b.dataset.name)) {
    return 'Their test rows differ (another seed, test size or dataset): part of the difference comes from the split, not the model.';
  }
  return null;
}

function FeatureList({ record, only, builtIn }: { record: ModelRecord; only: string[]; builtIn: boolean }) {
  return (
    <span className="compare__features">
      {record.features.map((code) =>
        only.includes(code) ? (
          <mark key={code} className="compare__only" title="Only this version uses it">
            {codeText(code, builtIn)}
          </mark>
        ) : (
          <span key={code}>{codeText(code, builtIn)}</span>
        ),
      )}
    </span>
  );
}

/** The header of a side-by-side table: what a row is, then both versions and their difference. */
function SideBySideHead({ what, first, second }: { what: string; first: number; second: number }) {
  return (
    <thead>
      <tr>
        <th scope="col">{what}</th>
        <th scope="col">Version {first} (first)</th>
        <th scope="col">Version {second} (second)</th>
        <th scope="col">Second − first</th>
      </tr>
    </thead>
  );
}

function Row({ label, first, second, difference }: { label: string; first: ReactNode; second: ReactNode; difference: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{first}</td>
      <td>{second}</td>
      <td className="compare__difference">{difference}</td>
    </tr>
  );
}

/** The change in one score, with whether it is better or worse in words (colour only repeats it). */
function ScoreChange({ value, lowerIsBetter }: { value: number; lowerIsBetter: boolean }) {
  const text = signed(value, fixed2);
  if (text.startsWith('±') || text === NO_NUMBER) return <>{text}</>;
  const better = lowerIsBetter ? value < 0 : value > 0;
  return (
    <span className={better ? 'compare__better' : 'compare__worse'}>
      {text} <span className="compare__verdict">{better ? 'better' : 'worse'}</span>
    </span>
  );
}

function SettingsTable({ first, second, comparable }: { first: ModelRecord; second: ModelRecord; comparable: boolean }) {
  const catalogue = useLab((s) => s.datasets.catalogue);
  const only = featuresOnlyIn(first, second);
  const builtIn = Boolean(catalogue.get(first.dataset.name)?.builtIn && catalogue.get(second.dataset.name)?.builtIn);
  const differences = scoreDifferences(first.metrics, second.metrics);
  const same = (a: unknown, b: unknown) => (a === b ? 'same' : 'differs');
  const dataset = (r: ModelRecord) => catalogue.get(r.dataset.name)?.title ?? `${r.dataset.name} (not in this browser)`;
  const testSize = (r: ModelRecord) => (r.chosenBy?.method === 'kfold' ? 'not used (K-fold, fitted on every row)' : `${Math.round(r.testFraction * 100)} %`);
  const chosenBy = (r: ModelRecord) =>
    `${describeChosenBy(r.chosenBy)}${r.chosenBy?.method === 'kfold' ? `; CV MSE ${fixed2(r.metrics.mse)} ± ${fixed2(r.chosenBy.mseStd)}, one-SE k ${r.chosenBy.oneSeK}` : ''}`;
  const onlyText = [
    only.first.length ? `only version ${first.version} uses ${only.first.map((c) => codeText(c, builtIn)).join(', ')}` : '',
    only.second.length ? `only version ${second.version} uses ${only.second.map((c) => codeText(c, builtIn)).join(', ')}` : '',
  ].filter(Boolean);
  return (
    <div className="table-scroll">
      <table className="compare__table">
        <caption className="visually-hidden">Settings and scores, side by side</caption>
        <SideBySideHead what="Setting" first={first.version} second={second.version} />
        <tbody>
          <Row label="Name" first={first.name} second={second.name} difference="" />
          <Row label="Dataset" first={dataset(first)} second={dataset(second)} difference={same(`${first.dataset.name}/${first.dataset.sha256}`, `${second.dataset.name}/${second.dataset.sha256}`)} />
          <Row
            label="Features"
            first={<FeatureList record={first} only={only.first} builtIn={builtIn} />}
            second={<FeatureList record={second} only={only.second} builtIn={builtIn} />}
            difference={onlyText.length ? onlyText.join('; ') : 'same'}
          />
          <Row label="Weights" first={first.weights} second={second.weights} difference={same(first.weights, second.weights)} />
          <Row label="Distance" first={first.metric} second={second.metric} difference={same(first.metric, second.metric)} />
          <Row label="Scaling" first={first.scale} second={second.scale} difference={same(first.scale, second.scale)} />
          <Row label="k or radius" first={neighbourhood(first)} second={neighbourhood(second)} difference={same(neighbourhood(first), neighbourhood(second))} />
          <Row label="Seed" first={first.seed} second={second.seed} difference={same(first.seed, second.seed)} />
          <Row label="Test size" first={testSize(first)} second={testSize(second)} difference={same(testSize(first), testSize(second))} />
          <Row label="Chosen by" first={chosenBy(first)} second={chosenBy(second)} difference={same(chosenBy(first), chosenBy(second))} />
          {SCORES.map(({ key, label, lowerIsBetter }) => (
            <tr key={key} className="compare__score">
              <th scope="row">{label}</th>
              <td className="num">{fixed2(first.metrics[key])}</td>
              <td className="num">{fixed2(second.metrics[key])}</td>
              <td className="num compare__difference">
                {comparable ? <ScoreChange value={differences[key]} lowerIsBetter={lowerIsBetter} /> : 'not comparable: different targets'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface CurveRow {
  k: number;
  first: number | null;
  second: number | null;
}

const curveLabel = (record: ModelRecord, curve: ModelCurve) =>
  `Version ${record.version}: ${curve.method === 'kfold' ? `${record.chosenBy?.method === 'kfold' ? record.chosenBy.folds : ''}-fold CV mean MSE` : 'test MSE'}`;

function CurvesChart({ result }: { result: Comparison }) {
  const captionId = useId();
  // Saved k are mostly small, and a linear axis of a few hundred k squeezes them against its left edge.
  const [logK, setLogK] = useState(true);
  const { curves } = result;
  const rows = useMemo<CurveRow[]>(() => {
    if (!curves.ok) return [];
    const { first, second } = curves.value;
    // A gap, never a NaN, where one curve is shorter or a score is not a number.
    const at = (mse: Float64Array, i: number) => (i < mse.length && Number.isFinite(mse[i]) ? mse[i] : null);
    return Array.from({ length: Math.max(first.mse.length, second.mse.length) }, (_, i) => ({ k: i + 1, first: at(first.mse, i), second: at(second.mse, i) }));
  }, [curves]);
  if (!curves.ok) return <p className="note compare__no-chart">No error curves: {curves.reason}</p>;
  const a = result.first.record;
  const b = result.second.record;
  const beyond = [a, b].filter((r, i) => r.k > [curves.value.first, curves.value.second][i].mse.length);
  const kMax = rows.length;
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <label className="toggle compare__axis">
        <input type="checkbox" checked={logK} onChange={(e) => setLogK(e.currentTarget.checked)} />
        Log-scale k axis
      </label>
      <div className="chart">
        <LineChart responsive data={rows} style={FILL_PARENT} margin={MARGIN}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis {...kAxisProps(kMax, logK)} />
          <YAxis stroke="var(--muted)" width={56} tickFormatter={errorTick} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? fixed2(v) : NO_NUMBER)} labelFormatter={(k) => `k = ${String(k)}`} isAnimationActive={false} />
          <Legend verticalAlign="top" />
          <Line name={curveLabel(a, curves.value.first)} dataKey="first" stroke="var(--line)" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line name={curveLabel(b, curves.value.second)} dataKey="second" stroke="var(--selected)" strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          <ReferenceLine x={a.k} stroke="var(--line)" strokeDasharray="2 3" label={{ value: `v${a.version}: k ${a.k}`, position: 'insideTopRight', fill: 'var(--line)', fontSize: 12 }} />
          <ReferenceLine x={b.k} stroke="var(--selected)" strokeDasharray="2 3" label={{ value: `v${b.version}: k ${b.k}`, position: 'insideBottomRight', fill: 'var(--selected)', fontSize: 12 }} />
        </LineChart>
      </div>
      <figcaption className="hint" id={captionId}>
        Error against k for both versions, on their shared dataset (solid: version {a.version}; dashed: version {b.version}); the dotted verticals mark each
        version’s saved k, where its curve meets its saved MSE.
        {beyond.map((r) => ` Version ${r.version}’s k (${r.k}) lies beyond the default k range drawn here.`).join('')}
      </figcaption>
    </figure>
  );
}

function PredictionCell({ predicted, dollars, part }: { predicted: ComparedPrediction | null; dollars: boolean; part: 'price' | 'interval' | 'nearest' }) {
  if (!predicted) return <span className="hint">computing…</span>;
  if (!predicted.ok) return <span className="compare__refused">not predicted</span>;
  const p = predicted.prediction;
  const format = (v: number) => formatTarget(v, dollars);
  if (part === 'price') return <strong>{format(p.price)}</strong>;
  if (part === 'interval') return p.interval ? <>{format(p.interval.low)} – {format(p.interval.high)}</> : <span className="hint">too few training rows for this level</span>;
  return (
    <>
      {distanceText(p.nearestDistance)} {p.outOfRange && <strong className="compare__unlike">unlike the training data</strong>}
    </>
  );
}

type Predictions = readonly [ComparedPrediction, ComparedPrediction] | null;

/** Both versions' predictions for the Predict form's values now; recomputed whenever the values or the level change. */
function usePredictions(result: Comparison | null): Predictions {
  const texts = useLab((s) => s.prediction.texts);
  const level = useLab((s) => s.prediction.level);
  const catalogue = useLab((s) => s.datasets.catalogue);
  return useMemo(
    () => (result ? ([predictionFor(result.first, texts, level, catalogue), predictionFor(result.second, texts, level, catalogue)] as const) : null),
    [result, texts, level, catalogue],
  );
}

function PredictionsTable({ first, second, predictions, comparable }: { first: ModelRecord; second: ModelRecord; predictions: Predictions; comparable: boolean }) {
  const level = useLab((s) => s.prediction.level);
  const source = useLab((s) => s.prediction.source);
  const catalogue = useLab((s) => s.datasets.catalogue);
  const [pa, pb] = predictions ?? [null, null];
  const dollarsA = dollarsFor(first, catalogue);
  const priceChange =
    pa?.ok && pb?.ok && comparable ? signed(pb.prediction.price - pa.prediction.price, (v) => formatTarget(v, dollarsA)) : pa && pb ? 'not comparable' : '';
  const notes = [pa, pb].flatMap((p, i) => {
    const version = [first, second][i].version;
    if (!p) return [];
    if (!p.ok) return [{ version, text: p.reason, tone: 'error' }];
    return p.warnings.map((text) => ({ version, text, tone: 'warning' }));
  });
  return (
    <>
      <div className="table-scroll">
        <table className="compare__table">
          <caption className="compare__caption">
            Predictions for the Predict form’s values ({source || 'not filled in yet'}; change them in Predict)
          </caption>
          <SideBySideHead what="Prediction" first={first.version} second={second.version} />
          <tbody>
            <Row label="Price" first={<PredictionCell predicted={pa} dollars={dollarsA} part="price" />} second={<PredictionCell predicted={pb} dollars={dollarsFor(second, catalogue)} part="price" />} difference={priceChange} />
            <Row
              label={`${levelText(level)} interval`}
              first={<PredictionCell predicted={pa} dollars={dollarsA} part="interval" />}
              second={<PredictionCell predicted={pb} dollars={dollarsFor(second, catalogue)} part="interval" />}
              difference=""
            />
            <Row
              label="Nearest training row (distance)"
              first={<PredictionCell predicted={pa} dollars={dollarsA} part="nearest" />}
              second={<PredictionCell predicted={pb} dollars={dollarsFor(second, catalogue)} part="nearest" />}
              difference=""
            />
          </tbody>
        </table>
      </div>
      {notes.length > 0 && (
        <ul className="compare__notes">
          {notes.map((n, i) => (
            <li key={i} className={n.tone === 'error' ? 'compare__refused' : 'field-warning'}>
              Version {n.version}: {n.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The headline: what changes from the first version to the second, in numbers. */
function Summary({ first, second, predictions, comparable }: { first: ModelRecord; second: ModelRecord; predictions: Predictions; comparable: boolean }) {
  const catalogue = useLab((s) => s.datasets.catalogue);
  const [pa, pb] = predictions ?? [null, null];
  const price = pa?.ok && pb?.ok ? pb.prediction.price - pa.prediction.price : null;
  if (!comparable) {
    return <p className="compare__summary">Their targets are in different units ({first.model.dataset.target} and {second.model.dataset.target}): no difference is stated.</p>;
  }
  const d = scoreDifferences(first.metrics, second.metrics);
  const only = featuresOnlyIn(first, second);
  const builtIn = Boolean(catalogue.get(first.dataset.name)?.builtIn);
  const dropped = only.first.length && !only.second.length ? ` (version ${second.version} leaves out ${only.first.map((c) => codeText(c, builtIn)).join(', ')})` : '';
  const added = only.second.length && !only.first.length ? ` (version ${second.version} adds ${only.second.map((c) => codeText(c, builtIn)).join(', ')})` : '';
  return (
    <p className="compare__summary">
      <strong>Second − first{dropped || added}:</strong> MSE {signed(d.mse, fixed2)}, RMSE {signed(d.rmse, fixed2)}, MAE {signed(d.mae, fixed2)}, R² {signed(d.r2, fixed2)}
      {price !== null && <>; price {signed(price, (v) => formatTarget(v, dollarsFor(first, catalogue)))} for the Predict form’s values</>}.
    </p>
  );
}

function ComparisonBody({ first, second }: { first: ModelRecord; second: ModelRecord }) {
  const catalogue = useLab((s) => s.datasets.catalogue);
  const loading = useLab((s) => s.compare.loading);
  // The slice only ever holds the current pair's result; the check on hashes also waits out a rename's reload.
  const result = useLab((s) => s.compare.result);
  const current = result && result.first.record.sha256 === first.sha256 && result.second.record.sha256 === second.sha256 ? result : null;
  const predictions = usePredictions(current);
  const comparable = sameUnits(first, second, catalogue);
  const caveat = scoringCaveat(first, second);
  return (
    <div className="compare__body">
      <Summary first={first} second={second} predictions={predictions} comparable={comparable} />
      {caveat && <p className="hint">{caveat}</p>}
      <SettingsTable first={first} second={second} comparable={comparable} />
      <h4 className="compare__subtitle">Error curves</h4>
      {current ? <CurvesChart result={current} /> : <p className="hint" role="status">{loading ? 'Computing the error curves and prediction intervals…' : 'Waiting for the comparison…'}</p>}
      <h4 className="compare__subtitle">Predictions</h4>
      <PredictionsTable first={first} second={second} predictions={predictions} comparable={comparable} />
    </div>
  );
}

/** Two saved versions side by side: settings, how k was chosen, scores, error curves and predictions, with second − first. */
export function CompareVersions() {
  const entries = useLab((s) => s.registry.entries);
  const picked = useLab((s) => s.compare);
  const dismiss = useLab((s) => s.dismissCompareNotice);
  const first = recordIn(entries, picked.first);
  const second = recordIn(entries, picked.second);
  // Shown even with one version left: a notice that a compared version was deleted must stay readable.
  const usable = entries.filter((e) => e.status === 'ok').length;
  return (
    <section className="compare" aria-labelledby="compare-title">
      <h3 id="compare-title" className="panel__title">Compare two versions</h3>
      <p className="hint">
        Pick two versions to see them side by side. Compare a model with the same settings less one feature, and the difference says in numbers what that
        feature does.
      </p>
      {usable < 2 ? (
        <p className="hint">Comparing needs two usable versions: save another one in the lab.</p>
      ) : (
        <div className="compare__pickers">
          <VersionPicker side="first" label="First version" entries={entries} />
          <VersionPicker side="second" label="Second version" entries={entries} />
        </div>
      )}
      <NoticeLine notice={picked.notice} onDismiss={dismiss} />
      {first && second && first.version !== second.version && <ComparisonBody first={first} second={second} />}
    </section>
  );
}
