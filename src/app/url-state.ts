import { quoted } from '../ml/quote';
import { LAB_SETTINGS, readSettings, settingTexts, type LabSettings } from '../ml/settings-schema';

/** Settings read from a query string, and what had to be replaced by a default (for the visible notice). */
export interface ParsedUrlState {
  settings: LabSettings;
  problems: string[];
}

/** Reads every setting by its URL key; a missing one takes its default, a bad one its default plus a problem. */
export function parseUrlState(search: string): ParsedUrlState {
  const q = new URLSearchParams(search);
  const { settings, problems } = readSettings((name) => q.get(LAB_SETTINGS[name].url));
  return {
    settings,
    problems: problems.map(({ name, text, allowed, fallback }) => `${LAB_SETTINGS[name].url} ${quoted(text)} is not ${allowed}; using ${fallback}.`),
  };
}

/** Writes every setting in the table's order, so equal settings give equal URLs. */
export function serialiseUrlState(s: LabSettings): string {
  const q = new URLSearchParams();
  for (const [name, text] of settingTexts(s)) q.set(LAB_SETTINGS[name].url, text);
  // Commas are legal in a query; keeping them makes the feature list readable in the address bar.
  return q.toString().replaceAll('%2C', ',');
}
