import { scoresAt } from '../../ml/sweep';
import { bruteForceNote, tieNote } from '../../ml/tie-note';
import type { SweepResult } from '../../ml/sweep';
import { useLab } from '../../store/lab-store';
import { fixed2 } from '../../ui/format';
import { Readout } from '../../ui/readout';
import { useTargetUnits } from './use-target-units';


/** Says when the numbers above at k may differ from scikit-learn's: tied neighbours, or its brute-force arithmetic. */
function FlagLines({ result, k }: { result: SweepResult | null; k: number | null }) {
  if (!result || k === null) return null;
  const notes = [tieNote(k, result.tiedRows[k - 1], result.nTest), bruteForceNote(k, result.bruteRows[k - 1], result.nTest, result.nTrain)];
  return (
    <>
      {notes.map((text) => text && <p key={text} className="tie-note">{text}</p>)}
    </>
  );
}

/**
 * Scores at the best k and at the selected k, and the baseline; prices in $1000s. In K-fold mode the scores are
 * the fold means ("CV"), with the spread across folds and the one-standard-error k.
 */
export function ScoreReadouts() {
  const { price: PRICE, squared: SQUARED } = useTargetUnits();
  const result = useLab((s) => s.sweep.result);
  const k = useLab((s) => s.settings.k);
  const best = result?.best;
  const cv = result?.cv;
  const what = cv ? 'CV' : 'Test';
  const inLabel = cv ? 'CV' : 'test';
  const selectedK = result ? Math.min(k ?? result.best.k, result.kMax) : null;
  const selected = result && selectedK ? scoresAt(result, selectedK) : null;
  return (
    <div className="score-grid">
      <section className="score-card" aria-labelledby="best-heading">
        <h3 id="best-heading">At the best k</h3>
        <Readout label="Best k" value={best ? String(best.k) : '–'} emphasis />
        <Readout label={`${what} MSE`} value={fixed2(best?.mse)} unit={SQUARED} />
        {cv && best && <Readout label="CV MSE std" value={fixed2(cv.mseStd[best.k - 1])} unit={SQUARED} />}
        {cv && <Readout label="One-SE k" value={String(cv.oneSeK)} />}
        <Readout label={`${what} RMSE`} value={fixed2(best?.rmse)} unit={PRICE} />
        <Readout label={`${what} MAE`} value={fixed2(best?.mae)} unit={PRICE} />
        <Readout label={`${what} R²`} value={fixed2(best?.r2)} />
        {cv && <p className="hint">Over {cv.folds} folds; RMSE is the root of the mean MSE. One-SE k: the largest k within one standard error (std / √{cv.folds}) of the best.</p>}
        <FlagLines result={result} k={best?.k ?? null} />
      </section>
      <section className="score-card score-card--selected" aria-labelledby="selected-heading">
        <h3 id="selected-heading">At the selected k</h3>
        <Readout label="Selected k" value={selectedK ? String(selectedK) : '–'} emphasis />
        <Readout label={`Selected k ${inLabel} MSE`} value={fixed2(selected?.mse)} unit={SQUARED} />
        {cv && selectedK && <Readout label="Selected k CV MSE std" value={fixed2(cv.mseStd[selectedK - 1])} unit={SQUARED} />}
        <Readout label={`Selected k ${inLabel} RMSE`} value={fixed2(selected?.rmse)} unit={PRICE} />
        <Readout label={`Selected k ${inLabel} MAE`} value={fixed2(selected?.mae)} unit={PRICE} />
        <Readout label={`Selected k ${inLabel} R²`} value={fixed2(selected?.r2)} />
        {selectedK !== best?.k && <FlagLines result={result} k={selectedK} />}
      </section>
      <section className="score-card score-card--baseline" aria-labelledby="baseline-heading">
        <h3 id="baseline-heading">Baseline: always the training mean</h3>
        <Readout label={`Baseline ${inLabel} MSE`} value={fixed2(result?.baseline.mse)} unit={SQUARED} />
        <Readout label={`Baseline ${inLabel} RMSE`} value={fixed2(result?.baseline.rmse)} unit={PRICE} />
        <Readout label={`Baseline ${inLabel} R²`} value={fixed2(result?.baseline.r2)} />
      </section>
    </div>
  );
}
