// The rule for names a person gives to stored things (model versions, imported datasets).

/** Longest name, in UTF-16 code units (what an input's maxLength counts). */
export const MAX_NAME_LENGTH = 120;

// A letter, digit, punctuation mark or symbol: a name of spaces, zero-width or control characters alone shows as nothing.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Why `name` cannot name a `thing` ("model", "dataset"), in words a person can act on; null when it can. */
export function nameProblem(name: unknown, thing: string): string | null {
  if (typeof name !== 'string' || !VISIBLE.test(name)) return `A ${thing} name needs at least one visible character (a letter, digit, punctuation mark or symbol).`;
  if (name.length > MAX_NAME_LENGTH) return `A ${thing} name can be at most ${MAX_NAME_LENGTH} characters; this one has ${name.length.toLocaleString('en-GB')}.`;
  return null;
}
