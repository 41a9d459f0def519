import type { Neighbourhood } from '../../ml/settings-schema';
import { useLab } from '../../store/lab-store';
import { ChoiceGroup } from '../../ui/choice-group';
import { SliderField } from '../../ui/slider-field';
import { radiusText, selectedRadiusIndex } from './radius-view';

/** k nearest neighbours, or every training row within a radius (scikit-learn's RadiusNeighborsRegressor). */
export function NeighbourhoodChoice() {
  const value = useLab((s) => s.settings.neighbours);
  const change = useLab((s) => s.change);
  return (
    <ChoiceGroup<Neighbourhood>
      legend="Neighbourhood"
      name="neighbours"
      value={value}
      onChange={(v, e) => change({ neighbours: v }, { inputTime: e.timeStamp })}
      options={[{ value: 'k', label: 'k nearest' }, { value: 'radius', label: 'Within a radius' }]}
      hint={value === 'radius' ? 'Radius neighbours are scored on the single split; K-fold does not apply.' : undefined}
    />
  );
}

/** Picks a radius of the sweep's grid to inspect; follows the best radius until moved. */
export function RadiusControl() {
  const curve = useLab((s) => s.sweep.result?.radius ?? null);
  const radius = useLab((s) => s.settings.radius);
  const change = useLab((s) => s.change);
  if (!curve) return <p className="hint">Radius: waiting for the sweep…</p>;
  const index = selectedRadiusIndex(curve, radius) ?? curve.radii.length - 1;
  const shown = curve.radii[index];
  return (
    <SliderField
      label="Radius"
      min={0}
      max={curve.radii.length - 1}
      value={index}
      display={radius === null ? `${radiusText(shown)} · best` : radiusText(shown)}
      valueText={`${radiusText(shown)}${radius === null ? ', the best radius' : ''}`}
      onChange={(i, e) => change({ radius: curve.radii[i] }, { inputTime: e.timeStamp, source: 'drag' })}
    >
      <div className="slider__foot">
        <span className="hint">
          {curve.radii.length} radii from {radiusText(curve.radii[0])} to {radiusText(curve.radii[curve.radii.length - 1])}
        </span>
        <button type="button" disabled={radius === null} onClick={(e) => change({ radius: null }, { inputTime: e.timeStamp })}>
          Use best radius
        </button>
      </div>
    </SliderField>
  );
}
