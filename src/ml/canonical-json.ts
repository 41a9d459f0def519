// Hashes must not depend on property order, engine or language, so values are written in the JSON Canonicalization
// Scheme (JCS, RFC 8785): keys sorted by UTF-16 code units, numbers in ECMAScript's shortest round-trip form. Any
// language's JCS library can recompute a hash (tools/jcs/jcs_sha256.py does, in Python). Our own rules come first,
// kept from the hand-written version so stored hashes still verify: typed arrays become plain number arrays (a
// record hashes the same after a JSON round trip, which also turns their non-finite elements into null), and other
// non-finite numbers, which JSON lacks, become { nonFinite: "NaN" | "Infinity" | "-Infinity" } rather than null.
import canonicalize from 'canonicalize';

// With the u flag, a surrogate pair reads as one astral code point, so only lone surrogates are category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** RFC 8785 canonical JSON of a value, after the rules above. O(size of value). */
export function canonicalJson(value: unknown): string {
  const found = { loneSurrogate: false };
  const tree = normalise(value, found);
  // JCS rejects lone surrogates (they are not I-JSON), yet a stored name or note may hold one. For such values only,
  // write what the hand-written version wrote (JSON.stringify, keys inserted sorted, "\ud800" escapes), so those
  // records keep verifying and can still be saved.
  return (found.loneSurrogate ? JSON.stringify(tree) : canonicalize(tree)) as string;
}

function normalise(value: unknown, found: { loneSurrogate: boolean }): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));
  }
  if (Array.isArray(value)) return value.map((item) => normalise(item, found));
  if (value !== null && typeof value === 'object') {
    // Own enumerable properties only, as plain data (a Date becomes {}, as before); undefined values are dropped by
    // both writers. fromEntries keeps a "__proto__" key as data. Sorted for the JSON.stringify path above.
    return Object.fromEntries(
      Object.keys(value).sort().map((key) => {
        if (LONE_SURROGATE.test(key)) found.loneSurrogate = true;
        return [key, normalise((value as Record<string, unknown>)[key], found)];
      }),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { nonFinite: String(value) };
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) found.loneSurrogate = true;
  return value;
}
