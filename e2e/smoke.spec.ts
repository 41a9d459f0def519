import { expect, test } from '@playwright/test';
import { openLab, out } from './lab-page';

test('the default page reproduces the old script: seed 42, best k 6, test MSE 22.71', async ({ page }) => {
  await openLab(page);
  await expect(out(page, 'Best k')).toHaveText('6');
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
  await expect(out(page, 'Training rows')).toHaveText('455');
  await expect(out(page, 'Test rows')).toHaveText('51');
  await expect(page.getByText(/reproduce the old Python script/)).toBeVisible();
});

test('the example link /?seed=42&weights=uniform&scale=none shows best k 6 and test MSE 24.89', async ({ page }) => {
  await openLab(page, '?seed=42&weights=uniform&scale=none');
  await expect(out(page, 'Best k')).toHaveText('6');
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
  await expect(out(page, 'Test MAE')).toHaveText('3.78');
  await expect(out(page, 'Test R²')).toHaveText('0.60');
  await expect(page.getByRole('radio', { name: 'Uniform' })).toBeChecked();
});

test('a link restores every setting', async ({ page }) => {
  await openLab(page, '?dataset=boston-corrected&seed=7&testSize=0.2&k=12&weights=uniform&scale=standard&metric=manhattan&features=rm,lstat,ptratio&show=mae&axis=log');
  await expect(page.getByRole('radio', { name: 'Boston corrected' })).toBeChecked();
  await expect(page.getByLabel('Seed number')).toHaveValue('7');
  await expect(out(page, 'Test rows')).toHaveText('102');
  await expect(out(page, 'Selected k')).toHaveText('12');
  await expect(page.getByRole('radio', { name: 'Uniform' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Standard' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Manhattan' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'MAE' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Log-scale k axis' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^rm / })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^crim / })).not.toBeChecked();
});

test('bad values in a link fall back to defaults with a visible notice', async ({ page }) => {
  await openLab(page, '?seed=-1&testSize=2&weights=sideways');
  const notice = page.getByRole('alert').filter({ hasText: 'not valid' });
  await expect(notice).toContainText('seed “-1”');
  await expect(notice).toContainText('testSize “2”');
  await expect(notice).toContainText('weights “sideways”');
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
  await expect(page).toHaveURL(/seed=42/);
});
