import type { ChosenBy } from './chosen-by';
import { crossValidate, crossValidationCurve } from './cross-validation';
import type { Dataset } from './datasets';
import type { Scores } from './metrics';
import { fitModel, fitOnAllRows, type FittedModel } from './model';
import type { KnnParams } from './params';
import { radiusCurve, radiusSweep } from './radius';
import { scoresAt, sweep } from './sweep';

/** Everything that decides which model "save" keeps: the split or folds, the neighbourhood and the fit. */
export interface FitSettings extends KnnParams {
  seed: number;
  testFraction: number;
  /** K-fold cross-validation folds, or null for one train/test split. */
  cv: number | null;
  neighbours: 'k' | 'radius';
  /** Largest k the sweep (or cross-validation) scores; defaults to every k there is. */
  kMax?: number;
}

/** A model fitted for saving, with its scores at the chosen k (or radius) and how that was chosen. */
export interface FitResult {
  model: FittedModel;
  k: number;
  /** On the test split; the fold means in K-fold mode; over the covered test rows for a radius. */
  metrics: Scores;
  chosenBy: ChosenBy;
}

/**
 * The model the lab saves and `learn --out` writes for these settings: at `k` (or the best k), on the split or —
 * in K-fold mode — refitted on every row, as GridSearchCV does; in radius mode at `radius` (or the best radius,
 * the lowest MSE covering every test row). One function, so the app and the CLI keep identical models.
 * O(a sweep of k = 1..kMax, or a cross-validation) plus O(n · d) for the fit.
 */
export function fitForSettings(dataset: Dataset, settings: FitSettings, k?: number, radius?: number): FitResult {
  const { seed, testFraction } = settings;
  if (settings.neighbours === 'radius') {
    const chosen = radius ?? radiusCurve(dataset, settings).best?.radius;
    if (chosen === undefined) throw new RangeError('no radius of the grid covers every test row; choose a radius to save');
    if (!(chosen > 0) || !Number.isFinite(chosen)) throw new RangeError(`radius must be a positive number, got ${chosen}`);
    const [point] = radiusSweep(dataset, settings, [chosen]);
    if (!point.scores) throw new RangeError(`no test row has a training row within radius ${chosen}; choose a larger radius`);
    const model = { ...fitModel(dataset, settings, 1), radius: chosen };
    return { model, k: model.k, metrics: point.scores, chosenBy: { method: 'split', seed, testFraction } };
  }
  if (settings.cv === null) {
    const curve = sweep(dataset, settings);
    const chosen = checkedK(k ?? curve.best.k, curve.kMax);
    return { model: fitModel(dataset, settings, chosen), k: chosen, metrics: scoresAt(curve, chosen), chosenBy: { method: 'split', seed, testFraction } };
  }
  const curve = crossValidationCurve(crossValidate(dataset, settings, settings.cv, seed, settings.kMax));
  const chosen = checkedK(k ?? curve.best.k, curve.kMax);
  const { folds, mseStd, oneSeK } = curve.cv;
  return {
    model: fitOnAllRows(dataset, settings, chosen),
    k: chosen,
    metrics: scoresAt(curve, chosen),
    chosenBy: { method: 'kfold', folds, seed, mseStd: mseStd[chosen - 1], oneSeK },
  };
}

function checkedK(k: number, kMax: number): number {
  if (!Number.isInteger(k) || k < 1 || k > kMax) throw new RangeError(`k must be an integer in 1..${kMax}, got ${k}`);
  return k;
}
