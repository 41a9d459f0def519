// Every prediction states its uncertainty, says when a house is unlike the training data, and why each
// neighbour is near.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const predictButton = (page: Page) => page.getByRole('button', { name: 'Predict', exact: true });
const price = (page: Page) => page.getByLabel('Predicted price');
const interval = (page: Page, level: string) => page.getByLabel(`${level} prediction interval`, { exact: true });
const dollars = (text: string) => Number(text.replace(/[$,]/g, '').replace('−', '-'));

async function openPredict(page: Page): Promise<void> {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  await expect(predictButton(page)).toBeEnabled();
}

/** The interval on screen at a level (waiting until it is stated at that level), as numbers. */
async function shownInterval(page: Page, level: string): Promise<{ low: number; high: number }> {
  const output = interval(page, level);
  await expect(output).toHaveText(/^\$[\d,]+ – \$[\d,]+$/);
  const [low, high] = (await output.textContent())!.split(' – ').map(dollars);
  return { low, high };
}

test('the default model’s price comes with a 90 % interval around it; 80 % is narrower, without logging again', async ({ page }) => {
  await openPredict(page);
  const levels = page.getByRole('group', { name: 'Interval level' });
  await expect(levels.getByRole('radio', { name: '90 %' })).toBeChecked();
  await predictButton(page).click();
  await expect(price(page)).toHaveText(/^\$\d{1,2},\d{3}$/);
  const value = dollars((await price(page).textContent())!);
  const at90 = await shownInterval(page, '90 %');
  expect(at90.low).toBeLessThan(value);
  expect(at90.high).toBeGreaterThan(value);
  await expect(page.getByText(/Split-conformal on the model’s out-of-fold errors .*about 9 in 10 houses/)).toBeVisible();

  await levels.getByRole('radio', { name: '80 %' }).check();
  const at80 = await shownInterval(page, '80 %');
  expect(at80.high - at80.low).toBeLessThan(at90.high - at90.low);
  expect(at80.low).toBeLessThan(value);
  expect(at80.high).toBeGreaterThan(value);
  await expect(price(page)).toHaveText(`$${value.toLocaleString('en-US')}`);
  await expect(page.getByText(/about 4 in 5 houses/)).toBeVisible();

  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
});

test('a house far from every Boston row is priced with a warning that states both distances', async ({ page }) => {
  await openPredict(page);
  await predictButton(page).click();
  await expect(price(page)).toHaveText(/^\$/);
  // A typical house: no warning, but the nearest distance is still stated.
  await expect(page.getByText(/^Nearest training row: distance \d+\.\d\d \(95 % of training rows have a neighbour within \d+\.\d\d\)\.$/)).toBeVisible();
  await expect(page.getByText(/Unlike the training data/)).toHaveCount(0);

  // Within every hard limit, far outside the data: CRIM ≤ 89 and TAX ≤ 711 in Boston.
  await page.getByLabel('CRIM — per-capita crime rate').fill('80');
  await page.getByLabel('ZN — residential land zoned for lots over 25,000 sq ft').fill('100');
  await page.getByLabel('TAX — full-value property-tax rate').fill('5000');
  await predictButton(page).click();
  const warning = page.getByRole('status').filter({ hasText: /^Unlike the training data\./ });
  await expect(warning).toBeVisible();
  const text = (await warning.textContent())!;
  const match = /The nearest training row is at distance ([\d.,e+]+); 95 % of training rows have a neighbour within ([\d.,e+]+)\. Treat this price with caution\./.exec(text);
  expect(match).not.toBeNull();
  const [nearest, within] = [Number(match![1].replace(/,/g, '')), Number(match![2].replace(/,/g, ''))];
  expect(nearest).toBeGreaterThan(within);
  await expect(price(page)).toHaveText(/^\$\d/);
  await expect(page.locator('body')).not.toContainText(/NaN|Infinity/);

  // Editing a field clears the price and the warning with it.
  await page.getByLabel('TAX — full-value property-tax rate').fill('300');
  await expect(warning).toHaveCount(0);
});

test('each neighbour shows which features made it near, as a bar whose name lists the top features', async ({ page }) => {
  await openPredict(page);
  await predictButton(page).click();
  const table = page.getByRole('table', { name: 'Nearest training rows' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(6);
  await expect(table.getByRole('columnheader', { name: 'Why near' })).toBeVisible();
  await expect(page.getByText(/shares of the squared differences \(Euclidean distance\), in the features’ own units/)).toBeVisible();
  const codes = ['crim', 'zn', 'indus', 'chas', 'nox', 'rm', 'age', 'dis', 'rad', 'tax', 'ptratio', 'b', 'lstat'];
  for (let i = 0; i < 6; i++) {
    const bar = rows.nth(i).getByRole('img');
    await expect(bar).toHaveAccessibleName(/^Share of distance: /);
    const name = (await bar.getAttribute('aria-label'))!.replace('Share of distance: ', '');
    const parts = name.split(', ').map((part) => /^(\S+) (<1|\d+) %$/.exec(part));
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.length).toBeLessThanOrEqual(3);
    for (const part of parts) expect(codes).toContain(part?.[1]);
    // Largest first.
    const shares = parts.map((p) => (p![2] === '<1' ? 0 : Number(p![2])));
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
  }
});

test('a training row itself says "same values" for its own neighbour instead of a bar', async ({ page }) => {
  await openPredict(page);
  // Seed 42's first training row is dataset row 281 (see FACTS.md).
  await page.getByLabel('Dataset row (0–505)').fill('281');
  await page.getByRole('button', { name: 'Fill from row' }).click();
  await predictButton(page).click();
  await expect(price(page)).toHaveText('$35,400');
  const first = page.getByRole('table', { name: 'Nearest training rows' }).getByRole('row').nth(1);
  await expect(first.getByText('same values')).toBeVisible();
  await expect(first.getByRole('img')).toHaveCount(0);
});

test('switching level while a prediction is on its way, and a double Enter, log one prediction at the level chosen last', async ({ page }) => {
  await openPredict(page);
  await page.evaluate(() => {
    const radio = (label: string) => [...document.querySelectorAll('label')].find((l) => l.textContent === label)!.querySelector('input')!;
    const form = document.querySelector('form[aria-label="House features"]') as HTMLFormElement;
    form.requestSubmit();
    form.requestSubmit();
    radio('95 %').click();
  });
  await shownInterval(page, '95 %');
  await expect(page.getByLabel(/^(80|90) % prediction interval$/)).toHaveCount(0);
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a priced house out of range, with its interval and share bars, has no serious axe violations in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openPredict(page);
    await page.getByLabel('TAX — full-value property-tax rate').fill('5000');
    await predictButton(page).click();
    await expect(page.getByRole('status').filter({ hasText: /^Unlike the training data\./ })).toBeVisible();
    await expect(interval(page, '90 %')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
