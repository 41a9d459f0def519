import { expect, test } from '@playwright/test';

test('the Data view describes each feature with units and min/median/max, the first rows and both notes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data' }).click();
  const features = page.getByRole('region', { name: 'Features' }).getByRole('table');
  const rm = features.getByRole('row', { name: /^rm / });
  await expect(rm).toContainText('average rooms per dwelling');
  await expect(rm).toContainText('rooms');
  await expect(rm.getByRole('cell')).toHaveText(['average rooms per dwelling', 'rooms', '3.561', '6.2085', '8.78']);
  await expect(page.getByRole('heading', { name: 'First 5 rows' })).toBeVisible();
  await expect(page.getByText(/censored at 50.0/)).toBeVisible();
  await expect(page.getByText(/Why b is controversial/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Data' })).toHaveAttribute('aria-current', 'page');
});

test('the Data view follows the dataset chosen in the lab', async ({ page }) => {
  await page.goto('/?dataset=boston-corrected#data');
  await expect(page.getByRole('heading', { name: /corrected/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'cmedv' })).toBeVisible();
});

test('the browser computes the same dataset fingerprint as Node', async ({ page }) => {
  const { loadDataset } = await import('../src/ml/datasets');
  for (const name of ['boston', 'boston-corrected'] as const) {
    await page.goto(`/?dataset=${name}#data`);
    await expect(page.getByLabel('Dataset fingerprint')).toHaveText(loadDataset(name).sha256);
  }
});
