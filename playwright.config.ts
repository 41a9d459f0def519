import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: '**/*.bench.spec.ts',
  fullyParallel: true,
  // CI machines have two shared cores: one browser at a time keeps timing-sensitive specs (worker crash,
  // slider gestures) from starving each other.
  workers: process.env.CI ? 1 : undefined,
  expect: { timeout: process.env.CI ? 10_000 : 5_000 },
  // One retry on CI only: the runners are shared, and a few specs follow timing a person would produce (slider gestures).
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  // The test build (`npm run build:e2e`, in dist-e2e/): the shipped bundle plus the hooks the specs set in the URL.
  webServer: {
    command: `npx vite preview --mode e2e --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
