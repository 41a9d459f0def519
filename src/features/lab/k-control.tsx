import { kLimit, sweptKMax } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { SliderField } from '../../ui/slider-field';

/** Picks the k to inspect; follows the best k until moved. */
export function KControl() {
  const k = useLab((s) => s.settings.k);
  const kMax = useLab((s) => sweptKMax(s.settings, s.datasets.catalogue));
  const limit = useLab((s) => kLimit(s.settings, s.datasets.catalogue));
  const folds = useLab((s) => s.settings.cv);
  const bestK = useLab((s) => s.sweep.result?.best.k ?? null);
  const change = useLab((s) => s.change);
  const shown = Math.min(k ?? bestK ?? 1, kMax);
  return (
    <SliderField
      label="k (neighbours)"
      min={1}
      max={kMax}
      value={shown}
      display={k === null ? `${shown} · best` : String(shown)}
      valueText={k === null ? `${shown}, the best k` : String(shown)}
      onChange={(value, e) => change({ k: value }, { inputTime: e.timeStamp, source: 'drag' })}
    >
      <div className="slider__foot">
        <span className="hint">
          1 to {kMax} ({kMax < limit ? `the k range swept; up to ${limit} possible` : folds === null ? 'training rows − 1' : 'smallest training fold − 1'})
        </span>
        <button type="button" disabled={k === null} onClick={(e) => change({ k: null }, { inputTime: e.timeStamp })}>
          Use best k
        </button>
      </div>
    </SliderField>
  );
}
