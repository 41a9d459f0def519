// What the stability view says about a finished run, as plain functions of its result: the bars, the sentences and
// where one seed falls. Numbers are formatted for people; the data stays in the result.
import { BUILT_IN_CATALOGUE, datasetInfo, type DatasetCatalogue } from '../../ml/dataset-meta';
import { splitCounts } from '../../ml/settings-schema';
import type { SeedStabilityRequest, SeedStabilityResult } from '../../store/services';

/** One bar of the best-k histogram: how many seeds had this best k (or one in k..kTo), and which (ascending). */
export interface BestKBar {
  k: number;
  /** The bar's last k when it gathers a long tail of rare large k's into one; absent for a single k. */
  kTo?: number;
  count: number;
  /** count / seeds run. */
  share: number;
  seeds: number[];
}

/** Where one seed of the range falls: its best k and how its best MSE ranks among all the seeds run. */
export interface SeedPlace {
  seed: number;
  bestK: number;
  mse: number;
  /** Shares of the seeds run whose best MSE is strictly lower, and strictly higher (the rest are equal). */
  lowerShare: number;
  higherShare: number;
}

/** Cross-validation's pick, when the lab has one to compare with (the reading then ends with it). */
export interface CvPick {
  folds: number;
  bestK: number;
}

const whole = (n: number) => n.toLocaleString('en-GB');
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export function seedCount(result: Pick<SeedStabilityResult, 'seeds'>): number {
  return result.seeds.to - result.seeds.from + 1;
}

/** The best k's that occurred, ascending, each with its seeds. O(seeds). */
export function bestKBars(result: SeedStabilityResult): BestKBar[] {
  const byK = new Map<number, number[]>();
  result.bestK.forEach((k, i) => {
    const seeds = byK.get(k);
    if (seeds) seeds.push(result.seeds.from + i);
    else byK.set(k, [result.seeds.from + i]);
  });
  const total = result.bestK.length;
  return [...byK].sort(([a], [b]) => a - b).map(([k, seeds]) => ({ k, count: seeds.length, share: seeds.length / total, seeds }));
}

/** True when a seed with this best k is counted in the bar. */
export const barHolds = (bar: BestKBar, k: number) => k >= bar.k && k <= (bar.kTo ?? bar.k);

/**
 * The bars to draw on at most `maxSlots` columns: one per k while the k's fit, else one per k up to the 95th
 * percentile (at least 30 columns of k's) and one last bar for every larger k, so a few seeds with a best k in the
 * hundreds do not squeeze the rest into slivers. O(bars + seeds).
 */
export function barsToDraw(bars: BestKBar[], maxSlots = 60): BestKBar[] {
  const kLo = bars[0].k;
  const kHi = bars[bars.length - 1].k;
  if (kHi - kLo + 1 <= maxSlots) return bars;
  const total = bars.reduce((n, b) => n + b.count, 0);
  let seen = 0;
  const p95 = bars.find((b) => (seen += b.count) >= 0.95 * total)!.k;
  const cut = Math.min(kLo + maxSlots - 3, Math.max(kLo + 29, Math.ceil(p95 / 5) * 5));
  const tail = bars.filter((b) => b.k > cut);
  const seeds = tail.flatMap((b) => b.seeds).sort((a, b) => a - b);
  return [...bars.filter((b) => b.k <= cut), { k: tail[0].k, kTo: kHi, count: seeds.length, share: seeds.length / total, seeds }];
}

/** Where `seed` falls in the run, or null when the run did not include it. O(seeds). */
export function seedPlace(result: SeedStabilityResult, seed: number): SeedPlace | null {
  const { from, to } = result.seeds;
  if (!(seed >= from && seed <= to)) return null;
  const i = seed - from;
  const mse = result.mse[i];
  let lower = 0;
  let higher = 0;
  for (const other of result.mse) {
    if (other < mse) lower++;
    else if (other > mse) higher++;
  }
  const n = result.mse.length;
  return { seed, bestK: result.bestK[i], mse, lowerShare: lower / n, higherShare: higher / n };
}

/**
 * The run in one or two sentences: "Over 1,000 seeds the best k ranged from 1 to 32; it was 3 most often." With a
 * cross-validation pick, "10-fold CV picks 7." is added.
 */
export function stabilityReading(result: SeedStabilityResult, cv?: CvPick): string {
  const n = seedCount(result);
  const { min, max } = result.summary.bestK;
  let text: string;
  if (n === 1) text = `For seed ${whole(result.seeds.from)} alone the best k is ${min}.`;
  else if (min === max) text = `Over ${whole(n)} seeds the best k was ${min} every time.`;
  else {
    const bars = bestKBars(result);
    const most = Math.max(...bars.map((b) => b.count));
    const modes = bars.filter((b) => b.count === most).map((b) => String(b.k));
    const modeText = modes.length === 1 ? modes[0] : `${modes.slice(0, -1).join(', ')} and ${modes.at(-1)}`;
    const each = modes.length === 1 ? `${whole(most)} seeds, ${pct(most / n)}` : `${whole(most)} seeds each`;
    text = `Over ${whole(n)} seeds the best k ranged from ${min} to ${max}; it was ${modeText} most often (${each}).`;
  }
  return cv ? `${text} ${cv.folds}-fold CV picks ${cv.bestK}.` : text;
}

/** Where the lab's seed falls, in words; says so when the run did not include it. */
export function placeReading(result: SeedStabilityResult, seed: number): string {
  const place = seedPlace(result, seed);
  const { from, to } = result.seeds;
  if (!place) return `The lab’s seed, ${whole(seed)}, is outside the seeds run (${whole(from)}–${whole(to)}), so it is not marked. Run a range that includes it to see where it falls.`;
  const mse = place.mse.toFixed(2);
  return `The lab’s seed, ${whole(seed)}, has best k ${place.bestK} (its bar is marked) and a best test MSE of ${mse}: ${pct(place.lowerShare)} of the seeds scored lower and ${pct(place.higherShare)} higher.`;
}

const WEIGHT_WORDS = { uniform: 'uniform weights', distance: 'distance weights' } as const;
const SCALE_WORDS = { none: 'no scaling', standard: 'standard scaling' } as const;
const METRIC_WORDS = { euclidean: 'Euclidean distance', manhattan: 'Manhattan distance' } as const;

type RunSettings = Omit<SeedStabilityRequest, 'seeds'>;

/** Each setting a run uses, in words, in the lab's order. */
function settingParts(request: RunSettings, catalogue: DatasetCatalogue): string[] {
  const { nTest } = splitCounts(request.dataset, request.testFraction, catalogue);
  const info = datasetInfo(catalogue, request.dataset);
  const all = info.features.length;
  const features = request.features.length === all ? `all ${all} features` : `features ${request.features.join(', ')}`;
  const name = request.dataset === 'boston' ? 'Boston' : request.dataset === 'boston-corrected' ? 'Boston corrected' : `“${info.title}”`;
  return [
    name,
    `test size ${request.testFraction} (${nTest} test rows)`,
    WEIGHT_WORDS[request.weights],
    SCALE_WORDS[request.scale],
    METRIC_WORDS[request.metric],
    features,
    request.kMax === null ? 'the default k range' : `k up to ${request.kMax}`,
  ];
}

/** The settings a run used, in words: "Boston, test size 0.1 (51 test rows), distance weights, …". */
export function settingsWords(request: RunSettings, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): string {
  return settingParts(request, catalogue).join(', ');
}

/** How a run's settings differ from the lab's now: "distance weights (now uniform weights)", joined. */
export function settingsChange(run: RunSettings, now: RunSettings, catalogue: DatasetCatalogue = BUILT_IN_CATALOGUE): string {
  const before = settingParts(run, catalogue);
  const after = settingParts(now, catalogue);
  return before.flatMap((part, i) => (part === after[i] ? [] : [`${part} (now ${after[i]})`])).join('; ');
}
