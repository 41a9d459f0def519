import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Strings only the hook code holds: the URL parameters, the worker's hook method and the forced errors. */
const MARKERS = ['failWorker', 'sweepOn', 'armFailure', 'Forced sweep failure', 'Forced worker crash', 'Stuck on purpose'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe('test hooks', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'knn-production-build-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('every marker is in the hook code, so the check below can fail', () => {
    const hookCode = ['src/worker/failure-hook.ts', 'src/worker/test-hooks.ts'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    for (const marker of MARKERS) expect(hookCode, marker).toContain(marker);
  });

  it('a production build holds none of them, in its code or its source maps', { timeout: 120_000 }, async () => {
    await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const files = filesUnder(outDir);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    const found = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return MARKERS.filter((m) => text.includes(m)).map((m) => `${f.slice(outDir.length + 1)}: ${m}`);
    });
    expect(found).toEqual([]);
  });
});
