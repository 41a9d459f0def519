// `learn --predict` as a user runs it: whole processes from spawn to exit, one house and a 10,000-row CSV, against
// `--help` (start-up alone) and the same commands through tsx (TypeScript compiled at every start, as before the
// bundle). npm run bench prints the lines benchPredict returns.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { predictCsv } from '../src/ml/batch-predict';
import { BOSTON_FEATURES, FEATURE_CODES } from '../src/ml/dataset-meta';
import { loadDataset } from '../src/ml/datasets';
import { parseModelFile } from '../src/ml/model-file';
import { median } from '../src/ml/stats';
import { timeProcesses, type TimedCommand } from './process-timing';

const CSV_ROWS = 10_000;
const TARGET_ONE_MS = 300;
const TARGET_CSV_MS = 1000;

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(3)} ms` : `${ms.toFixed(1)} ms`);
const line = (label: string, value: string, note = '') => `${label.padEnd(60)} ${value.padStart(12)}  ${note}`.trimEnd();

/**
 * Boston's rows over and over, each with an address that needs quoting and rm nudged by up to 0.09 so that few
 * rows are exact matches: a file like one a person would price. O(rows · 13).
 */
export function bostonHousesCsv(rows: number): string {
  const boston = loadDataset('boston');
  const lines = [['address', ...FEATURE_CODES].join(',')];
  const rm = FEATURE_CODES.indexOf('rm');
  for (let i = 0; i < rows; i++) {
    const r = i % boston.nRows;
    const values = Array.from(boston.x.subarray(r * 13, (r + 1) * 13), (v, c) => (c === rm ? Number((v + (i % 10) / 100).toFixed(3)) : v));
    lines.push([`"${i + 1} Elm St, Apt ""${(i % 9) + 1}"""`, ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Medians of `runs` whole-process runs (taking turns, after a warm-up round) of `learn --predict` on one house and
 * on a 10,000-row Boston CSV, with the baselines; returns the lines to print. Builds dist-cli/learn.mjs first when
 * it is stale, and fits the model with `learn --out` (one training run).
 */
export async function benchPredict(runs = 5): Promise<string[]> {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'bench-predict-'));
  const lines = [`learn --predict as whole processes (spawnSync), medians of ${runs} runs taking turns, after one warm-up round`, ''];
  try {
    const trained = spawnSync(process.execPath, ['tools/learn.mjs', '--seed', '42', '--scale', 'standard', '--out', dir], { cwd, encoding: 'utf8' });
    if (trained.status !== 0) return [...lines, line('learn --predict', 'skipped', `(learn --out failed: ${trained.stderr.trim().split('\n').pop()})`)];
    const model = join(dir, 'model.json');
    const houses = join(dir, 'houses.csv');
    const text = bostonHousesCsv(CSV_ROWS);
    writeFileSync(houses, text);
    const boston = loadDataset('boston');
    const house = JSON.stringify(Object.fromEntries(FEATURE_CODES.map((code, c) => [code, boston.x[c]])));
    const one = ['--predict', model, '--input', house];
    const csv = ['--predict', model, '--input-csv', houses, '--output', join(dir, 'priced.csv')];

    const node = (...args: string[]): TimedCommand => ({ command: process.execPath, args, cwd });
    const tsx = (...args: string[]): TimedCommand => ({ command: 'npx', args: ['tsx', 'cli/learn.ts', ...args], cwd });
    const commands: [string, TimedCommand, number | null][] = [
      ['node -e 0 (Node alone, the floor)', node('-e', '0'), null],
      ['node dist-cli/learn.mjs --help (start-up alone)', node('dist-cli/learn.mjs', '--help'), null],
      ['node dist-cli/learn.mjs --predict M --input JSON', node('dist-cli/learn.mjs', ...one), TARGET_ONE_MS],
      [`node dist-cli/learn.mjs --predict M --input-csv (${CSV_ROWS.toLocaleString('en-GB')} rows)`, node('dist-cli/learn.mjs', ...csv), TARGET_CSV_MS],
      // As the README shows it: npm adds its own start (~0.17 s here) that no build of ours can remove.
      ['npm run --silent learn -- --predict M --input JSON', { command: 'npm', args: ['run', '--silent', 'learn', '--', ...one], cwd }, null],
      ['npx tsx cli/learn.ts --predict M --input JSON (before: tsx)', tsx(...one), null],
      [`npx tsx cli/learn.ts --predict M --input-csv (before: tsx)`, tsx(...csv), null],
    ];
    const timings = timeProcesses(commands.map(([, command]) => command), runs);
    const ms = timings.map((t) => t.medianMs);
    const [, help, oneMs, csvMs, oneNpm, oneTsx, csvTsx] = ms;
    commands.forEach(([label, , target], i) => {
      const notes: string[] = [];
      if (target !== null) notes.push(`target ≤ ${fmt(target)}: ${ms[i] <= target ? 'met' : 'MISSED'}`, `${fmt(ms[i] - help)} over --help`);
      if (i === 2) notes.push(`${(oneTsx / oneMs).toFixed(1)}× faster than tsx`);
      if (i === 3) notes.push(`${(csvTsx / csvMs).toFixed(1)}× faster than tsx`);
      if (i === 4) notes.push(`${fmt(oneNpm - oneMs)} for npm itself; ${oneNpm <= TARGET_ONE_MS ? 'within' : 'over'} ${fmt(TARGET_ONE_MS)} with it`);
      lines.push(line(label, fmt(ms[i]), notes.length ? `(${notes.join('; ')})` : ''));
    });

    // The work alone, in this process: what the CSV run spends beyond start-up, reading and writing.
    const parsed = parseModelFile(readFileSync(model, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const inProcess: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const outcome = predictCsv(parsed.file.model, parsed.file.intervals, 0.9, text, { features: BOSTON_FEATURES });
      if (i > 0) inProcess.push(performance.now() - t0);
      if (!outcome.ok || outcome.predicted !== CSV_ROWS) throw new Error(outcome.ok ? `${outcome.refused.length} rows refused` : outcome.error);
    }
    const work = median(inProcess);
    lines.push(line(`predictCsv in process (${CSV_ROWS.toLocaleString('en-GB')} rows × 13 features)`, fmt(work), `(${((work / CSV_ROWS) * 1000).toFixed(1)} µs a row)`));
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log((await benchPredict()).join('\n'));
