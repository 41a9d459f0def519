import { expect, test } from '@playwright/test';
import { openLab, out } from './lab-page';

test('every slider works from the keyboard alone', async ({ page }) => {
  await openLab(page);
  // Reach the seed slider by tabbing, as a keyboard user would.
  const seed = page.getByRole('slider', { name: 'Seed' });
  for (let i = 0; i < 30 && !(await seed.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(seed).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Seed number')).toHaveValue('44');
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Seed number')).toHaveValue('0');

  await page.keyboard.press('Tab'); // seed field
  await page.keyboard.press('Tab'); // Random seed
  await page.keyboard.press('Tab'); // Validation (one stop for the radio group)
  await expect(page.getByRole('radio', { name: 'Single split' })).toBeFocused();
  await page.keyboard.press('Tab'); // test size
  await expect(page.getByRole('slider', { name: 'Test size' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(out(page, 'Test rows')).toHaveText('253');

  await page.keyboard.press('Tab'); // Neighbourhood (one stop for the radio group)
  await expect(page.getByRole('radio', { name: 'k nearest' })).toBeFocused();
  await page.keyboard.press('Tab'); // k
  await expect(page.getByRole('slider', { name: 'k (neighbours)' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(out(page, 'Selected k')).toHaveText('252');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Use best k' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(out(page, 'Selected k')).toHaveText(await out(page, 'Best k').innerText());

  // K-fold from the keyboard: the radio group, then its folds slider.
  await page.getByRole('radio', { name: 'Single split' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'K-fold CV' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('slider', { name: 'Folds' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByRole('slider', { name: 'Folds' })).toHaveValue('2');
  await expect(out(page, 'One-SE k')).not.toHaveText('–');
});

test('radio groups and checkboxes work from the keyboard', async ({ page }) => {
  await openLab(page);
  await page.getByRole('radio', { name: 'Distance' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Uniform' })).toBeChecked();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
  await page.getByRole('checkbox', { name: /^b / }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /^b / })).not.toBeChecked();
});
