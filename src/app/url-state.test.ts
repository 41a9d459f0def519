import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURE_CODES, catalogueWith, type DatasetInfo } from '../ml/dataset-meta';
import { METRICS, SCALES, WEIGHTS } from '../ml/params';
import { LAB_SETTINGS, SETTING_NAMES, kLimit, sweptKMax, type SettingName } from '../ml/settings-schema';
import { DEFAULT_SETTINGS, K_AXES, SHOWN_METRICS, type LabSettings } from '../store/lab-settings';
import { parseUrlState, serialiseUrlState } from './url-state';

describe('parseUrlState', () => {
  it('gives the defaults, and no problems, for an empty query', () => {
    expect(parseUrlState('')).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('reads the example link: seed 42, uniform weights, no scaling', () => {
    const { settings, problems } = parseUrlState('?seed=42&weights=uniform&scale=none');
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, weights: 'uniform' });
  });

  it('reads every setting', () => {
    const { settings, problems } = parseUrlState(
      '?dataset=boston-corrected&seed=4294967295&testSize=0.25&k=17&weights=uniform&scale=standard&metric=manhattan&features=lstat,rm,crim&show=r2&axis=log',
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      dataset: 'boston-corrected', seed: 4294967295, testFraction: 0.25, cv: null, kMax: null, k: 17, weights: 'uniform', scale: 'standard',
      metric: 'manhattan', features: ['crim', 'rm', 'lstat'], neighbours: 'k', radius: null, show: 'r2', kAxis: 'log',
    } satisfies LabSettings);
  });

  it.each([
    ['seed=-1', 'seed'],
    ['seed=1.5', 'seed'],
    ['seed=4294967296', 'seed'],
    ['seed=abc', 'seed'],
    ['testSize=2', 'testFraction'],
    ['testSize=0.01', 'testFraction'],
    ['testSize=-0.1', 'testFraction'],
    ['weights=triangular', 'weights'],
    ['scale=minmax', 'scale'],
    ['metric=cosine', 'metric'],
    ['show=accuracy', 'show'],
    ['dataset=iris', 'dataset'],
    ['features=rm,zzz', 'features'],
    ['features=', 'features'],
    ['k=0', 'k'],
    ['k=455', 'k'],
    ['k=two', 'k'],
    ['axis=cubic', 'kAxis'],
  ] as const)('falls back to the default and reports a problem for %s', (query, key) => {
    const { settings, problems } = parseUrlState(`?${query}`);
    expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(query.split('=')[0]);
  });

  // One bad value for every setting in the table; a new setting must add one here.
  const BAD: Record<SettingName, string> = {
    dataset: 'iris', seed: '-1', testFraction: '0.9', cv: '1', kMax: '0', k: '0', weights: 'triangular', scale: 'minmax', metric: 'cosine',
    features: 'rm,rm', neighbours: 'knn', radius: '-1', show: 'accuracy', kAxis: 'cubic',
  };

  it.each(SETTING_NAMES.map((name) => [LAB_SETTINGS[name].url, BAD[name], name] as const))(
    'reports exactly one problem naming %s for the bad value %s, and uses its default',
    (key, value, name) => {
      const { settings, problems } = parseUrlState(`?${key}=${encodeURIComponent(value)}`);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${key} “`));
      expect(problems[0]).toContain(`; using ${LAB_SETTINGS[name].defaultLabel}.`);
    },
  );

  it('says what was wrong, what is allowed and what is used instead', () => {
    expect(parseUrlState('?seed=-1').problems).toEqual(['seed “-1” is not a whole number from 0 to 4294967295; using 42.']);
    expect(parseUrlState('?testSize=0.9').problems).toEqual(['testSize “0.9” is not a fraction from 0.05 to 0.5; using 0.1.']);
    expect(parseUrlState('?k=500').problems).toEqual(['k “500” is not best or a whole number from 1 to 454; using the best k.']);
    expect(parseUrlState('?features=rm,zzz').problems).toEqual([
      'features “rm,zzz” is not a comma list of distinct feature codes from crim, zn, indus, chas, nox, rm, age, dis, rad, tax, ptratio, b, lstat; using all features.',
    ]);
  });

  it('reads feature codes in any case and order, with spaces, into dataset order', () => {
    expect(parseUrlState('?features=LSTAT, rm ,crim').settings.features).toEqual(['crim', 'rm', 'lstat']);
  });

  it('keeps the good settings when some are bad', () => {
    const { settings, problems } = parseUrlState('?seed=-1&testSize=2&weights=nope&scale=standard');
    expect(problems).toHaveLength(3);
    expect(settings.scale).toBe('standard');
    expect(settings.seed).toBe(DEFAULT_SETTINGS.seed);
  });

  it('checks k against the training rows of the test size in the same link', () => {
    expect(parseUrlState('?testSize=0.5&k=252').settings.k).toBe(252);
    expect(parseUrlState('?testSize=0.5&k=253').problems).toHaveLength(1);
  });

  it('quotes at most a short prefix of a bad value, with its full length', () => {
    const [problem] = parseUrlState(`?weights=${'w'.repeat(100_000)}`).problems;
    expect(problem).toBe(`weights “${'w'.repeat(40)}…” (100,000 characters) is not uniform or distance; using distance.`);
    expect(parseUrlState('?seed=abc').problems[0]).toContain('seed “abc” is not');
  });

  it('ignores parameters that are not settings, such as the test hook', () => {
    expect(parseUrlState('?failWorker=crash&utm=x').problems).toEqual([]);
  });
});

describe('serialiseUrlState', () => {
  it('writes every setting, features as a readable comma list', () => {
    const text = serialiseUrlState(DEFAULT_SETTINGS);
    expect(text).toBe(`dataset=boston&seed=42&testSize=0.1&cv=0&kmax=auto&k=best&weights=distance&scale=none&metric=euclidean&features=${FEATURE_CODES.join(',')}&neighbours=k&radius=best&show=mse&axis=linear`);
  });

  it('round-trips any valid settings exactly', () => {
    const settings = fc
      .record({
        dataset: fc.constantFrom('boston' as const, 'boston-corrected' as const),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        testFraction: fc.integer({ min: 5, max: 50 }).map((p) => p / 100),
        weights: fc.constantFrom(...WEIGHTS),
        scale: fc.constantFrom(...SCALES),
        metric: fc.constantFrom(...METRICS),
        features: fc.subarray([...FEATURE_CODES], { minLength: 1 }),
        show: fc.constantFrom(...SHOWN_METRICS),
        kAxis: fc.constantFrom(...K_AXES),
        cv: fc.option(fc.integer({ min: 2, max: 20 }), { nil: null }),
        neighbours: fc.constantFrom('k' as const, 'radius' as const),
        radius: fc.option(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { nil: null }),
        kPick: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        kMaxPick: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      })
      .map(({ kPick, kMaxPick, ...rest }): LabSettings => {
        const s = { ...rest, kMax: kMaxPick === null ? null : 1 + Math.floor(kMaxPick * (kLimit(rest) - 1)) };
        return { ...s, k: kPick === null ? null : 1 + Math.floor(kPick * (sweptKMax(s) - 1)) };
      });
    fc.assert(
      fc.property(settings, (s) => {
        expect(parseUrlState(`?${serialiseUrlState(s)}`)).toEqual({ settings: s, problems: [] });
      }),
    );
  });
});

describe('links to imported datasets', () => {
  const big: DatasetInfo = {
    id: 'csv-00112233aabbccdd', title: 'flats', nRows: 6000, target: 'price', targetDescription: '', dollarThousands: false, builtIn: false,
    features: ['area', 'rooms', 'age'].map((code) => ({ code, description: '', unit: '' })),
  };
  const catalogue = catalogueWith([big]);

  it('says when the dataset is not in this browser, and uses Boston with its own features', () => {
    const { settings, problems } = parseUrlState(`?dataset=${big.id}&seed=9&features=area,rooms`);
    expect(settings).toMatchObject({ dataset: 'boston', seed: 9, features: [...FEATURE_CODES] });
    expect(problems[0]).toMatch(/^This link's dataset “csv-00112233aabbccdd” was imported in another browser \(or deleted\).*Showing boston instead/);
  });

  it('reads features, k-max and k against the imported dataset: every column by default, k up to 1000 above 5,000 rows', () => {
    const plain = parseUrlState(`?dataset=${big.id}`, catalogue);
    expect(plain).toEqual({ settings: { ...DEFAULT_SETTINGS, dataset: big.id, features: ['area', 'rooms', 'age'] }, problems: [] });
    expect(sweptKMax(plain.settings, catalogue)).toBe(1000);
    expect(parseUrlState(`?dataset=${big.id}&k=1001`, catalogue).problems[0]).toMatch(/^k “1001” is not best or a whole number from 1 to 1000/);
    const raised = parseUrlState(`?dataset=${big.id}&kmax=5399&k=4000&features=ROOMS`, catalogue);
    expect(raised).toMatchObject({ settings: { kMax: 5399, k: 4000, features: ['rooms'] }, problems: [] });
    expect(parseUrlState(`?dataset=${big.id}&kmax=5400`, catalogue).problems[0]).toMatch(/^kmax “5400” is not auto or a whole number from 1 to 5399/);
    expect(parseUrlState(`?dataset=${big.id}&features=crim`, catalogue).problems[0]).toMatch(/feature codes from area, rooms, age/);
  });
});
