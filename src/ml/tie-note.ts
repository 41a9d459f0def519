/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * The sentence that warns about ties at one k, or null when no test row is affected there. The same words
 * appear in the lab and in `learn`'s summary.
 */
export function tieNote(k: number, tiedRows: number, nTest: number): string | null {
  if (!(tiedRows > 0)) return null;
  const rows = tiedRows === 1 ? `1 of ${nTest} test rows has` : `${tiedRows} of ${nTest} test rows have`;
  return `At k = ${k}, ${rows} neighbours tied at the ${ordinal(k)} distance; scikit-learn may keep a different one of them.`;
}

/**
 * The sentence that warns about scikit-learn's brute-force arithmetic at one k (see SweepResult.bruteRows), or
 * null when it moves no price there.
 */
export function bruteForceNote(k: number, bruteRows: number, nTest: number, nTrain: number): string | null {
  if (!(bruteRows > 0)) return null;
  const rows = bruteRows === 1 ? `1 of ${nTest} test rows has` : `${bruteRows} of ${nTest} test rows have`;
  return (
    `At k = ${k}, ${rows} an identical training row. From k = ${Math.floor(nTrain / 2)} scikit-learn searches by brute force and ` +
    'measures that distance as slightly above 0, so with distance weights its prices for those rows differ from these in a late digit.'
  );
}

/** How many k of a curve scikit-learn may score differently: some row tie-affected or brute-force-affected. O(kMax). */
export function flaggedKs(result: { tiedRows: ArrayLike<number>; bruteRows: ArrayLike<number> }): number {
  let n = 0;
  for (let i = 0; i < result.tiedRows.length; i++) if (result.tiedRows[i] > 0 || result.bruteRows[i] > 0) n++;
  return n;
}
