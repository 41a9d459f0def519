import type { SyntheticEvent } from 'react';
import type { Metric, Scale, Weights } from '../../ml/params';
import type { LabSettings, ShownMetric } from '../../store/lab-settings';
import { useLab } from '../../store/lab-store';
import { ChoiceGroup } from '../../ui/choice-group';

function useChoice<K extends keyof LabSettings>(key: K) {
  const value = useLab((s) => s.settings[key]);
  const change = useLab((s) => s.change);
  const onChange = (v: LabSettings[K], e: SyntheticEvent) => change({ [key]: v } as Partial<LabSettings>, { inputTime: e.timeStamp });
  return [value, onChange] as const;
}

const BUILT_IN_LABELS: Record<string, string> = { boston: 'Boston', 'boston-corrected': 'Boston corrected' };

/** The built-in datasets and those imported in this browser (Data view). */
export function DatasetChoice() {
  const [value, onChange] = useChoice('dataset');
  const catalogue = useLab((s) => s.datasets.catalogue);
  const options = [...catalogue.values()].map((d) => ({ value: d.id, label: d.builtIn ? (BUILT_IN_LABELS[d.id] ?? d.title) : `${d.title} (${d.nRows.toLocaleString('en-US')} rows)` }));
  const imported = catalogue.size > 2;
  return (
    <ChoiceGroup<string>
      legend="Dataset"
      name="dataset"
      value={value}
      onChange={onChange}
      options={options}
      stacked={imported}
      hint={imported ? undefined : 'Import your own CSV in the Data view.'}
    />
  );
}

export function WeightsChoice() {
  const [value, onChange] = useChoice('weights');
  return (
    <ChoiceGroup<Weights>
      legend="Weights"
      name="weights"
      value={value}
      onChange={onChange}
      options={[{ value: 'uniform', label: 'Uniform' }, { value: 'distance', label: 'Distance' }]}
    />
  );
}

export function ScalingChoice() {
  const [value, onChange] = useChoice('scale');
  return (
    <ChoiceGroup<Scale>
      legend="Scaling"
      name="scale"
      value={value}
      onChange={onChange}
      options={[{ value: 'none', label: 'None' }, { value: 'standard', label: 'Standard' }]}
    />
  );
}

export function DistanceChoice() {
  const [value, onChange] = useChoice('metric');
  return (
    <ChoiceGroup<Metric>
      legend="Distance"
      name="metric"
      value={value}
      onChange={onChange}
      options={[{ value: 'euclidean', label: 'Euclidean' }, { value: 'manhattan', label: 'Manhattan' }]}
    />
  );
}

export const SHOWN_LABELS: Record<ShownMetric, string> = { mse: 'MSE', rmse: 'RMSE', mae: 'MAE', r2: 'R²' };

export function ShownMetricChoice() {
  const [value, onChange] = useChoice('show');
  return (
    <ChoiceGroup<ShownMetric>
      legend="Metric shown"
      name="show"
      value={value}
      onChange={onChange}
      options={(Object.keys(SHOWN_LABELS) as ShownMetric[]).map((m) => ({ value: m, label: SHOWN_LABELS[m] }))}
    />
  );
}
