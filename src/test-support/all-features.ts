import { FEATURE_CODES } from '../ml/dataset-meta';

/** Every Boston feature code, in dataset order (a fresh mutable copy, as KnnParams wants). */
export const ALL_FEATURES = [...FEATURE_CODES];
