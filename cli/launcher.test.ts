// `npm run learn` runs tools/learn.mjs, which rebuilds dist-cli/learn.mjs only when a file it was built from has
// changed. A launcher that missed a change would run stale code without a word, so each kind of change is made here,
// in a copy of the tree (this checkout's sources are never edited), and the bundle is watched being rebuilt or not.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

describe('the learn launcher (tools/learn.mjs)', () => {
  let dir = '';
  const bundle = () => join(dir, 'dist-cli', 'learn.mjs');
  /** Identifies one build: each build renames a new file into place. */
  const buildId = () => {
    const { ino, mtimeMs } = statSync(bundle());
    return `${ino}:${mtimeMs}`;
  };
  const learn = (...args: string[]) => spawnSync(process.execPath, ['tools/learn.mjs', ...args], { encoding: 'utf8', cwd: dir });
  /**
   * Rewrites a file of the copy and dates it a minute back: a file changed within a second of a build is rebuilt
   * again on the next run (it may have been read mid-change), and this keeps that rule out of what is tested.
   */
  const edit = (path: string, change: (text: string) => string) => {
    const full = join(dir, path);
    writeFileSync(full, change(readFileSync(full, 'utf8')));
    const past = new Date(Date.now() - 60_000);
    utimesSync(full, past, past);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'learn-launcher-'));
    for (const part of ['cli', 'src', 'tools', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      cpSync(join(ROOT, part), join(dir, part), { recursive: true, preserveTimestamps: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the missing bundle, then reuses it while nothing it was built from changes', () => {
    const first = learn('--help');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^usage: npm run --silent learn -- \[options\]/);
    const built = buildId();
    expect(learn('--help').status).toBe(0);
    expect(buildId()).toBe(built);
  });

  it('rebuilds when a source changes, and runs the changed code', () => {
    const before = buildId();
    edit('cli/learn-args.ts', (text) => text.replace("'usage: npm run --silent learn -- [options]'", "'usage (edited): npm run --silent learn -- [options]'"));
    const run = learn('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage \(edited\):/);
    const rebuilt = buildId();
    expect(rebuilt).not.toBe(before);
    expect(learn('--help').status).toBe(0);
    expect(buildId()).toBe(rebuilt);
  });

  it('follows a newly imported file: a later change to that file alone rebuilds too', () => {
    writeFileSync(join(dir, 'cli/usage-title.ts'), "export const TITLE = 'usage (from a new file)';\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'cli/usage-title.ts'), past, past);
    edit('cli/learn-args.ts', (text) =>
      text.replace("import { parseArgs } from 'node:util';", "import { parseArgs } from 'node:util';\nimport { TITLE } from './usage-title';").replace("'usage (edited): npm", "TITLE + ': npm"),
    );
    expect(learn('--help').stdout).toMatch(/^usage \(from a new file\):/);
    edit('cli/usage-title.ts', () => "export const TITLE = 'usage (new file, changed)';\n");
    expect(learn('--help').stdout).toMatch(/^usage \(new file, changed\):/);
  });

  it('says so and exits 1 when a source no longer builds, keeping the last bundle; a fix builds again', () => {
    const before = buildId();
    edit('cli/usage-title.ts', () => "export const TITLE = 'unclosed;\n");
    const broken = learn('--help');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('usage-title.ts');
    expect(broken.stderr).toMatch(/learn: internal error: could not build dist-cli\/learn\.mjs from cli\/learn\.ts/);
    expect(buildId()).toBe(before);
    edit('cli/usage-title.ts', () => "export const TITLE = 'usage (fixed)';\n");
    expect(learn('--help').stdout).toMatch(/^usage \(fixed\):/);
  });
});
