import { MAX_TEST_FRACTION, MIN_TEST_FRACTION, splitCounts } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { whole } from '../../ui/format';
import { Readout } from '../../ui/readout';
import { SliderField } from '../../ui/slider-field';

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10} %`;

/** Test fraction in whole percent; the row counts follow scikit-learn's ceil rule and update while dragging. */
export function TestSizeControl() {
  const testFraction = useLab((s) => s.settings.testFraction);
  const dataset = useLab((s) => s.settings.dataset);
  const change = useLab((s) => s.change);
  const folds = useLab((s) => s.settings.cv);
  const catalogue = useLab((s) => s.datasets.catalogue);
  const { nTrain, nTest } = splitCounts(dataset, testFraction, catalogue);
  if (folds !== null) return <p className="hint">Test size: not used while K-fold cross-validation holds out each fold in turn.</p>;
  return (
    <SliderField
      label="Test size"
      min={MIN_TEST_FRACTION * 100}
      max={MAX_TEST_FRACTION * 100}
      value={Math.round(testFraction * 100)}
      valueText={percent(testFraction)}
      display={percent(testFraction)}
      onChange={(value, e) => change({ testFraction: value / 100 }, { inputTime: e.timeStamp, source: 'drag' })}
    >
      <div className="readout-pair">
        <Readout label="Training rows" value={whole(nTrain)} />
        <Readout label="Test rows" value={whole(nTest)} />
      </div>
    </SliderField>
  );
}
