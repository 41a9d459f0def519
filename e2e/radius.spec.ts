import { expect, test } from '@playwright/test';
import { out, param } from './lab-page';

async function openRadiusLab(page: import('@playwright/test').Page, query = '') {
  await page.goto(`/?neighbours=radius&scale=standard${query}`);
  await expect(out(page, 'Best radius')).not.toHaveText('–', { timeout: 20_000 });
}

test('the radius sweep plots error and coverage against the radius and reports uncovered rows beside the scores', async ({ page }) => {
  await openRadiusLab(page);
  await expect(page.getByRole('heading', { name: 'Test error against the radius' })).toBeVisible();
  await expect(out(page, 'Uncovered rows')).toHaveText('0 of 51');
  await page.getByRole('slider', { name: 'Radius' }).press('Home');
  await expect(out(page, 'Selected radius uncovered rows')).not.toHaveText('0 of 51');
  const uncovered = Number((await out(page, 'Selected radius uncovered rows').innerText()).split(' ')[0]);
  expect(uncovered).toBeGreaterThan(0);
  await expect(out(page, 'Selected radius coverage')).toHaveText(`${(((51 - uncovered) / 51) * 100).toFixed(1)} %`);
  // The error up close follows the radius: the covered rows drawn, the uncovered ones counted.
  await expect(page.getByRole('heading', { name: /The error up close at radius [\d.]+/ })).toBeVisible();
  await expect(page.getByText(`${uncovered} test rows have none, get no prediction and are not drawn`)).toBeVisible();
  expect(param(page, 'radius')).not.toBe('best');
  await expect(page.locator('body')).not.toContainText(/NaN|Infinity/);
  await page.getByRole('button', { name: 'Use best radius' }).click();
  expect(param(page, 'radius')).toBe('best');
  await page.getByRole('radio', { name: 'k nearest' }).check();
  await expect(out(page, 'Best k')).toHaveText('3');
});

test('a saved radius model predicts within its radius and refuses an isolated input, logging nothing', async ({ page }) => {
  await openRadiusLab(page);
  await page.getByRole('slider', { name: 'Radius' }).press('Home');
  for (let i = 0; i < 8; i++) await page.getByRole('slider', { name: 'Radius' }).press('ArrowRight');
  await page.getByLabel('Model name').fill('narrow radius');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2 \(radius [\d.]+\)/ })).toBeVisible();
  await page.goto('/#models');
  await page.getByRole('button', { name: 'Activate version 2' }).click();
  await expect(page.getByRole('button', { name: 'Activate version 2' })).toBeDisabled();
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 2,/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Predict', exact: true })).toBeEnabled();
  // Seed 42's first training row (281, see FACTS.md) is at distance 0 from itself: inside any radius.
  await page.getByLabel('Dataset row (0–505)').fill('281');
  await page.getByRole('button', { name: 'Fill from row' }).click();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d/);
  await page.getByLabel('TAX — full-value property-tax rate').fill('4000');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByText(/No training row lies within the model’s radius \([\d.]+\) of these values; the nearest is at [\d.]+\. Nothing was predicted\./)).toBeVisible();
  await expect(page.getByLabel('Predicted price')).toHaveText('–');
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
});

test('the best radius’s label sits between the legend and the plot, clear of both', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openRadiusLab(page);
  const chart = page.locator('.chart').filter({ has: page.locator('.recharts-legend-wrapper') });
  const best = chart.getByText(/^best \d/);
  await expect(best).toBeVisible();
  const label = (await best.boundingBox())!;
  const legend = (await chart.locator('.recharts-legend-wrapper li').first().boundingBox())!;
  const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  expect(label.y).toBeGreaterThanOrEqual(legend.y + legend.height);
  expect(label.y + label.height).toBeLessThanOrEqual(plot.y + 1);
});
