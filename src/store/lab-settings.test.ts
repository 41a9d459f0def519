import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, SWEEP_NAMES, defaultSettings, type SettingName } from '../ml/settings-schema';
import { sameSweep, sweepRequestOf, type LabSettings } from './lab-settings';

// A valid value other than the default for every setting; a new setting must add one here.
const OTHER: { [K in SettingName]: LabSettings[K] } = {
  dataset: 'boston-corrected', seed: 7, testFraction: 0.25, cv: 10, kMax: 300, k: 5, weights: 'uniform', scale: 'standard', metric: 'manhattan',
  features: ['rm', 'lstat'], neighbours: 'radius', radius: 1.5, show: 'r2', kAxis: 'log',
};

const changed = (...names: SettingName[]): LabSettings => ({ ...defaultSettings(), ...Object.fromEntries(names.map((n) => [n, OTHER[n]])) });
const needsSweep = (next: LabSettings) => !sameSweep(sweepRequestOf(defaultSettings()), sweepRequestOf(next));

describe('sameSweep', () => {
  it('needs no new sweep when only k, the radius inspected, the metric shown and the axis change', () => {
    expect(needsSweep(changed('k', 'radius', 'show', 'kAxis'))).toBe(false);
  });

  it('flags every setting but k, the radius inspected, the metric shown and the axis as needing a sweep', () => {
    expect(SWEEP_NAMES).toEqual(SETTING_NAMES.filter((n) => !['k', 'radius', 'show', 'kAxis'].includes(n)));
  });

  it.each(SWEEP_NAMES)('needs a new sweep when %s changes', (name) => {
    expect(needsSweep(changed(name))).toBe(true);
  });

  it('compares feature lists by content, not by identity', () => {
    expect(needsSweep({ ...defaultSettings(), features: [...defaultSettings().features] })).toBe(false);
  });
});

describe('sweepRequestOf', () => {
  it('carries exactly the settings flagged as needing a sweep, with its own copy of the features', () => {
    const s = changed('features');
    const request = sweepRequestOf(s);
    expect(Object.keys(request)).toEqual(SWEEP_NAMES);
    expect(request.features).toEqual(s.features);
    expect(request.features).not.toBe(s.features);
  });
});
