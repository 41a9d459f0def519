import { expect, test, type Locator, type Page } from '@playwright/test';
import { curve, openLab } from './lab-page';

const models = (page: Page) => page.getByRole('table', { name: 'Saved model versions' });
const scoresTable = (page: Page) => page.getByRole('table', { name: 'Settings and scores, side by side' });
const predictionsTable = (page: Page) => page.getByRole('table', { name: /Predictions for the Predict form’s values/ });

/** The cells of a table's row named by its row header: first version, second version, second − first. */
async function cells(page: Page, table: Locator, label: string): Promise<string[]> {
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}

/** The first number in a text, with a true minus or a hyphen read as negative: "−1.23 better" → -1.23, "$21,500" → 21500. */
function numberIn(text: string): number {
  const match = /([+−±-])?\$?(\d[\d,]*(?:\.\d+)?)/.exec(text);
  if (!match) throw new Error(`no number in "${text}"`);
  const value = Number(match[2].replace(/,/g, ''));
  return match[1] === '−' || match[1] === '-' ? -value : value;
}

async function saveCurrentModel(page: Page, name: string): Promise<void> {
  await page.getByLabel('Model name').fill(name);
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version \d+/ })).toBeVisible();
}

/** Saves the default settings less B as version 2, beside version 1 (the default, with every feature). */
async function saveWithoutB(page: Page): Promise<void> {
  await openLab(page);
  const before = await curve(page);
  await page.getByRole('checkbox', { name: /^b / }).uncheck();
  await expect.poll(() => curve(page)).not.toBe(before);
  await saveCurrentModel(page, 'without B');
}

async function pick(page: Page, first: string, second: string): Promise<void> {
  await page.getByLabel('First version').selectOption(first);
  await page.getByLabel('Second version').selectOption(second);
}

test('the default model against the same settings without B: scores and their difference, both curves, both predictions with intervals', async ({ page }, testInfo) => {
  await saveWithoutB(page);
  // The Predict form's own answer with version 1 (active) at the dataset medians: the comparison must give the same.
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d/);
  const formPrice = (await page.getByLabel('Predicted price').textContent())!.trim();
  expect(formPrice).toMatch(/^\$\d/);

  await page.goto('/#models');
  await pick(page, '1', '2');
  const table = scoresTable(page);
  await expect(table).toBeVisible();
  expect((await cells(page, table, 'Features'))[2]).toBe('only version 1 uses B');
  await expect(table.getByTitle('Only this version uses it')).toHaveText('B');

  // Each score is the one its version saved, and the difference is second − first (to the shown rounding).
  const savedMse = (await models(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1', exact: true }) }).getByRole('cell').nth(5).textContent())!.trim();
  for (const score of ['MSE', 'RMSE', 'MAE', 'R²']) {
    const [first, second, difference] = await cells(page, table, score);
    if (score === 'MSE') expect(first).toBe(savedMse);
    expect(first).not.toBe(second);
    expect(Math.abs(numberIn(difference) - (numberIn(second) - numberIn(first)))).toBeLessThanOrEqual(0.011);
  }
  await expect(page.getByText(/^Second − first \(version 2 leaves out B\): MSE [+−]\d/)).toBeVisible();

  // Both error curves in one chart: the two versions share Boston.
  const chart = page.getByRole('figure', { name: /Error against k for both versions/ });
  await expect(chart.locator('.recharts-line path')).toHaveCount(2);
  await expect(chart.getByText('Version 1: test MSE', { exact: true })).toBeVisible();
  await expect(chart.getByText('Version 2: test MSE', { exact: true })).toBeVisible();

  // Both predictions for the form's values, each inside its own interval; version 1's is the form's own price.
  const predictions = predictionsTable(page);
  await expect(predictions.getByRole('row').filter({ hasText: 'Price' })).toContainText('$');
  const [price1, price2, priceChange] = await cells(page, predictions, 'Price');
  expect(price1).toBe(formPrice);
  expect(price2).toMatch(/^\$\d/);
  expect(Math.abs(numberIn(priceChange) - (numberIn(price2) - numberIn(price1)))).toBeLessThanOrEqual(1);
  const intervals = await cells(page, predictions, '90 % interval');
  [price1, price2].forEach((price, i) => {
    const [low, high] = intervals[i].split('–').map(numberIn);
    expect(low).toBeLessThan(numberIn(price));
    expect(high).toBeGreaterThan(numberIn(price));
  });
  await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });
});

test('hostile use: a version picked twice is refused, and one deleted in another tab while compared is named and dropped', async ({ context }) => {
  const page = await context.newPage();
  await saveWithoutB(page);
  await page.goto('/#models');
  await pick(page, '2', '2');
  await expect(page.getByRole('alert').filter({ hasText: 'Version 2 is picked twice: pick two different versions to compare.' })).toBeVisible();
  await expect(scoresTable(page)).toHaveCount(0);

  await page.getByLabel('First version').selectOption('1');
  await expect(scoresTable(page)).toBeVisible();
  const other = await context.newPage();
  await other.goto('/#models');
  await models(other).getByRole('button', { name: 'Delete version 2' }).click();
  await other.getByRole('dialog', { name: 'Delete version 2?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Version 2 was deleted, so it is no longer compared. Pick another version.' })).toBeVisible();
  await expect(scoresTable(page)).toHaveCount(0);
  await expect(page.getByText('Comparing needs two usable versions: save another one in the lab.')).toBeVisible();
});

test('a 120-character name without spaces (the longest a name may be) wraps in its column: the page keeps its width and both versions’ scores stay on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openLab(page);
  await page.getByRole('checkbox', { name: /^b / }).uncheck();
  await saveCurrentModel(page, 'W'.repeat(120));
  await page.goto('/#models');
  await pick(page, '1', '2');
  const table = scoresTable(page);
  await expect(table).toContainText('W'.repeat(120));
  const fits = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth, page: document.documentElement.scrollWidth, view: innerWidth }));
  expect(fits.table).toBeLessThanOrEqual(fits.box);
  expect(fits.page).toBeLessThanOrEqual(fits.view);
  const mse = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'MSE', exact: true }) }).getByRole('cell');
  for (let i = 0; i < 3; i++) {
    const box = (await mse.nth(i).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  }
});

test('on a phone-width screen the curves’ legend wraps above the plot instead of over it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await saveWithoutB(page);
  await page.goto('/#models');
  await pick(page, '1', '2');
  const figure = page.getByRole('figure', { name: /Error against k for both versions/ });
  await expect(figure.getByText('Version 2: test MSE')).toBeVisible();
  const legend = (await figure.locator('.recharts-legend-wrapper').boundingBox())!;
  const plot = (await figure.locator('.recharts-cartesian-grid').boundingBox())!;
  // Two entries do not fit on one line here: the legend is two lines tall, and the plot starts below it.
  expect(legend.height).toBeGreaterThan(30);
  expect(legend.y + legend.height).toBeLessThanOrEqual(plot.y + 1);
});
