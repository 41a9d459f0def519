import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';
import './sweep-status.css';

/** A job slower than this gets a visible Cancel button; normal sweeps finish in a few milliseconds. */
const SHOW_CANCEL_AFTER_MS = 300;

/** Busy, cancelled and failed states of the worker, with the ways out of each. */
export function SweepStatus() {
  const status = useLab((s) => s.sweep.status);
  const error = useLab((s) => s.sweep.error);
  const progress = useLab((s) => s.sweep.progress);
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

  const busy = status === 'running' && slow;
  return (
    <>
      <div className={busy ? 'sweep-status sweep-status--busy' : 'sweep-status'}>
        {/* Only this line is live: progress changes many times a second and would flood a screen reader. */}
        <span className="sweep-status" role="status">
          {busy && (
            <>
              <span className="spinner" aria-hidden="true" /> Still calculating…
            </>
          )}
        </span>
        {busy && progress && (
          <>
            <progress className="sweep-status__progress" max={1} value={progress.fraction} aria-label="Calculation progress" aria-valuetext={`${Math.floor(progress.fraction * 100)} %: ${progress.label}`} />
            <span aria-hidden="true">{progress.label}</span>
          </>
        )}
        {busy && <button type="button" onClick={cancel}>Cancel</button>}
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
