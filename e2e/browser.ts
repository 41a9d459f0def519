import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// Playwright cannot download its own browser on machines without general internet access, so a
// system Chromium comes first; a developer with internet can still use Playwright's managed one.
export function resolveChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // No managed browser registered: fall through to the message below.
  }
  const found = candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
  if (!found) {
    console.error(
      'No Chromium found: set CHROMIUM_PATH, or install one with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`.',
    );
    process.exit(1);
  }
  return found;
}

/** Flags that keep a root-run headless Chromium from trying to reach the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
