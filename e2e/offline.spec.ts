import { expect, test } from '@playwright/test';
import { controlledByServiceWorker } from './lab-page';

test('after one online visit the app loads, lists models and predicts with the network off', async ({ page, context }) => {
  await page.goto('/#models');
  await expect(page.getByRole('table', { name: 'Saved model versions' })).toContainText('Active');
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Saved model versions' })).toContainText('Active');
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d/);
  await context.setOffline(false);
});
