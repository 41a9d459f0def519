// Reading Chromium traces for the benchmarks: the longest task on the page's main thread, in wall and CPU time.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Chromium's name for one run of a main-thread task with the `toplevel` category alone, and with DevTools' too. */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * The longest top-level task on the page's main thread, from a Chromium trace. Wall time says what the user waits;
 * CPU time says how much of it was this page's work rather than the machine being busy with other processes.
 */
export function longestMainThreadTask(trace: Buffer): { wallMs: number; cpuMs: number } | null {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name) && mains.has(`${e.pid}:${e.tid}`));
  // Several renderers may exist (the start page, the app); the app's main thread is the busy one.
  const perThread = new Map<string, TraceEvent[]>();
  for (const t of tasks) perThread.set(`${t.pid}:${t.tid}`, [...(perThread.get(`${t.pid}:${t.tid}`) ?? []), t]);
  const busiest = [...perThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const longest = busiest.reduce<TraceEvent | null>((m, t) => (!m || (t.dur ?? 0) > (m.dur ?? 0) ? t : m), null);
  return longest ? { wallMs: (longest.dur ?? 0) / 1000, cpuMs: (longest.tdur ?? 0) / 1000 } : null;
}

