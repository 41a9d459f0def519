import { useLab } from '../store/lab-store';
import '../ui/controls.css';

/** Says when models and predictions are not being kept, or when this tab must reload to keep saving. */
export function StorageBanner() {
  const state = useLab((s) => s.registry.storage);
  if (state.kind === 'ready' || state.kind === 'opening' || !state.message) return null;
  return (
    <div role="alert" className={state.kind === 'unavailable' ? 'banner banner--error' : 'banner'}>
      <strong>{state.kind === 'unavailable' ? 'Storage unavailable.' : state.kind === 'blocked' ? 'Storage is waiting.' : 'Reload to update.'}</strong>
      <span>{state.message}</span>
      {state.kind === 'reload-to-update' && (
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      )}
    </div>
  );
}
