// Hashes must not depend on property insertion order, so objects are written with sorted keys.
// Typed arrays are written as plain number arrays so a record hashes the same after a JSON round trip.

/** JSON text of a value with object keys sorted at every level. O(size of value). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = normalise(item);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON has no NaN/Infinity; keep them distinguishable rather than collapsing to null.
    return { nonFinite: String(value) };
  }
  return value;
}
