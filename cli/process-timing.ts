// Wall time of whole processes (start-up, work, exit), for the start-up figures in `npm run bench`.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { median } from '../src/ml/stats';

/** One command to time: what to run, where, and the exit status it must end with. */
export interface TimedCommand {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the process's stdin (e.g. CSV rows); none by default. */
  input?: string;
  /** The exit status every run must end with (default 0); a run that ends otherwise throws. */
  status?: number;
}

/** Median and spread of a command's wall time over its runs, in ms, and the output of its last run. */
export interface ProcessTiming {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
  last: SpawnSyncReturns<string>;
}

/**
 * Runs each command `runs` times as a whole process (spawnSync, stdout and stderr captured) and returns each one's
 * timing. The commands take turns run after run, so a busy moment on a shared machine falls on all of them alike;
 * `warmup` rounds first (default 1) fill the file cache and are not counted. Throws when a run ends with another
 * exit status than the command expects, naming the command and the last line it wrote to stderr.
 */
export function timeProcesses(commands: readonly TimedCommand[], runs: number, warmup = 1): ProcessTiming[] {
  const samples = commands.map((): number[] => []);
  const last: SpawnSyncReturns<string>[] = [];
  for (let round = 0; round < warmup + runs; round++) {
    commands.forEach((c, i) => {
      const t0 = performance.now();
      const run = spawnSync(c.command, c.args, { cwd: c.cwd, env: c.env, input: c.input, encoding: 'utf8', maxBuffer: 1 << 30 });
      const ms = performance.now() - t0;
      if (run.error || run.status !== (c.status ?? 0)) {
        const why = run.error?.message ?? run.stderr.trim().split('\n').pop() ?? '';
        throw new Error(`${[c.command, ...c.args].join(' ')}: exit ${run.status ?? run.signal}, expected ${c.status ?? 0}${why ? ` (${why})` : ''}`);
      }
      if (round >= warmup) samples[i].push(ms);
      last[i] = run;
    });
  }
  return samples.map((s, i) => ({ medianMs: median(s), minMs: Math.min(...s), maxMs: Math.max(...s), samplesMs: s, last: last[i] }));
}

/** Median wall time of one command run `runs` times as a whole process (see timeProcesses). */
export function timeProcess(command: string, args: readonly string[], runs: number, options: Omit<TimedCommand, 'command' | 'args'> & { warmup?: number } = {}): ProcessTiming {
  const { warmup, ...rest } = options;
  return timeProcesses([{ command, args, ...rest }], runs, warmup)[0];
}
