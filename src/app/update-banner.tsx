import { useSyncExternalStore } from 'react';
import { applyUpdate, getPwaState, subscribePwa } from '../pwa/register';

/** A new build is waiting: offer it, never reload by ourselves. */
export function UpdateBanner() {
  const state = useSyncExternalStore(subscribePwa, getPwaState);
  if (!state.updateAvailable) return null;
  return (
    <div role="status" className="banner">
      <strong>Update available.</strong>
      <span>A new version of KNN Lab is ready. Your models and history are kept.</span>
      <button type="button" onClick={() => void applyUpdate()}>
        Reload to update
      </button>
    </div>
  );
}
