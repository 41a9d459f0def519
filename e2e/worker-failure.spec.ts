import { expect, test } from '@playwright/test';
import { out } from './lab-page';

for (const mode of ['throw', 'crash'] as const) {
  test(`a worker that ${mode === 'throw' ? 'throws' : 'crashes'} shows a message, and the next change works`, async ({ page }) => {
    await page.goto(`/?failWorker=${mode}`);
    const alert = page.getByRole('alert').filter({ hasText: 'The calculation failed' });
    await expect(alert).toBeVisible();
    await expect(out(page, 'Best k')).toHaveText('–');
    await page.getByRole('radio', { name: 'Uniform' }).check();
    await expect(out(page, 'Test MSE')).toHaveText('24.89');
    await expect(alert).toBeHidden();
  });
}

test('a stuck job can be cancelled, and the next run starts a fresh worker', async ({ page }) => {
  await page.goto('/?failWorker=hang');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Calculation cancelled' })).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
});

test('a stuck job is abandoned when settings change, so the newest settings still get an answer', async ({ page }) => {
  await page.goto('/?failWorker=hang');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
});

test('the test hook leaves the link once used', async ({ page }) => {
  await page.goto('/?failWorker=throw');
  await expect(page.getByRole('alert')).toBeVisible();
  expect(page.url()).not.toContain('failWorker');
});
