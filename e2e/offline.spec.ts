import { expect, test } from '@playwright/test';

test('after one online visit the app loads, lists models and predicts with the network off', async ({ page, context }) => {
  await page.goto('/#models');
  await expect(page.getByRole('table', { name: 'Saved model versions' })).toContainText('Active');
  // Wait until the service worker has precached everything and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Saved model versions' })).toContainText('Active');
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d/);
  await context.setOffline(false);
});
