import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Metric, Scale, Weights } from './params';
import {
  CLI_NAMES, DEFAULT_SETTINGS, LAB_SETTINGS, SAVED_NAMES, SETTING_NAMES, defaultSettings, readSettings, savedSettingsOf,
  settingTexts, settingsFromSaved, type KAxis, type LabSettings, type Neighbourhood, type ShownMetric,
} from './settings-schema';
import { fraction } from './setting-kinds';

describe('the settings table', () => {
  const defaultTexts = new Map(settingTexts(DEFAULT_SETTINGS));

  it.each(SETTING_NAMES)('reads the default of %s back from its own text', (name) => {
    expect(LAB_SETTINGS[name].parse(defaultTexts.get(name)!, defaultSettings())).toEqual(DEFAULT_SETTINGS[name]);
  });

  it('reads the text of every default back as the defaults, with no problems', () => {
    expect(readSettings((name) => defaultTexts.get(name) ?? null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps the URL keys in the order existing links use, and every key and CLI option once', () => {
    const keys = SETTING_NAMES.map((name) => LAB_SETTINGS[name].url);
    expect(keys).toEqual(['dataset', 'seed', 'testSize', 'cv', 'kmax', 'k', 'weights', 'scale', 'metric', 'features', 'neighbours', 'radius', 'show', 'axis']);
    const options = CLI_NAMES.map((name) => LAB_SETTINGS[name].cli);
    expect(new Set(options).size).toBe(options.length);
  });

  it('derives the same LabSettings type the lab used to write by hand', () => {
    expectTypeOf<LabSettings>().toEqualTypeOf<{
      dataset: string; seed: number; testFraction: number; cv: number | null; kMax: number | null; k: number | null; weights: Weights; scale: Scale;
      metric: Metric; features: string[]; neighbours: Neighbourhood; radius: number | null; show: ShownMetric; kAxis: KAxis;
    }>();
  });

  it('gives fresh defaults each time, so changing one copy leaves the others alone', () => {
    const a = defaultSettings();
    a.features.pop();
    expect(defaultSettings().features).toEqual(DEFAULT_SETTINGS.features);
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('lets a caller read a row with a wider rule, as the CLI does for the test size', () => {
    const wide = fraction({ ...LAB_SETTINGS.testFraction, min: 0, max: 1, open: true });
    expect(readSettings((name) => (name === 'testFraction' ? '0.9' : null)).problems).toHaveLength(1);
    expect(readSettings((name) => (name === 'testFraction' ? '0.9' : null), { testFraction: wide }).settings.testFraction).toBe(0.9);
  });
});

describe('settings saved with a model', () => {
  const lab: LabSettings = { ...defaultSettings(), dataset: 'boston-corrected', seed: 7, testFraction: 0.25, k: 12, weights: 'uniform', features: ['rm', 'lstat'], show: 'r2' };
  // What a stored record looks like: the dataset under dataset.name, the other settings under their own names.
  const recordOf = (s: LabSettings) => {
    const { dataset, ...rest } = savedSettingsOf(s);
    return { version: 3, name: 'v3', dataset: { name: dataset, sha256: 'ab' }, ...rest, metrics: {} };
  };

  it('keeps every setting but the view ones (metric shown and axis)', () => {
    expect(SAVED_NAMES).toEqual(['dataset', 'seed', 'testFraction', 'k', 'weights', 'scale', 'metric', 'features']);
    expect(savedSettingsOf(lab)).toEqual({ dataset: 'boston-corrected', seed: 7, testFraction: 0.25, k: 12, weights: 'uniform', scale: 'none', metric: 'euclidean', features: ['rm', 'lstat'] });
  });

  it('maps a stored record back to the lab settings it was saved from', () => {
    // Folds are kept apart, in the record's chosenBy (see the Models view); the view settings are not kept.
    const { show: _show, kAxis: _kAxis, cv: _cv, neighbours: _neighbours, radius: _radius, kMax: _kMax, ...saved } = lab;
    expect(settingsFromSaved(recordOf(lab))).toEqual(saved);
  });

  it('leaves out a stored value the lab does not allow, such as a CLI model’s 0.9 test size, and checks k against the record’s own split', () => {
    const restored = settingsFromSaved({ ...recordOf(lab), testFraction: 0.9, weights: 42, dataset: { name: 'iris' } });
    expect(Object.keys(restored)).toEqual(['seed', 'k', 'scale', 'metric', 'features']);
    // 378 = maxK for boston-corrected at test size 0.25, the record's own split.
    expect(settingsFromSaved({ ...recordOf(lab), k: 378 }).k).toBe(378);
    expect(settingsFromSaved({ ...recordOf(lab), k: 379 })).not.toHaveProperty('k');
  });
});
