/** How far a long job has got: a fraction from 0 to 1 and a short label ("Seed 1200 of 10000"). */
export interface JobProgress {
  fraction: number;
  label: string;
}

export type ProgressReport = (progress: JobProgress) => void;

/** Often enough for a smooth bar; rare enough that a job reporting every seed does not flood the page with messages. */
export const PROGRESS_EVERY_MS = 50;

/**
 * Passes reports on at most once per `everyMs`, the first only after `everyMs` of work: a job that answers sooner
 * (every normal sweep) sends none, so progress costs nothing where nobody could see it.
 */
export function throttleProgress(send: ProgressReport, everyMs = PROGRESS_EVERY_MS, now: () => number = () => performance.now()): ProgressReport {
  let last = now();
  return (progress) => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    send(progress);
  };
}
