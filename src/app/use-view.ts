import { useSyncExternalStore } from 'react';

/** The views in the top navigation, in order. */
export const VIEWS = [
  { id: 'lab', label: 'Lab' },
  { id: 'models', label: 'Models' },
  { id: 'predict', label: 'Predict' },
  { id: 'history', label: 'History' },
  { id: 'stability', label: 'Stability' },
  { id: 'data', label: 'Data' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

function currentView(): ViewId {
  const id = window.location.hash.slice(1);
  return VIEWS.find((v) => v.id === id)?.id ?? 'lab';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view named by the URL's hash, so the query string stays the lab's settings. */
export function useView(): ViewId {
  return useSyncExternalStore(subscribe, currentView);
}
