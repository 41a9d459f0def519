/** Longest part of a bad value a message repeats: a pasted 100 KB value must not become 100 KB of page. */
export const QUOTE_LIMIT = 40;

/** A value in quotes for a message: at most QUOTE_LIMIT characters, with the full length when cut. O(length). */
export function quoted(value: string): string {
  const chars = [...value];
  if (chars.length <= QUOTE_LIMIT) return `“${value}”`;
  return `“${chars.slice(0, QUOTE_LIMIT).join('')}…” (${chars.length.toLocaleString('en-GB')} characters)`;
}
