import { expect, test } from '@playwright/test';

test('the form predicts a price in dollars with the neighbours behind it, and logs it', async ({ page }) => {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  await expect(page.getByLabel('RM — average rooms per dwelling')).toHaveValue('6.2085');
  await expect(page.getByLabel('CHAS — bounds the Charles River')).toHaveValue('0');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$\d{1,2},\d{3}$/);
  await expect(page.getByLabel('Model version used')).toHaveText('1');
  await expect(page.getByRole('table', { name: 'Nearest training rows' }).getByRole('row')).toHaveCount(7); // header + k = 6
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
});

test('a dataset row that is in the training set is recognised and returns its own price', async ({ page }) => {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  // Seed 42's first training row is dataset row 281 (see FACTS.md); its medv is 35.4.
  await page.getByLabel('Dataset row (0–505)').fill('281');
  await page.getByRole('button', { name: 'Fill from row' }).click();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText('$35,400');
  await expect(page.getByText('This input matches a training row exactly')).toBeVisible();
});

test('bad inputs mark their fields, say what is allowed, predict nothing and log nothing', async ({ page }) => {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  const crim = page.getByLabel('CRIM — per-capita crime rate');
  await crim.fill('lots');
  const age = page.getByLabel('AGE — owner-occupied units built before 1940');
  await age.fill('');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(crim).toHaveAttribute('aria-invalid', 'true');
  await expect(age).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('CRIM must be a number ≥ 0; “lots” is not a number.')).toBeVisible();
  await expect(page.getByText('AGE is required: enter a number from 0 to 100.')).toBeVisible();
  await expect(page.getByLabel('Predicted price')).toHaveText('–');
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '0 predictions' })).toBeVisible();
});

test('a value outside the training range is allowed, with a warning that the model extrapolates', async ({ page }) => {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  await page.getByLabel('RM — average rooms per dwelling').fill('12');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByText(/the model is extrapolating/)).toBeVisible();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$/);
});

test('the history exports as CSV with the prediction as numbers', async ({ page }) => {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const price = await page.getByLabel('Predicted price').textContent();
  await page.goto('/#history');
  await expect(page.getByRole('status').filter({ hasText: '1 prediction' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^knn-lab-predictions-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  // A UTF-8 byte-order mark first, so spreadsheets read model names as UTF-8.
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, line] = text.slice(1).trim().split(/\r?\n/);
  // Text cells are quoted, numbers are bare (none of these cells holds a comma).
  expect(header.split(',').slice(0, 7)).toEqual(['"id"', '"time"', '"model_version"', '"model_name"', '"target"', '"predicted_price"', '"crim"']);
  const cells = line.split(',');
  expect(cells[2]).toBe('1');
  expect(cells[3]).toMatch(/^".*"$/);
  expect(cells[4]).toBe('"medv"');
  expect(Math.round(Number(cells[5]) * 1000)).toBe(Number(price!.replace(/[$,]/g, '')));
});
