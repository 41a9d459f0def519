import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openLab } from './lab-page';

const ROW_NAME = /^Row \d+: actual \$[\d,]+( \(at the censoring cap\))?, predicted \$[\d,]+, error ([+−]\$[\d,]+|\$0)$/;

const byActual = (page: Page) => page.getByRole('listbox', { name: /by actual price/ });
const byPredicted = (page: Page) => page.getByRole('listbox', { name: /by predicted price/ });
const names = (plot: Locator) => plot.getByRole('option').evaluateAll((options) => options.map((o) => o.getAttribute('aria-label')));

test.beforeEach(async ({ page }) => {
  await openLab(page);
  await expect(byActual(page).getByRole('option')).toHaveCount(51);
});

test('both plots draw one point per test row, 51 at the defaults, each named by its row, prices and error', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'The error up close at k = 6 (the best k)' })).toBeVisible();
  for (const plot of [byActual(page), byPredicted(page)]) {
    await expect(plot).toBeVisible();
    await expect(plot.getByRole('option')).toHaveCount(51);
    for (const name of await names(plot)) expect(name).toMatch(ROW_NAME);
  }
  expect(new Set(await names(byActual(page)))).toEqual(new Set(await names(byPredicted(page))));
});

test('rows at the $50,000 censoring cap are marked with their own shape and a legend entry', async ({ page }) => {
  const censored = byActual(page).getByRole('option', { name: /at the censoring cap/ });
  await expect(censored).toHaveCount(2);
  await expect(censored.locator('path.row-point--censored')).toHaveCount(2);
  await expect(byActual(page).locator('path.row-point--censored')).toHaveCount(2);
  await expect(page.getByText('Recorded at the $50,000 cap (2 rows here)')).toBeVisible();
});

test('moving the k slider prices the same rows again at the new k', async ({ page }) => {
  const before = await names(byActual(page));
  await page.getByRole('slider', { name: 'k (neighbours)' }).press('ArrowRight');
  await expect(page.getByRole('heading', { name: 'The error up close at k = 7' })).toBeVisible();
  await expect.poll(() => names(byActual(page))).not.toEqual(before);
  const after = await names(byActual(page));
  expect(after).toHaveLength(51);
  const rowOf = (name: string | null) => name?.split(':')[0];
  expect(new Set(after.map(rowOf))).toEqual(new Set(before.map(rowOf)));
  await page.getByRole('button', { name: 'Use best k' }).click();
  await expect.poll(() => names(byActual(page))).toEqual(before);
});

test('Tab enters the predicted-against-actual plot, the arrow keys step through its rows, and each row is named and shown', async ({ page }) => {
  // From the chart's toolbar, Tab passes the chart and reaches the first plot's points: one stop for all of them.
  await page.getByRole('checkbox', { name: 'Log-scale k axis' }).focus();
  const focused = byActual(page).locator(':focus');
  for (let tabs = 0; tabs < 4 && (await focused.count()) === 0; tabs++) await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('role', 'option');
  await expect(focused).toHaveAccessibleName(ROW_NAME);
  const first = await focused.getAttribute('aria-label');
  const tooltip = page.locator('.row-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(first!.split(':')[0]);

  await page.keyboard.press('ArrowRight');
  await expect(focused).not.toHaveAccessibleName(first!);
  const second = (await focused.getAttribute('aria-label'))!;
  const [, row, actual, predicted, error] = /^Row (\d+): actual (\$[\d,]+).*, predicted (\$[\d,]+), error (.+)$/.exec(second)!;
  for (const text of [`Row ${row}`, actual, predicted, error]) await expect(tooltip).toContainText(text);

  // The dearest rows come last: at the defaults they are the two censored at $50,000.
  await page.keyboard.press('End');
  await expect(focused).toHaveAccessibleName(/actual \$50,000 \(at the censoring cap\)/);
  await expect(tooltip).toContainText('$50,000 (cap)');
  const last = await focused.getAttribute('aria-label');

  // The next Tab goes to the same row in the residual plot, and the one after leaves the plots.
  await page.keyboard.press('Tab');
  await expect(byPredicted(page).locator(':focus')).toHaveAccessibleName(last!);
  const axe = await new AxeBuilder({ page }).include('.up-close').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.locator('.up-close :focus')).toHaveCount(0);
});

test('hovering near a point shows its row, prices and error, and moving away hides them', async ({ page }) => {
  // The highest prediction stands apart from the crowd, so the pointer near it picks it.
  const point = byPredicted(page).getByRole('option').last();
  const [, row, actual, predicted, error] = /^Row (\d+): actual (\$[\d,]+).*, predicted (\$[\d,]+), error (.+)$/.exec((await point.getAttribute('aria-label'))!)!;
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 6, box.y + box.height / 2 + 6);
  const tooltip = page.locator('.row-tooltip');
  for (const text of [`Row ${row}`, actual, predicted, error]) await expect(tooltip).toContainText(text);
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
});
