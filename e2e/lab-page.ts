import { expect, type Page } from '@playwright/test';

/** The drawn error curve's path data: it changes whenever the chart redraws with new numbers. */
export async function curve(page: Page): Promise<string> {
  // The curve is drawn by the lab itself inside the Recharts chart (src/features/lab/chart-layers.tsx).
  const path = page.getByRole('figure', { name: /Test error for every k/ }).locator('.recharts-surface .chart-curve path').first();
  await expect(path).toBeVisible();
  return (await path.getAttribute('d')) ?? '';
}

/** Opens the lab and waits until the first sweep is on screen. */
export async function openLab(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  // Generous: on a loaded CI machine the first load parses ~0.9 MB of JavaScript before the first sweep.
  await expect(page.getByLabel('Best k', { exact: true })).not.toHaveText('–', { timeout: 20_000 });
}

export const out = (page: Page, name: string) => page.getByLabel(name, { exact: true });

export function param(page: Page, name: string): string | null {
  return new URL(page.url()).searchParams.get(name);
}

/** Waits until the service worker has precached the app and controls the page (reloading once), so it works offline. */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}
