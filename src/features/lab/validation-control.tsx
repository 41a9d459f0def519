import { MAX_FOLDS, MIN_FOLDS } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { ChoiceGroup } from '../../ui/choice-group';
import { SliderField } from '../../ui/slider-field';

type Mode = 'split' | 'kfold';
const DEFAULT_FOLDS = 10;

/**
 * Single train/test split, or K-fold cross-validation as scikit-learn's KFold(n, shuffle=True, random_state=seed):
 * the seed shuffles the folds, and the test size does not apply.
 */
export function ValidationControl() {
  const folds = useLab((s) => s.settings.cv);
  const change = useLab((s) => s.change);
  return (
    <>
      <ChoiceGroup<Mode>
        legend="Validation"
        name="validation"
        value={folds === null ? 'split' : 'kfold'}
        onChange={(mode, e) => change({ cv: mode === 'split' ? null : DEFAULT_FOLDS }, { inputTime: e.timeStamp })}
        options={[{ value: 'split', label: 'Single split' }, { value: 'kfold', label: 'K-fold CV' }]}
      />
      {folds !== null && (
        <SliderField
          label="Folds"
          min={MIN_FOLDS}
          max={MAX_FOLDS}
          value={folds}
          display={`${folds} folds`}
          valueText={`${folds} folds`}
          onChange={(value, e) => change({ cv: value }, { inputTime: e.timeStamp, source: 'drag' })}
        >
          <p className="hint">Each row is a test row once; the scaler is refitted on every fold’s training rows.</p>
        </SliderField>
      )}
    </>
  );
}
