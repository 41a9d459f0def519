import { expect, test, type Page } from '@playwright/test';
import { openLab, out, param } from './lab-page';

/** A European spreadsheet's export: BOM, semicolons, decimal commas, CRLF. Prices in euros, not $1000s. */
function europeanCsv(rows: number, { bad = [] as number[] } = {}): Buffer {
  const lines = ['area_m2;rooms;age_years;city;price_eur'];
  for (let i = 0; i < rows; i++) {
    const area = 40 + ((i * 37) % 160) + (i % 4) * 0.25;
    const rooms = 1 + (i % 6);
    const age = (i * 13) % 90;
    const price = Math.round(area * 2450 + rooms * 9000 - age * 310 + (i % 7) * 1000);
    const cells = [String(area).replace('.', ','), String(rooms), String(age), i % 2 ? 'Lyon' : 'Paris', String(price)];
    if (bad.includes(i)) cells[2] = i % 2 ? '' : 'n/a';
    lines.push(cells.join(';'));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const importFile = (page: Page, name: string, buffer: Buffer) =>
  page.getByLabel('Import CSV').setInputFiles({ name, mimeType: 'text/csv', buffer });

const datasets = (page: Page) => page.getByRole('region', { name: 'Datasets' }).getByRole('table');

async function importEuropean(page: Page, rows = 60): Promise<void> {
  await page.goto('/#data');
  await importFile(page, 'flats.csv', europeanCsv(rows));
  await expect(page.getByText(/“flats\.csv”: 60 rows, 5 columns, separated by semicolons, decimals written with commas/)).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('price_eur');
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page).toHaveURL(/#lab$/);
  await expect(out(page, 'Best k')).not.toHaveText('–');
}

test('a European CSV (BOM, semicolons, decimal commas) imports, sweeps, saves, predicts, and predicts again offline after a reload', async ({ page, context }) => {
  await page.goto('/#data');
  await importFile(page, 'flats.csv', europeanCsv(60));
  await expect(page.getByText(/“flats\.csv”: 60 rows, 5 columns, separated by semicolons, decimals written with commas/)).toBeVisible();
  // Text columns are skipped, with the reason; only numeric columns can be the target.
  await expect(page.getByText(/city.*not a number|city.*text/i).first()).toBeVisible();
  await expect(page.getByLabel('Target column').locator('option')).toHaveText(['area_m2', 'rooms', 'age_years', 'price_eur']);
  await expect(page.getByLabel('Target column')).toHaveValue('price_eur');
  for (const f of ['area_m2', 'rooms', 'age_years']) await expect(page.getByRole('checkbox', { name: f })).toBeChecked();
  await page.getByRole('button', { name: 'Use this dataset' }).click();

  // The lab opens on it: its id in the link, its columns as features, its target's units on the readouts.
  await expect(page).toHaveURL(/#lab$/);
  expect(param(page, 'dataset')).toMatch(/^csv-[0-9a-f]{16}$/);
  await expect(page.getByRole('radio', { name: /flats \(60 rows\)/ })).toBeChecked();
  await expect(out(page, 'Best k')).not.toHaveText('–');
  await expect(page.getByRole('checkbox', { name: 'rooms' })).toBeChecked();
  await expect(page.getByText('price_eur units').first()).toBeVisible();
  const bestK = await out(page, 'Best k').textContent();
  const id = param(page, 'dataset')!;

  await page.getByLabel('Model name').fill('flats');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2/ })).toBeVisible();
  await page.goto('/#models');
  await page.getByRole('row').filter({ hasText: 'flats' }).getByRole('button', { name: 'Activate version 2' }).click();

  await page.goto('/#predict');
  await expect(page.getByLabel('area_m2')).toBeVisible();
  await expect(page.getByLabel('city')).toHaveCount(0);
  await expect(page.getByText(/Values: dataset medians/)).toBeVisible();
  await page.getByLabel('rooms').fill('3');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const price = page.getByLabel('Predicted price');
  await expect(price).toHaveText(/^\d{2,3},\d{3}$/);
  const online = await price.textContent();

  // Offline: the page, the stored dataset and the model all come from this browser.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/Values: dataset medians/)).toBeVisible();
  await page.getByLabel('rooms').fill('3');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(price).toHaveText(online!);
  // The link to the lab on it still opens it, from storage, with the same sweep.
  await page.goto(`/?dataset=${id}#lab`);
  await expect(page.getByRole('radio', { name: /flats \(60 rows\)/ })).toBeChecked();
  await expect(out(page, 'Best k')).toHaveText(bestK!);
  await context.setOffline(false);
});

test('rows with blank or unreadable values are listed by line and column, and left out only after consent', async ({ page }) => {
  await page.goto('/#data');
  await importFile(page, 'gaps.csv', europeanCsv(40, { bad: [3, 10, 11] }));
  const listed = page.getByRole('list', { name: 'Rows that cannot be used' }).getByRole('listitem');
  // Header is line 1, so data row i is on line i + 2.
  await expect(listed).toHaveText(['line 5: column “age_years” is blank', 'line 12: column “age_years”: “n/a” is not a number', 'line 13: column “age_years” is blank']);
  await expect(page.getByRole('button', { name: 'Use this dataset', exact: true })).toHaveCount(0);
  // Without age_years the rows are fine: no consent needed.
  await page.getByRole('checkbox', { name: 'age_years' }).uncheck();
  await expect(page.getByText('Every row has a number in each chosen column.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'age_years' }).check();
  await page.getByRole('button', { name: 'Leave out 3 rows and use this dataset' }).click();
  await expect(page).toHaveURL(/#lab$/);
  await expect(page.getByRole('radio', { name: /gaps \(37 rows\)/ })).toBeChecked();
  await page.getByRole('link', { name: 'Data' }).click();
  await expect(datasets(page)).toContainText('3 rows left out');
});

test('a file with a __proto__ header is refused with its name, and nothing stored changes', async ({ page }) => {
  await openLab(page);
  await page.goto('/#data');
  await expect(datasets(page).getByRole('row')).toHaveCount(3);
  const polluted = Buffer.from('a,__proto__,price\n1,2,3\n4,5,6\n');
  await importFile(page, 'evil.csv', polluted);
  await expect(page.getByRole('alert')).toContainText('__proto__');
  await expect(page.getByRole('alert')).toContainText('“evil.csv” was not imported');
  await expect(datasets(page).getByRole('row')).toHaveCount(3);
  expect(await page.evaluate(() => Object.keys(Object.prototype).length)).toBe(0);
  // A file too large is refused before it is read, with the limit.
  await page.getByLabel('Import CSV').setInputFiles({ name: 'few.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,4\n') });
  await expect(page.getByRole('alert')).toContainText('at least 10');
  await expect(datasets(page).getByRole('row')).toHaveCount(3);
});

test('deleting a dataset names the models trained on it, which keep predicting; its links then fall back to Boston', async ({ page }) => {
  await importEuropean(page);
  const id = param(page, 'dataset')!;
  await page.getByLabel('Model name').fill('flats model');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2/ })).toBeVisible();
  await page.goto('/#models');
  await page.getByRole('button', { name: 'Activate version 2' }).click();

  await page.goto('/#data');
  await datasets(page).getByRole('button', { name: 'Delete dataset flats' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the dataset “flats”?' });
  await expect(dialog.getByRole('list', { name: 'Models trained on this dataset' })).toHaveText('Version 2, “flats model”');
  await dialog.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(datasets(page).getByRole('row')).toHaveCount(3);
  expect(param(page, 'dataset')).toBe('boston');

  // The model carries its own rows: it still predicts, from its training rows' medians.
  await page.goto('/#predict');
  await expect(page.getByText(/medians of the model’s training rows/)).toBeVisible();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\d{2,3},\d{3}$/);
  await page.goto('/#models');
  await expect(page.getByRole('button', { name: 'Open version 2 in lab' })).toBeDisabled();

  // A link to it now says the dataset is not in this browser and shows Boston.
  await page.goto(`/?dataset=${id}&seed=3#lab`);
  await expect(page.getByRole('alert')).toContainText(`${id}”`);
  await expect(page.getByRole('alert')).toContainText('imported data never leaves the browser');
  await expect(page.getByRole('radio', { name: 'Boston', exact: true })).toBeChecked();
  expect(param(page, 'seed')).toBe('3');
});

test('above 5,000 rows the lab sweeps k = 1..1000 by default; a larger range is kept in the link', async ({ page }) => {
  await page.goto('/#data');
  await importFile(page, 'big.csv', europeanCsv(6000));
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(out(page, 'Best k')).not.toHaveText('–', { timeout: 20_000 });
  const range = page.getByLabel('Largest k swept');
  await expect(range).toHaveValue('1000');
  expect(param(page, 'kmax')).toBe('auto');
  await range.fill('1500');
  await range.press('Enter');
  await expect.poll(() => param(page, 'kmax')).toBe('1500');
  await page.reload();
  await expect(page.getByLabel('Largest k swept')).toHaveValue('1500');
  await range.fill('999999');
  await range.press('Enter');
  await expect(page.getByText(/The largest k is a whole number from 1 to 5,399/)).toBeVisible();
  expect(param(page, 'kmax')).toBe('1500');
});
