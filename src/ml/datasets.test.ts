import { describe, expect, it } from 'vitest';
import { datasetFingerprint, loadDataset } from './datasets';
import { sha256Text } from './sha256';

describe('built-in datasets', () => {
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
