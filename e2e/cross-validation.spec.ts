import { expect, test } from '@playwright/test';
import { goldenCvCases } from '../src/test-support/sklearn-golden';
import { openLab, out, param } from './lab-page';

const golden = goldenCvCases().find((c) => c.name === 'cv10-seed42-distance-none')!;

test('switching to 10-fold CV shows the mean curve with its band, the four CV readouts and cv=10 in the link', async ({ page }) => {
  await openLab(page);
  await page.getByRole('group', { name: 'Validation' }).getByRole('radio', { name: 'K-fold CV' }).check();
  await expect(out(page, 'One-SE k')).toHaveText(String(golden.oneSe.k));
  await expect(out(page, 'Best k')).toHaveText(String(golden.best.k));
  await expect(out(page, 'CV MSE')).toHaveText(golden.best.mse.toFixed(2));
  await expect(out(page, 'CV MSE std')).toHaveText(golden.best.mseStd.toFixed(2));
  expect(param(page, 'cv')).toBe('10');
  const figure = page.getByRole('figure', { name: /Test error for every k/ });
  await expect(figure.locator('.chart-band path')).toHaveAttribute('d', /^M.+Z$/);
  await expect(figure).toContainText(`one-SE k ${golden.oneSe.k}`);
  await expect(figure).toContainText('each point is the mean over 10 folds');
  await expect(page.getByText('Test size: not used while K-fold cross-validation')).toBeVisible();
  await page.getByRole('slider', { name: 'Folds' }).press('ArrowLeft');
  await expect.poll(() => param(page, 'cv')).toBe('9');
  await page.getByRole('radio', { name: 'Single split' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
  expect(param(page, 'cv')).toBe('0');
});

test('a bad cv value in a link is corrected to a single split with the usual notice', async ({ page }) => {
  await openLab(page, '?cv=1');
  await expect(page.getByRole('alert').filter({ hasText: 'not valid' })).toContainText('cv “1” is not 0 or a whole number from 2 to 20; using a single split.');
  await expect(out(page, 'Test MSE')).toBeVisible();
  await expect(page).toHaveURL(/cv=0/);
});

test('a model saved in K-fold mode is fitted on every row and says it was chosen by cross-validation', async ({ page }) => {
  await openLab(page, '?cv=10');
  await expect(out(page, 'One-SE k')).toHaveText(String(golden.oneSe.k));
  await page.getByLabel('Model name').fill('ten-fold');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved as version 2 (k = ${golden.best.k})` })).toBeVisible();
  await page.goto('/#models');
  const row = page.getByRole('row').filter({ hasText: 'ten-fold' });
  await expect(row).toContainText('k chosen by 10-fold cross-validation (seed 42), then fitted on every row');
  await expect(row).toContainText(`one-SE k ${golden.oneSe.k}`);
  await row.getByRole('button', { name: /Open version 2 in lab/ }).click();
  await expect.poll(() => param(page, 'cv')).toBe('10');
});
