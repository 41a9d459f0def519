import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';
import type { DatasetSummary } from '../../store/services';

type Loaded = { name: string; summary: DatasetSummary | null; error: string | null };

/** The worker's description of a dataset; the data stays in the worker chunk, out of the page's first load. */
export function useDatasetSummary(name: string): { summary: DatasetSummary | null; error: string | null; retry: () => void } {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const describeDataset = useLab((s) => s.describeDataset);
  useEffect(() => {
    let live = true;
    describeDataset(name).then(
      (summary) => live && setLoaded({ name, summary, error: null }),
      (e: unknown) => live && setLoaded({ name, summary: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [name, attempt, describeDataset]);
  const current = loaded?.name === name ? loaded : null;
  return { summary: current?.summary ?? null, error: current?.error ?? null, retry: () => setAttempt((a) => a + 1) };
}
