/** Test builds only: how the next sweep should fail, so e2e tests can prove the page survives it. */
export type FailureMode = 'throw' | 'crash' | 'hang';

// Its own module so the page can read the hook without importing the worker API (and the dataset with it).
export function isFailureMode(value: string): value is FailureMode {
  return value === 'throw' || value === 'crash' || value === 'hang';
}
