// `npm run learn`: runs the built CLI, dist-cli/learn.mjs, building it first when it is missing or any file it was
// built from has changed (a few ms to check, a fraction of a second to build). The bundle runs in this process, with
// this process's arguments, so its output and exit code are learn's own.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildCli, isCurrent } from './build-cli.mjs';

if (!isCurrent()) {
  try {
    await buildCli();
  } catch (error) {
    // esbuild prints a failed build's errors itself, with file and line; anything else (no esbuild?) is said here.
    const why = Array.isArray(error?.errors) ? 'see above' : error?.message;
    process.stderr.write(`learn: internal error: could not build dist-cli/learn.mjs from cli/learn.ts (${why})\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(BUNDLE).href);
