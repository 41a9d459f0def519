import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { sha256Text } from './sha256';

// The hand-written canonicalJson this module replaced, verbatim apart from its name. Every stored model record,
// model file and dataset fingerprint was hashed with it, so the new one must write the same text for the values
// those hold; the property below shows it does, which is why no data migration is needed.
function handWrittenCanonicalJson(value: unknown): string {
  return JSON.stringify(handWrittenNormalise(value));
}
function handWrittenNormalise(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return value.map(handWrittenNormalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = handWrittenNormalise(item);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { nonFinite: String(value) };
  }
  return value;
}

const fixtureUrl = (name: string) => new URL(`../../tools/jcs/${name}`, import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(fixtureUrl(name), 'utf8'));

/** The double with these IEEE 754 bits (16 hex digits, big-endian), as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson is RFC 8785 (JCS)', () => {
  it('hashes tools/jcs/fixture.json to the SHA-256 the independent Python implementation computed', () => {
    const fixture = readJson('fixture.json') as Record<string, unknown>;
    const golden = readJson('fixture.sha256.json') as { sha256: string; sha256WithoutKeySha256: string };
    const { sha256: _ownHash, ...withoutSha256 } = fixture;

    expect(sha256Text(canonicalJson(fixture))).toBe(golden.sha256);
    expect(sha256Text(canonicalJson(withoutSha256))).toBe(golden.sha256WithoutKeySha256);
  });

  it('writes the numbers of RFC 8785 section 3.2.2.3 as the RFC does', () => {
    const parsed: unknown = JSON.parse('[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]');
    expect(canonicalJson(parsed)).toBe('[333333333.3333333,1e+30,4.5,0.002,1e-27]');
  });

  it('writes every finite number of RFC 8785 Appendix B as the RFC does', () => {
    const appendixB: [bits: string, text: string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    expect(appendixB.map(([bits]) => canonicalJson(fromBits(bits)))).toEqual(appendixB.map(([, text]) => text));
  });

  it('writes the string and literals of RFC 8785 section 3.2.3 as the RFC does', () => {
    const parsed: unknown = JSON.parse(String.raw`{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`);
    expect(canonicalJson(parsed)).toBe(String.raw`{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it('sorts keys by UTF-16 code units, as in RFC 8785 section 3.2.3', () => {
    const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    // The RFC's order: carriage return, "1", U+0080, ö, €, 😀 (U+D83D U+DE00), U+FB33.
    expect(canonicalJson(Object.fromEntries(keys.map((key) => [key, 0])))).toBe('{"\\r":0,"1":0,"\u0080":0,"ö":0,"€":0,"😀":0,"\ufb33":0}');
  });
});

// Keys that are canonical array indices ("0", "10") are listed first, in numeric order, by every JavaScript object,
// so JSON.stringify wrote them that way; JCS sorts them as strings. Record keys are never like that (see below).
const ARRAY_INDEX_LIKE = /^(0|[1-9][0-9]*)$/;
const WELL_FORMED = (s: string) => !/\p{Cs}/u.test(s);

const key = fc
  .oneof(fc.constantFrom('é', '\u20ac', '😀', 'A', 'a', '_', '', ' ', 'aa', 'a\u0000', '\uffff', '\ud800\udc00', 'nonFinite', '-1', '01', '1.5'), fc.string({ unit: 'binary', maxLength: 6 }))
  .filter((k) => !ARRAY_INDEX_LIKE.test(k) && k !== '__proto__' && WELL_FORMED(k));
const text = fc
  .oneof(fc.constantFrom('', '"\\/\b\f\n\r\t\u0000\u001f\u007f', '\u2028\u2029', 'café €5 😀 中文'), fc.string({ unit: 'binary', maxLength: 12 }))
  .filter(WELL_FORMED);
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity));
const typedArray = fc.oneof(
  fc.array(number, { maxLength: 8 }).map((xs) => Float64Array.from(xs)),
  fc.float64Array({ maxLength: 8 }),
  fc.float32Array({ maxLength: 8 }),
  fc.uint32Array({ maxLength: 8 }),
  fc.int32Array({ maxLength: 8 }),
  fc.uint8Array({ maxLength: 8 }),
  fc.int8Array({ maxLength: 8 }),
);
const { value: recordLike } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    text,
    fc.constantFrom(null, true, false, undefined),
    typedArray,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson writes what the hand-written version wrote, so stored hashes still verify', () => {
  it('gives the same text for generated record-like values: unicode keys and strings, every double (NaN and ±Infinity too), typed arrays, nesting, undefined', () => {
    fc.assert(
      fc.property(recordLike, (value) => {
        expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps writing non-finite numbers as {nonFinite}, and inside typed arrays as null, as before', () => {
    const value = { a: NaN, b: [Infinity, -Infinity], c: Float64Array.of(1, NaN, -Infinity) };
    expect(canonicalJson(value)).toBe('{"a":{"nonFinite":"NaN"},"b":[{"nonFinite":"Infinity"},{"nonFinite":"-Infinity"}],"c":[1,null,null]}');
    expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
  });

  it('drops properties whose value is undefined and writes undefined array items as null, as before', () => {
    const value = { kept: 1, dropped: undefined, list: [undefined, 2] };
    expect(canonicalJson(value)).toBe('{"kept":1,"list":[null,2]}');
    expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
  });

  it('still hashes a name or note holding a lone surrogate (which JCS rejects) exactly as before', () => {
    const values = [{ name: 'cut emoji \ud83d', note: '\ude00' }, { ['\udc00key']: 1, list: ['a\ud800b'] }];
    for (const value of values) expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
    expect(canonicalJson({ name: 'x\ud83d' })).toBe('{"name":"x\\ud83d"}');
  });
});

// The only differences from the hand-written version. Neither reaches a stored hash: every object hashed for a model
// record (ModelRecord, FittedModel, ChosenBy, SeedStanding, Scores), a model file or a dataset fingerprint has fixed
// identifier keys ("trainX", "mse", …), never numeric ones or "__proto__".
describe('where canonicalJson now follows RFC 8785 instead of the hand-written version', () => {
  it('sorts array-index-like keys as strings ("10" before "2"), where the old text listed them first in numeric order', () => {
    const value = { b: 0, 2: 'two', 10: 'ten', $: 'dollar' };
    expect(canonicalJson(value)).toBe('{"$":"dollar","10":"ten","2":"two","b":0}');
    expect(handWrittenCanonicalJson(value)).toBe('{"2":"two","10":"ten","$":"dollar","b":0}');
  });

  it('hashes a "__proto__" key read from JSON, which the old version silently left out', () => {
    const value: unknown = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
    expect(handWrittenCanonicalJson(value)).toBe('{"a":2}');
  });
});
