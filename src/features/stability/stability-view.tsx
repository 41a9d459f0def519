import { useId, useState, type FormEvent } from 'react';
import { LARGE_DATASET_ROWS, datasetInfo } from '../../ml/dataset-meta';
import { MAX_SEED_RUNS } from '../../ml/seed-stability';
import { MAX_SEED } from '../../ml/split';
import { useLab } from '../../store/lab-store';
import type { SeedStabilityResult } from '../../store/services';
import { runningIsCurrent, stabilityIsCurrent, stabilityRequestOf } from '../../store/stability-slice';
import { fixed2 } from '../../ui/format';
import { BestKHistogram } from './best-k-histogram';
import { MseSpread } from './mse-spread';
import { barsToDraw, bestKBars, placeReading, seedCount, seedPlace, settingsChange, settingsWords, stabilityReading, type BestKBar } from './stability-reading';
import './stability.css';

const whole = (n: number) => n.toLocaleString('en-GB');

/** How much the best k owes to the luck of the split: every seed in a range, swept with the lab's settings. */
export function StabilityView() {
  return (
    <div className="stability">
      <RunPanel />
      <ResultPanel />
    </div>
  );
}

function RunPanel() {
  const settings = useLab((s) => s.settings);
  const catalogue = useLab((s) => s.datasets.catalogue);
  // Above the neighbour index's size a seed costs a whole sweep, not a walk over shared sorted lists.
  const nRows = datasetInfo(catalogue, settings.dataset).nRows;
  const large = nRows > LARGE_DATASET_ROWS;
  const { fromText, toText, rangeError, status, progress, message, running } = useLab((s) => s.stability);
  const runningCurrent = useLab(runningIsCurrent);
  const setRange = useLab((s) => s.setStabilityRange);
  const run = useLab((s) => s.runStability);
  const cancel = useLab((s) => s.cancelStability);
  const errorId = useId();
  const hintId = useId();
  const busy = status === 'running';
  const total = running ? running.seeds.to - running.seeds.from + 1 : 0;
  const done = progress ? Math.round(progress.fraction * total) : 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  const field = (label: string, value: string, onChange: (text: string) => void) => (
    <label className="field stability__field">
      <span className="field__label">{label}</span>
      <input
        className="text-input stability__input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={rangeError ? true : undefined}
        aria-describedby={rangeError ? `${errorId} ${hintId}` : hintId}
      />
    </label>
  );

  return (
    <section className="panel" aria-labelledby="stability-title">
      <h2 id="stability-title" className="panel__title">Seed stability</h2>
      <p className="intro">
        Each seed splits the rows into training and test rows differently, and with only a few test rows the best k of
        one split is partly luck. This runs every seed in a range with the lab’s settings and counts how often each k
        came out best.
      </p>
      <p className="stability__settings">
        <strong>Settings:</strong> {settingsWords(stabilityRequestOf(settings, { from: 0, to: 0 }), catalogue)}. <a href="#lab">Change them in the lab</a>.
      </p>
      <form className="stability__form" onSubmit={onSubmit} noValidate>
        {field('From seed', fromText, (text) => setRange(text, toText))}
        {field('To seed', toText, (text) => setRange(fromText, text))}
        <button type="submit" className="button button--primary stability__run">Run</button>
      </form>
      <p id={hintId} className="hint">
        Whole numbers from 0 to {whole(MAX_SEED)}, from ≤ to, at most {whole(MAX_SEED_RUNS)} seeds a run.
        {large && ` This dataset has ${whole(nRows)} rows, so every seed is a full sweep of its own (about 0.4 s a seed at 20,000 rows): try 50 seeds first. Cancel stops a run at once.`}
      </p>
      {rangeError && <p id={errorId} className="field-error" role="alert">{rangeError}</p>}

      <div className="stability__status" role="status">
        {busy && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span>Running seeds {whole(running!.seeds.from)}–{whole(running!.seeds.to)}…</span>
          </>
        )}
      </div>
      {busy && (
        <div className="stability__progress">
          <progress
            max={1}
            value={progress?.fraction ?? 0}
            aria-label="Seed stability progress"
            aria-valuetext={`${whole(done)} of ${whole(total)} seeds`}
          />
          <span aria-hidden="true">Seed {whole(done)} of {whole(total)}</span>
          <button type="button" className="button" onClick={cancel}>Cancel</button>
        </div>
      )}
      {busy && !runningCurrent && (
        <p className="note note--warning">The lab’s settings changed after this run started: it carries on with the settings it started with, and its result will be marked as theirs.</p>
      )}
      {(status === 'cancelled' || status === 'error') && message && (
        <div className={status === 'error' ? 'notice notice--error' : 'notice'} role={status === 'error' ? 'alert' : 'status'}>
          <p>{message}</p>
        </div>
      )}
    </section>
  );
}

function ResultPanel() {
  const result = useLab((s) => s.stability.result);
  const request = useLab((s) => s.stability.request);
  // When the lab is in K-fold mode with the same model settings, its pick sets the seeds' spread in context.
  const cvPick = useLab((s) => {
    const lab = s.sweep.result;
    const asked = s.sweep.request;
    const ran = s.stability.request;
    if (!lab?.cv || !asked || !ran) return null;
    const same = asked.dataset === ran.dataset && asked.weights === ran.weights && asked.scale === ran.scale && asked.metric === ran.metric && asked.features.join() === ran.features.join();
    return same ? `${lab.cv.folds}:${lab.best.k}` : null;
  });
  const current = useLab(stabilityIsCurrent);
  const running = useLab((s) => s.stability.status === 'running');
  const settings = useLab((s) => s.settings);
  const catalogue = useLab((s) => s.datasets.catalogue);
  const labSeed = settings.seed;
  const change = useLab((s) => s.change);
  const titleId = useId();
  const [shown, setShown] = useState<BestKBar | null>(null);

  if (!result || !request) {
    return (
      <section className="panel stability__empty">
        <p className="hint">{running ? 'The result appears here when the run finishes.' : 'No run yet: choose a range of seeds and press Run.'}</p>
      </section>
    );
  }

  const bars = barsToDraw(bestKBars(result));
  const total = seedCount(result);
  const place = current ? seedPlace(result, labSeed) : null;
  const open = (seed: number) => {
    change({ seed });
    window.location.hash = 'lab';
  };
  const detail = shown && bars.find((b) => b.k === shown.k);

  return (
    <section className={current ? 'panel stability__result' : 'panel stability__result stability__result--stale'} aria-labelledby="stability-result-title">
      <h2 id="stability-result-title" className="panel__title">
        {current ? 'Result' : 'Earlier result, for other settings'}: seeds {whole(result.seeds.from)}–{whole(result.seeds.to)}
      </h2>
      {!current && (
        <div className="notice notice--warning" role="status">
          <p>
            This run used other settings: {settingsChange(request, stabilityRequestOf(settings, request.seeds), catalogue)}. It does
            not answer the lab’s settings now; press Run to run them.
          </p>
        </div>
      )}
      <p className="stability__reading">
        {stabilityReading(result, cvPick ? { folds: Number(cvPick.split(':')[0]), bestK: Number(cvPick.split(':')[1]) } : undefined)}
        {!cvPick && <span className="hint"> Switch the lab to K-fold CV to see which k cross-validation picks for these settings.</span>}
      </p>
      {current && <p>{placeReading(result, labSeed)}</p>}

      <figure className="stability__figure">
        <figcaption id={titleId} className="stability__caption">
          Best k for each of {whole(total)} seeds{current ? '' : ' (other settings)'}
          {current && <span className="hint"> — press a bar (or Enter on it) to open its lowest seed in the lab; arrow keys move between bars.</span>}
        </figcaption>
        <div className="histogram-scroll">
          <BestKHistogram
            bars={bars}
            total={total}
            markedK={place?.bestK ?? null}
            onOpen={current ? (bar) => open(bar.seeds[0]) : undefined}
            onShow={setShown}
            titleId={titleId}
          />
        </div>
        {place && (
          <p className="stability__legend hint">
            <span className="stability__swatch stability__swatch--marked" aria-hidden="true" /> ▼ the lab’s seed ({whole(labSeed)}), best k {place.bestK}
          </p>
        )}
      </figure>
      {detail && <BarDetail bar={detail} total={total} onOpen={current ? open : undefined} />}

      <MseSpread result={result} marked={place ? place.mse : null} />
      <MaeNote result={result} />
    </section>
  );
}

const LISTED_SEEDS = 12;

/** The bar under focus or the pointer: its count and its first seeds, each one a way into the lab. */
function BarDetail({ bar, total, onOpen }: { bar: BestKBar; total: number; onOpen?: (seed: number) => void }) {
  const more = bar.count - LISTED_SEEDS;
  return (
    <div className="stability__detail">
      <p>
        <strong>{bar.kTo === undefined ? `k = ${bar.k}` : `k from ${bar.k} to ${bar.kTo}`}</strong>: best for {whole(bar.count)} of {whole(total)} seeds ({(bar.share * 100).toFixed(1)} %).
        {onOpen ? ' Open one in the lab:' : ' Seeds:'}
      </p>
      <ul className="stability__seeds">
        {bar.seeds.slice(0, LISTED_SEEDS).map((seed) => (
          <li key={seed}>
            {onOpen ? (
              <button type="button" className="link-button" onClick={() => onOpen(seed)} aria-label={`Open seed ${seed} in the lab`}>
                {seed}
              </button>
            ) : (
              seed
            )}
          </li>
        ))}
        {more > 0 && <li className="hint">and {whole(more)} more</li>}
      </ul>
    </div>
  );
}

/** MAE and R² at each seed's best k, summarised in one line (the MSE decides the best k; these are for scale). */
function MaeNote({ result }: { result: SeedStabilityResult }) {
  const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const info = useLab((s) => datasetInfo(s.datasets.catalogue, s.settings.dataset));
  return (
    <p className="hint">
      At each seed’s best k, the test MAE averaged {fixed2(mean(result.mae))} ({info.dollarThousands ? '$1000s' : `${info.target} units`}) and R²{' '}
      {fixed2(mean(result.r2))}.
    </p>
  );
}
