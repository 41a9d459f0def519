import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';

/** A job slower than this gets a visible Cancel button; normal sweeps finish in a few milliseconds. */
const SHOW_CANCEL_AFTER_MS = 300;

/** Busy, cancelled and failed states of the worker, with the ways out of each. */
export function SweepStatus() {
  const status = useLab((s) => s.sweep.status);
  const error = useLab((s) => s.sweep.error);
  const cancel = useLab((s) => s.cancelSweep);
  const retry = useLab((s) => s.runSweep);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (status !== 'running') return;
    const timer = setTimeout(() => setSlow(true), SHOW_CANCEL_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [status]);

  return (
    <>
      <div className="sweep-status" role="status">
        {status === 'running' && slow && (
          <>
            <span className="spinner" aria-hidden="true" /> Still calculating…{' '}
            <button type="button" onClick={cancel}>Cancel</button>
          </>
        )}
      </div>
      {(status === 'error' || status === 'cancelled') && error && (
        <div className={status === 'error' ? 'notice notice--error' : 'notice'} role="alert">
          <p>{error}</p>
          <button type="button" onClick={() => retry()}>Try again</button>
        </div>
      )}
    </>
  );
}
