import { BUILT_IN_CATALOGUE, type DatasetCatalogue } from '../ml/dataset-meta';
import { quoted } from '../ml/quote';
import { LAB_SETTINGS, readSettings, settingTexts, type LabSettings } from '../ml/settings-schema';

/** Settings read from a query string, and what had to be replaced by a default (for the visible notice). */
export interface ParsedUrlState {
  settings: LabSettings;
  problems: string[];
}

/** Imported datasets' ids as links write them (see importedDatasetId). */
const IMPORTED_ID = /^csv-[0-9a-f]{16}$/;

/**
 * Reads every setting by its URL key, checking the dataset against `catalogue`; a missing setting takes its
 * default, a bad one its default plus a problem.
 */
export function parseUrlState(search: string, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): ParsedUrlState {
  const q = new URLSearchParams(search);
  const { settings, problems } = readSettings((name) => q.get(LAB_SETTINGS[name].url), {}, catalogue);
  return {
    settings,
    problems: problems.map(({ name, text, allowed, fallback }) =>
      name === 'dataset' && IMPORTED_ID.test(text)
        ? `This link's dataset ${quoted(text)} was imported in another browser (or deleted): imported data never leaves the browser that imported it. Showing ${fallback} instead; import the file here to use it.`
        : `${LAB_SETTINGS[name].url} ${quoted(text)} is not ${allowed}; using ${fallback}.`),
  };
}

/** True when a query string names a dataset the catalogue does not have (yet): an imported one, perhaps. */
export function namesUnknownDataset(search: string, catalogue: DatasetCatalogue): boolean {
  const dataset = new URLSearchParams(search).get(LAB_SETTINGS.dataset.url);
  return dataset !== null && !catalogue.has(dataset);
}

/** Writes every setting in the table's order, so equal settings give equal URLs. */
export function serialiseUrlState(s: LabSettings): string {
  const q = new URLSearchParams();
  for (const [name, text] of settingTexts(s)) q.set(LAB_SETTINGS[name].url, text);
  // Commas are legal in a query; keeping them makes the feature list readable in the address bar.
  return q.toString().replaceAll('%2C', ',');
}
