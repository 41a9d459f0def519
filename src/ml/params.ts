export const WEIGHTS = ['uniform', 'distance'] as const;
export type Weights = (typeof WEIGHTS)[number];
export const SCALES = ['none', 'standard'] as const;
export type Scale = (typeof SCALES)[number];
export const METRICS = ['euclidean', 'manhattan'] as const;
export type Metric = (typeof METRICS)[number];

/** How a model is fitted: everything but the data and the split. */
export interface KnnParams {
  weights: Weights;
  scale: Scale;
  metric: Metric;
  /** Feature codes, in dataset order. */
  features: string[];
}

/** The old learn.py's choices. */
export const DEFAULT_PARAMS: Readonly<Omit<KnnParams, 'features'>> = { weights: 'distance', scale: 'none', metric: 'euclidean' };
export const DEFAULT_TEST_FRACTION = 0.1;

export const isWeights = (v: string): v is Weights => (WEIGHTS as readonly string[]).includes(v);
export const isScale = (v: string): v is Scale => (SCALES as readonly string[]).includes(v);
export const isMetric = (v: string): v is Metric => (METRICS as readonly string[]).includes(v);
