import { expect, test, type Page } from '@playwright/test';
import { curve, openLab, out, param } from './lab-page';

/** Runs an action and checks that the chart redrew and the URL changed. */
async function expectRedraw(page: Page, action: () => Promise<void>) {
  const before = await curve(page);
  const url = page.url();
  await action();
  await expect.poll(() => curve(page)).not.toBe(before);
  expect(page.url()).not.toBe(url);
}

test.beforeEach(async ({ page }) => {
  await openLab(page);
});

test('the seed slider moves the split: the seed field follows, and the scores and chart change', async ({ page }) => {
  await expectRedraw(page, async () => {
    await page.getByRole('slider', { name: 'Seed' }).press('ArrowRight');
    await expect(page.getByLabel('Seed number')).toHaveValue('43');
  });
  await expect(out(page, 'Test MSE')).not.toHaveText('22.71');
  expect(param(page, 'seed')).toBe('43');
});

test('the seed field takes any 32-bit seed and the slider follows small ones', async ({ page }) => {
  await page.getByLabel('Seed number').fill('7');
  await page.getByRole('radio', { name: 'Standard' }).check();
  await expect(out(page, 'Best k')).toHaveText('5');
  await expect(out(page, 'Test MSE')).toHaveText('5.51');
  await expect(page.getByRole('slider', { name: 'Seed' })).toHaveValue('7');
  await page.getByLabel('Seed number').fill('4294967295');
  await expect.poll(() => param(page, 'seed')).toBe('4294967295');
  await page.getByLabel('Seed number').fill('4294967296');
  await expect(page.getByText(/A seed is a whole number/)).toBeVisible();
  expect(param(page, 'seed')).toBe('4294967295');
});

test('Random seed draws a new seed', async ({ page }) => {
  await page.evaluate(() => {
    Math.random = () => 0.5;
  });
  await expectRedraw(page, () => page.getByRole('button', { name: 'Random seed' }).click());
  await expect(page.getByLabel('Seed number')).toHaveValue('5000');
});

test('the test size slider changes the row counts and the sweep', async ({ page }) => {
  await expectRedraw(page, () => page.getByRole('slider', { name: 'Test size' }).press('ArrowRight'));
  await expect(out(page, 'Training rows')).toHaveText('450');
  await expect(out(page, 'Test rows')).toHaveText('56');
  expect(param(page, 'testSize')).toBe('0.11');
});

test('the k slider selects a k to inspect until "Use best k" snaps back', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Use best k' })).toBeDisabled();
  const figure = page.getByRole('figure', { name: /Test error/ });
  await expect(figure.getByText('k 7', { exact: true })).toHaveCount(0);
  await page.getByRole('slider', { name: 'k (neighbours)' }).press('ArrowRight');
  await expect(out(page, 'Selected k')).toHaveText('7');
  // The curve stays (k only picks a point on it); the selected-k marker appears.
  await expect(figure.getByText('k 7', { exact: true })).toBeVisible();
  await expect(out(page, 'Selected k test MSE')).not.toHaveText('22.71');
  await expect(out(page, 'Best k')).toHaveText('6');
  expect(param(page, 'k')).toBe('7');
  await page.getByRole('button', { name: 'Use best k' }).click();
  await expect(out(page, 'Selected k')).toHaveText('6');
  await expect(out(page, 'Selected k test MSE')).toHaveText('22.71');
  expect(param(page, 'k')).toBe('best');
});

for (const [group, option, mse] of [
  ['Weights', 'Uniform', '24.89'],
  ['Scaling', 'Standard', null],
  ['Distance', 'Manhattan', null],
  ['Dataset', 'Boston corrected', null],
] as const) {
  test(`${group}: choosing ${option} reruns the sweep`, async ({ page }) => {
    await expectRedraw(page, () => page.getByRole('group', { name: group }).getByRole('radio', { name: option }).check());
    if (mse) await expect(out(page, 'Test MSE')).toHaveText(mse);
    else await expect(out(page, 'Test MSE')).not.toHaveText('22.71');
  });
}

test('Drop b removes the b feature in one click; ticking it brings it back', async ({ page }) => {
  const b = page.getByRole('checkbox', { name: /^b / });
  await expect(b).toHaveAccessibleDescription(/scikit-learn removed this dataset/);
  await expectRedraw(page, () => page.getByRole('button', { name: 'Drop b' }).click());
  await expect(b).not.toBeChecked();
  expect(param(page, 'features')?.split(',')).not.toContain('b');
  await expect(out(page, 'Test MSE')).not.toHaveText('22.71');
  await b.check();
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
});

test('each feature checkbox changes the fit', async ({ page }) => {
  await expectRedraw(page, () => page.getByRole('checkbox', { name: /^lstat / }).uncheck());
  expect(param(page, 'features')).toBe('crim,zn,indus,chas,nox,rm,age,dis,rad,tax,ptratio,b');
});

test('Metric shown switches the curve; the best-k scores stay', async ({ page }) => {
  await expectRedraw(page, () => page.getByRole('radio', { name: 'R²' }).check());
  await expect(page.getByRole('figure', { name: /Test error/ })).toContainText('Test R²');
  await expect(out(page, 'Test R²')).toHaveText('0.64');
  expect(param(page, 'show')).toBe('r2');
});

test('the log-scale toggle redraws the k axis', async ({ page }) => {
  await expectRedraw(page, () => page.getByRole('checkbox', { name: 'Log-scale k axis' }).check());
  await expect(page.getByRole('figure', { name: /Test error/ })).toContainText('k (log scale)');
  expect(param(page, 'axis')).toBe('log');
});

test('the tooltip shows k, MSE, RMSE, MAE and R² at the hovered k', async ({ page }) => {
  const figure = page.getByRole('figure', { name: /Test error/ });
  const box = (await figure.locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + box.height / 2);
  const tip = figure.locator('.chart-tooltip');
  await expect(tip).toContainText(/k = \d+/);
  for (const name of ['MSE', 'RMSE', 'MAE', 'R²']) await expect(tip.getByText(name, { exact: true })).toBeVisible();
});

test('Back restores the previous state and Forward reapplies the change', async ({ page }) => {
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
  await page.getByRole('slider', { name: 'k (neighbours)' }).press('ArrowRight');
  await expect(out(page, 'Selected k')).toHaveText('7');
  await page.goBack();
  await expect(out(page, 'Selected k')).toHaveText('6');
  await expect(page.getByRole('radio', { name: 'Uniform' })).toBeChecked();
  await page.goBack();
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
  await expect(page.getByRole('radio', { name: 'Distance' })).toBeChecked();
  await page.goForward();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
});

test('a burst of slider moves makes one history entry, replaced while it moves', async ({ page }) => {
  const length = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Seed' });
  for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
  await expect(page.getByLabel('Seed number')).toHaveValue('47');
  expect(await page.evaluate(() => history.length)).toBe(length + 1);
  await page.goBack();
  await expect(page.getByLabel('Seed number')).toHaveValue('42');
});
