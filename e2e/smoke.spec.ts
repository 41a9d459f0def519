import { expect, test } from '@playwright/test';

test('the page loads the bundled dataset and shows the best k of the default sweep', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Dataset rows' }).or(page.getByLabel('Dataset rows'))).toHaveText('506');
  await expect(page.getByLabel('Best k')).toHaveText('6');
  await expect(page.getByLabel('Test MSE')).toHaveText('22.71');
});
