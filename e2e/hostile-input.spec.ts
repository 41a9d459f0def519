// Regression tests for what a careless or hostile user found (issue 7): each one failed before its fix.
import { expect, test, type Page } from '@playwright/test';
import { openLab, out, param } from './lab-page';

const price = (page: Page) => page.getByLabel('Predicted price');
const predictButton = (page: Page) => page.getByRole('button', { name: 'Predict', exact: true });
const models = (page: Page) => page.getByRole('table', { name: 'Saved model versions' });
const modelRows = (page: Page) => models(page).getByRole('row').filter({ has: page.getByRole('rowheader') });

async function openPredict(page: Page): Promise<void> {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version \d+,/)).toBeVisible();
  await expect(predictButton(page)).toBeEnabled();
}

async function saveFromLab(page: Page, name: string): Promise<void> {
  await page.getByLabel('Model name').fill(name);
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version \d+/ })).toBeVisible();
}

test('a value whose distance overflows is refused at its field with the largest value that works; no NaN anywhere, nothing logged', async ({ page }) => {
  await openPredict(page);
  for (const [label, text] of [['TAX — full-value property-tax rate', '1e300'], ['CRIM — per-capita crime rate', '1e200'], ['RM — average rooms per dwelling', '1e308']]) {
    const field = page.getByLabel(label);
    const before = await field.inputValue();
    await field.fill(text);
    await predictButton(page).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/too large: the distance to the training rows would overflow to infinity\. The largest value that works is 2\.6e\+153\./)).toBeVisible();
    await expect(price(page)).toHaveText('–');
    await expect(page.locator('body')).not.toContainText(/NaN|Infinity/);
    await field.fill(before);
  }
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '0 predictions' })).toBeVisible();
});

test('a refused prediction clears the previous price and its neighbours; so does editing a field', async ({ page }) => {
  await openPredict(page);
  await predictButton(page).click();
  await expect(price(page)).toHaveText(/^\$\d/);
  const neighbours = page.getByRole('table', { name: 'Nearest training rows' });
  await expect(neighbours).toBeVisible();
  const rm = page.getByLabel('RM — average rooms per dwelling');
  await rm.fill('abc');
  await expect(price(page)).toHaveText('–');
  await expect(neighbours).toHaveCount(0);
  await predictButton(page).click();
  await expect(page.getByText('Fix the marked fields: nothing was predicted.')).toBeVisible();
  await expect(price(page)).toHaveText('–');
  await expect(neighbours).toHaveCount(0);
  await rm.fill('6.5');
  await predictButton(page).click();
  await expect(price(page)).toHaveText(/^\$\d/);
});

test('a History filter on a version deleted in Models still shows that version, in the select, the list and the CSV', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPredict(page);
  await predictButton(page).click();
  await expect(page.getByLabel('Model version used')).toHaveText('1');
  await openLab(page, '?seed=3');
  await saveFromLab(page, 'second');
  await page.goto('/#models');
  await page.getByRole('button', { name: 'Activate version 2' }).click();
  await expect(page.getByRole('button', { name: 'Activate version 2' })).toBeDisabled();
  await openPredict(page);
  await expect(page.getByText(/Using version 2,/)).toBeVisible();
  await predictButton(page).click();
  await expect(page.getByLabel('Model version used')).toHaveText('2');

  await page.goto('/#history');
  const filter = page.getByLabel('Model version');
  await filter.selectOption('1');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Models' }).click();
  await page.getByRole('button', { name: 'Delete version 1' }).click();
  await page.getByRole('dialog', { name: 'Delete version 1?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(models(page).getByRole('rowheader', { name: '1', exact: true })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/#history$/);
  await expect(filter).toHaveValue('1');
  await expect(filter.locator('option:checked')).toHaveText('Version 1 (deleted)');
  const rows = page.getByRole('table', { name: 'Logged predictions, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(2); // header + the one version-1 prediction
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('1');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = await (await (await downloading).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1].split(',')[2]).toBe('1');
  expect(errors).toEqual([]);
});

test('double Enter in "Model name" saves one version; twenty clicks in one task save one', async ({ page }) => {
  await openLab(page);
  const name = page.getByLabel('Model name');
  await name.fill('double enter');
  await name.press('Enter');
  await name.press('Enter');
  // The second Enter finds the first save in flight (ignored) or settled (refused as a repeat): one version either way.
  await expect(page.getByText(/Saved as version 2|already saved as version 2/)).toBeVisible();
  await page.getByRole('slider', { name: 'k (neighbours)' }).press('ArrowRight');
  await expect(out(page, 'Selected k')).toHaveText('7');
  await page.evaluate(() => {
    const input = [...document.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Model name'))!.querySelector('input')!;
    input.value = 'twenty clicks';
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save model')!;
    for (let i = 0; i < 20; i++) button.click();
  });
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 3/ })).toBeVisible();
  await page.goto('/#models');
  await expect(modelRows(page)).toHaveCount(3);
});

test('Save pressed before the new sweep answers saves the new settings’ best k, not the old one', async ({ page }) => {
  await openLab(page);
  await expect(out(page, 'Best k')).toHaveText('6');
  // Untick AGE and press Save in the same task: the sweep for the new settings cannot have answered yet.
  await page.getByLabel('Model name').fill('without age');
  await page.evaluate(() => {
    const age = [...document.querySelectorAll('input[type=checkbox]')].find((c) => c.closest('label')?.textContent?.startsWith('age')) as HTMLInputElement;
    age.click();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save model')!.click();
  });
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2 (k = 1)' })).toBeVisible();
  await expect(out(page, 'Best k')).toHaveText('1');
  await page.goto('/#models');
  const row = modelRows(page).filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
  await expect(row.locator('td[data-label="k"]')).toHaveText('1');
});

test('the seed box applies whole valid seeds only, once per typed number', async ({ page }) => {
  await openLab(page);
  const box = page.getByLabel('Seed number');
  const length = () => page.evaluate(() => history.length);
  const start = await length();
  for (const bad of ['4294967296', '3.5', '1e3']) {
    await box.fill('');
    await box.pressSequentially(bad, { delay: 30 });
    await expect(page.getByText(/A seed is a whole number from 0 to 4,294,967,295/)).toBeVisible();
    await box.press('Enter');
    await page.waitForTimeout(1000); // longer than the typing pause: nothing may apply
    expect(param(page, 'seed')).toBe('42');
    expect(await length()).toBe(start);
  }
  await expect(out(page, 'Test MSE')).toHaveText('22.71');
  await box.fill('');
  await box.pressSequentially('1234567', { delay: 30 });
  await expect.poll(() => param(page, 'seed')).toBe('1234567');
  expect(await length()).toBe(start + 1);
  await box.fill('7');
  await box.press('Enter');
  await expect.poll(() => param(page, 'seed')).toBe('7');
  await box.fill('8');
  await box.blur();
  await expect.poll(() => param(page, 'seed')).toBe('8');
  expect(await length()).toBe(start + 3);
  await page.goBack();
  await expect(box).toHaveValue('7');
});

test('a 120-character name without spaces wraps inside the Models table; every action stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openLab(page);
  const long = 'N'.repeat(120);
  await saveFromLab(page, long);
  await page.goto('/#models');
  const table = models(page);
  await expect(table).toContainText(long);
  const fits = await table.evaluate((t) => {
    const scroller = t.parentElement!;
    return { table: t.scrollWidth, box: scroller.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth };
  });
  expect(fits.table).toBeLessThanOrEqual(fits.box);
  expect(fits.page).toBeLessThanOrEqual(fits.view);
  const del = page.getByRole('button', { name: 'Delete version 2' });
  const box = (await del.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
});

test('a 100 KB bad value in the link is quoted as a short prefix; the page keeps its width', async ({ page }) => {
  await openLab(page);
  await page.evaluate(() => {
    history.pushState(null, '', `?seed=${'9'.repeat(100_000)}`);
    dispatchEvent(new PopStateEvent('popstate'));
  });
  const notice = page.getByRole('alert').filter({ hasText: 'not valid' });
  await expect(notice).toContainText('(100,000 characters)');
  expect((await notice.textContent())!.length).toBeLessThan(400);
  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(width.page).toBeLessThanOrEqual(width.view);
});
