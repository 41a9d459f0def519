import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

// Same server and browser as the e2e run; only the benchmark spec, one worker so nothing competes for the CPU.
export default defineConfig({
  ...baseConfig,
  testMatch: '**/*.bench.spec.ts',
  testIgnore: [],
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
});
