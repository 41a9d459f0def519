import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from '../store/store';
import { namesUnknownDataset, parseUrlState, serialiseUrlState } from './url-state';

/** Slider moves closer together than this belong to one gesture and share one history entry. */
const GESTURE_GAP_MS = 1000;

/**
 * Makes the query string the state: reads it at start and on Back/Forward, and writes every change
 * (a new history entry per gesture, replaced in place while a slider keeps moving).
 */
export function startUrlSync(store: StoreApi<LabState>, win: Window = window): () => void {
  let lastWrite = -Infinity;
  let lastWasDrag = false;

  let waited = false;
  const load = () => {
    const { catalogue, loaded } = store.getState().datasets;
    // A link to an imported dataset is read once this browser's datasets are known; Boston links never wait.
    if (!loaded && !waited && namesUnknownDataset(win.location.search, catalogue)) {
      waited = true;
      void store.getState().loadDatasets().then(load);
      return;
    }
    const { settings, problems } = parseUrlState(win.location.search, store.getState().datasets.catalogue);
    store.getState().setLinkProblems(problems);
    store.getState().replaceSettings(settings, { source: 'history' });
    // Canonical form: bad values are replaced by the defaults now in force, so the link matches the page.
    win.history.replaceState(win.history.state, '', `?${serialiseUrlState(store.getState().settings)}${win.location.hash}`);
  };

  const write = (state: LabState) => {
    const search = `?${serialiseUrlState(state.settings)}`;
    if (search === win.location.search) return;
    const url = `${search}${win.location.hash}`;
    const now = win.performance.now();
    const drag = state.lastChangeSource === 'drag';
    if (drag && lastWasDrag && now - lastWrite < GESTURE_GAP_MS) win.history.replaceState(win.history.state, '', url);
    else win.history.pushState(null, '', url);
    lastWrite = now;
    lastWasDrag = drag;
  };

  // A history write costs a few ms of main-thread time; while a slider moves, the URL is written at most once
  // a frame and after the sweep has been asked for, so the drag's measure does not wait on it.
  let pending: number | null = null;

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.settings === previous.settings || state.lastChangeSource === 'history') return;
    if (state.lastChangeSource !== 'drag') {
      // A drag still waiting for its frame gets its own entry first, so Back returns to where it ended.
      if (pending !== null) {
        win.cancelAnimationFrame(pending);
        pending = null;
        write(previous);
      }
      write(state);
      return;
    }
    if (pending === null) {
      pending = win.requestAnimationFrame(() => {
        pending = null;
        write(store.getState());
      });
    }
  });

  const onPopState = () => {
    if (pending !== null) win.cancelAnimationFrame(pending);
    pending = null;
    lastWasDrag = false;
    load();
  };
  load();
  win.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPopState);
  };
}
