import { datasetInfo } from '../../ml/dataset-meta';
import { useLab } from '../../store/lab-store';
import { formatTarget } from '../../ui/format-price';

/** How the lab's dataset's target is written: Boston's in $1000s (prices as dollars), an imported one in its own units. */
export interface TargetUnits {
  dollars: boolean;
  /** "$1000s", or "price units" for an imported target called price. */
  price: string;
  squared: string;
  /** One value of the target for people: "$19,900", or "245,000". */
  format: (value: number) => string;
}

export function useTargetUnits(): TargetUnits {
  const info = useLab((s) => datasetInfo(s.datasets.catalogue, s.settings.dataset));
  if (info.dollarThousands) return { dollars: true, price: '$1000s', squared: '($1000s)²', format: (v) => formatTarget(v, true) };
  const unit = `${info.target} units`;
  return { dollars: false, price: unit, squared: `(${unit})²`, format: (v) => formatTarget(v, false) };
}
