import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { out } from './lab-page';

// Each page starts with its first sweep stuck in a busy loop (the test build's ?failWorker=hang). Saving, the
// prediction form's medians and "Fill from row" use the worker too: under one shared worker they queued behind
// the stuck sweep and died with it when it was cancelled. Here they must answer while it is stuck, cancelled or
// superseded.

/** Opens the page with a stuck sweep and waits until the lab offers to cancel it. */
async function openWithStuckSweep(page: Page): Promise<void> {
  await page.goto('/?failWorker=hang');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible({ timeout: 20_000 });
}

const saved = (page: Page) => page.getByRole('status').filter({ hasText: /Saved as version \d+ \(k = \d+\)/ });

test('a stuck sweep shows its progress, and a save pressed just before Cancel still completes', async ({ page }) => {
  await openWithStuckSweep(page);
  const bar = page.getByRole('progressbar', { name: 'Calculation progress' });
  await expect(bar).toBeVisible();
  const first = Number(await bar.getAttribute('value'));
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(first);
  const axe = await new AxeBuilder({ page }).include('.results__head').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.getByLabel('Model name').fill('saved beside a stuck sweep');
  await page.getByRole('button', { name: 'Save model' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Termination, not a polite request: the job stops although it never yields (npm run bench:ui times it).
  await expect(page.getByRole('alert').filter({ hasText: 'Calculation cancelled' })).toBeVisible();
  await expect(saved(page)).toBeVisible();
  await expect(bar).toBeHidden();
});

test('a save pressed while newer settings supersede a stuck sweep completes, and the newer settings get their answer', async ({ page }) => {
  await openWithStuckSweep(page);
  await page.getByLabel('Model name').fill('saved while superseded');
  await page.getByRole('button', { name: 'Save model' }).click();
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
  await expect(saved(page)).toBeVisible();
});

test('the prediction form fills and predicts while a sweep is stuck, and still after newer settings supersede it', async ({ page }) => {
  await openWithStuckSweep(page);
  await page.getByRole('link', { name: 'Predict' }).click();
  // Version 1 is the first visit's default model, fitted while the sweep was stuck; the medians come from the worker.
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  await expect(page.getByLabel('RM — average rooms per dwelling')).toHaveValue('6.2085');
  const predict = page.getByRole('button', { name: 'Predict', exact: true });
  await predict.click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d{1,2},\d{3}$/);
  await expect(page.getByLabel('Model version used')).toHaveText('1');

  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');

  await page.getByRole('link', { name: 'Predict' }).click();
  // Seed 42's first training row is dataset row 281; its medv is 35.4.
  await page.getByLabel('Dataset row (0–505)').fill('281');
  await page.getByRole('button', { name: 'Fill from row' }).click();
  await predict.click();
  await expect(page.getByLabel('Predicted price')).toHaveText('$35,400');
  await expect(page.getByLabel('Model version used')).toHaveText('1');
});
