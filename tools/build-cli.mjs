// Builds the `learn` CLI into one ESM file for Node 20, dist-cli/learn.mjs, so that it starts without compiling
// TypeScript. Packages are bundled in too: resolving and loading them from node_modules at each start measured
// slower (`npm run bench`, "process start"). `node tools/build-cli.mjs` builds; tools/learn.mjs builds only when
// isCurrent() says the bundle is missing or stale.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(ROOT, 'dist-cli', 'learn.mjs');
// Every file of ours the bundle was built from, each with the mtime and size it had: the bundle is current while they
// all still have them. Names come from the bundler's own module graph, so a new import is covered as soon as it is
// made.
const INPUTS = join(ROOT, 'dist-cli', 'learn.inputs.json');
// Files that shape the bundle without being in its module graph. package-lock.json stands for the packages bundled
// from node_modules (npm writes their files with a fixed old mtime, and they would triple the stats to make).
const ALSO_DEPENDS_ON = ['package-lock.json', 'tsconfig.json', 'tools/build-cli.mjs'];
// A file changed this close to the start of a build (or during it) may have been read before the change: its entry
// is written so that it never matches, and the next run builds again. The margin covers coarse file-system clocks.
const SETTLE_MS = 1000;

/** [mtime ms, size] of a file under ROOT, or null when there is none. */
function stamp(path) {
  try {
    const { mtimeMs, size } = statSync(join(ROOT, path));
    return [mtimeMs, size];
  } catch {
    return null;
  }
}

/** True when the bundle exists and no file it was built from has changed since: a stat per file (about 50). */
export function isCurrent() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(INPUTS, 'utf8'));
    statSync(BUNDLE);
  } catch {
    return false;
  }
  return Object.entries(recorded).every(([path, was]) => {
    const now = stamp(path);
    return now === null ? was === null : was !== null && now[0] === was[0] && now[1] === was[1];
  });
}

/** Builds dist-cli/learn.mjs and its list of inputs. Each file is written whole and renamed into place, so a run
 * that starts meanwhile, or a second build at the same time, never reads half a file. Throws when the build fails. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/learn.ts'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // papaparse requires 'stream' in Node; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const inputs = {};
  const ours = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
  for (const path of [...ours, ...ALSO_DEPENDS_ON]) {
    const now = stamp(path);
    inputs[path] = now !== null && now[0] >= startedAt - SETTLE_MS ? [-1, -1] : now;
  }
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const replace = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  replace(BUNDLE, result.outputFiles[0].contents);
  replace(INPUTS, `${JSON.stringify(inputs, null, 1)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
