import type { DatasetCatalogue } from '../ml/dataset-meta';
import { datasetFeatureCodes, defaultSettings, kLimit, settingsForDataset, sweptKMax } from '../ml/settings-schema';
import { sameSweep, sweepRequestOf, type LabSettings } from './lab-settings';
import type { Slice } from './slice';

/** Where a settings change came from: the URL writer pushes, replaces or stays still accordingly. */
export type ChangeSource = 'control' | 'drag' | 'history';

export interface ChangeOptions {
  /** `event.timeStamp` of the input that caused the change; the sweep measure starts there. */
  inputTime?: number;
  /** 'drag' for slider movement (one history entry per gesture), 'history' for URL-driven changes. */
  source?: ChangeSource;
}

export interface SettingsSlice {
  settings: LabSettings;
  lastChangeSource: ChangeSource;
  /** Settings from a link that were invalid and replaced by defaults; shown until dismissed. */
  linkProblems: string[];
  setLinkProblems: (problems: string[]) => void;
  /** Applies a partial change; starts a sweep if the change affects one. */
  change: (patch: Partial<LabSettings>, options?: ChangeOptions) => void;
  /** Replaces every setting (a link opened, Back/Forward). */
  replaceSettings: (settings: LabSettings, options?: ChangeOptions) => void;
  /** Includes or excludes one feature; the last included one cannot go. */
  toggleFeature: (code: string, included: boolean, options?: ChangeOptions) => void;
}

function withValidK(s: LabSettings, catalogue: DatasetCatalogue): LabSettings {
  if (s.kMax !== null && s.kMax > kLimit(s, catalogue)) s = { ...s, kMax: kLimit(s, catalogue) };
  if (s.k === null) return s;
  const kMax = sweptKMax(s, catalogue);
  return s.k > kMax ? { ...s, k: kMax } : s;
}

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  settings: defaultSettings(),
  lastChangeSource: 'history',
  linkProblems: [],
  setLinkProblems: (linkProblems) => set({ linkProblems }),

  change: (patch, options = {}) => {
    const current = get().settings;
    // Another dataset has other columns: its own features, default k range and best k, unless the patch says.
    const moved = patch.dataset === undefined ? current : settingsForDataset(current, patch.dataset, get().datasets.catalogue);
    get().replaceSettings({ ...moved, ...patch }, options);
  },

  replaceSettings: (next, { inputTime, source = 'control' } = {}) => {
    const before = get().settings;
    const settings = withValidK(next, get().datasets.catalogue);
    set({ settings, lastChangeSource: source });
    // The table's sweep column decides: k, the metric shown and the axis only change the view.
    if (!sameSweep(sweepRequestOf(before), sweepRequestOf(settings)) || !get().sweep.result) get().runSweep(inputTime);
    else get().noteViewChange(inputTime);
  },

  toggleFeature: (code, included, options) => {
    const current = new Set(get().settings.features);
    if (included) current.add(code);
    else if (current.size > 1) current.delete(code);
    get().change({ features: datasetFeatureCodes(get().settings, get().datasets.catalogue).filter((c) => current.has(c)) }, options);
  },
});
