import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { controlledByServiceWorker, openLab, out, param } from './lab-page';

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

/** Activates a version in the Models view and waits until storage says it is active (leaving sooner could drop the write). */
async function activate(page: Page, version: number): Promise<void> {
  await page.getByRole('button', { name: `Activate version ${version}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Version ${version} is now active` })).toBeVisible();
}

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
  await activate(page, 2);

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
  await controlledByServiceWorker(page);
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
  await activate(page, 2);

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
  // A stability run costs a whole sweep per seed here, and the view says so before it starts.
  await page.getByRole('link', { name: 'Stability' }).click();
  await expect(page.getByText(/This dataset has 6,000 rows, so every seed is a full sweep of its own/)).toBeVisible();
});

test('the import review, the dataset list and the lab on an imported dataset have no serious or critical axe violations', async ({ page }) => {
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await page.goto('/#data');
  await importFile(page, 'gaps.csv', europeanCsv(40, { bad: [3] }));
  await expect(page.getByRole('list', { name: 'Rows that cannot be used' })).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.getByRole('button', { name: 'Leave out 1 row and use this dataset' }).click();
  await expect(out(page, 'Best k')).not.toHaveText('–');
  expect(await serious()).toEqual([]);
});

test('every view works on an imported dataset: K-fold, radius, stability, the error up close, the history and its CSV', async ({ page }) => {
  await importEuropean(page);
  const id = param(page, 'dataset')!;
  await page.getByRole('radio', { name: 'K-fold CV' }).check();
  await expect(page.getByText(/CV MSE/).first()).toBeVisible();
  await expect(page.getByText(/K-fold mode: each point is one of all 60 rows/)).toBeVisible();
  await page.getByRole('radio', { name: 'Within a radius' }).check();
  await expect(page.getByRole('heading', { name: 'Test error against the radius' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /The error up close at radius [\d.]+/ })).toBeVisible();
  await expect(page.getByText('Errors are in the target’s own units (price_eur units).')).toBeVisible();

  await page.goto(`/?dataset=${id}#stability`);
  await page.getByLabel('From seed').fill('0');
  await page.getByLabel('To seed').fill('49');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText(/^Over 50 seeds the best k ranged from \d+ to \d+/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/“flats”, test size 0\.1 \(6 test rows\)/).first()).toBeVisible();

  await page.goto(`/?dataset=${id}#lab`);
  await page.getByLabel('Model name').fill('for history');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2/ })).toBeVisible();
  await page.goto('/#models');
  await activate(page, 2);
  await page.goto('/#predict');
  await expect(page.getByText(/Values: dataset medians/)).toBeVisible();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const price = (await page.getByLabel('Predicted price').textContent())!;
  // Logged once Predict is enabled again; leaving the page earlier could drop the write.
  await expect(page.getByRole('button', { name: 'Predict', exact: true })).toBeEnabled();
  await page.goto('/#history');
  await expect(page.getByRole('columnheader', { name: 'AREA_M2' })).toBeVisible();
  await expect(page.getByRole('cell', { name: `${price} price_eur` })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = await (await (await downloading).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const [header, line] = text.slice(1).trim().split(/\r?\n/);
  expect(header).toBe('"id","time","model_version","model_name","target","predicted_price","area_m2","rooms","age_years"');
  expect(line.split(',').slice(2, 5)).toEqual(['2', '"for history"', '"price_eur"']);
});

test('a file dropped on the Data view imports; a large one shows its progress and can be cancelled, storing nothing', async ({ page }) => {
  await page.goto('/#data');
  const drop = async (name: string, text: string) => {
    const dataTransfer = await page.evaluateHandle(({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    }, { name, text });
    await page.locator('.data').dispatchEvent('drop', { dataTransfer });
  };
  await drop('dropped.csv', europeanCsv(30).toString('utf8'));
  await expect(page.getByText(/“dropped\.csv”: 30 rows, 5 columns/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // About 40 MB: long enough to read that the bar and Cancel are there while the worker parses.
  const big = europeanCsv(600_000).toString('utf8');
  await drop('big.csv', big);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Import of “big.csv” cancelled; nothing was stored.')).toBeVisible();
  await expect(datasets(page).getByRole('row')).toHaveCount(3);
  // The import worker starts afresh: the next file imports.
  await drop('after.csv', europeanCsv(20).toString('utf8'));
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page).toHaveURL(/#lab$/);
});

test('100-character column names and a 180-character file name wrap in every view: no page grows wider than the window, and each neighbour’s shares stay in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const [area, rooms, file] = ['A'.repeat(100), 'R'.repeat(99), 'Q'.repeat(180)];
  const csv = europeanCsv(60).toString('utf8').replace('area_m2', area).replace('rooms', rooms);
  const fitsWindow = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  /** True when the element's own text does not run past its box (an unbroken word overflows it visibly). */
  const wraps = (locator: import('@playwright/test').Locator) => locator.evaluate((e) => e.scrollWidth <= e.clientWidth);
  await page.goto('/#data');
  await importFile(page, `${file}.csv`, Buffer.from(csv, 'utf8'));
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(out(page, 'Best k')).not.toHaveText('–');
  await page.getByLabel('Model name').fill('long names');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2/ })).toBeVisible();

  await page.getByRole('link', { name: 'Data', exact: true }).click();
  // The dataset is named after the file, cut to the longest name allowed (120 characters).
  const heading = page.getByRole('heading', { name: file.slice(0, 120), exact: true });
  await expect(heading).toBeVisible();
  expect(await wraps(heading)).toBe(true);
  expect(await fitsWindow()).toBe(true);

  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await activate(page, 2);
  await page.getByRole('link', { name: 'Predict', exact: true }).click();
  const form = page.getByRole('form', { name: 'House features' });
  for (const name of [area, rooms]) {
    await expect(form.getByLabel(name, { exact: true })).toBeVisible();
    expect(await wraps(form.locator('label').filter({ hasText: name }))).toBe(true);
  }
  expect(await fitsWindow()).toBe(true);

  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const neighbours = page.getByRole('table', { name: 'Nearest training rows' });
  await expect(neighbours.getByRole('img', { name: /^Share of distance:/ }).first()).toBeVisible();
  const fit = await neighbours.evaluate((t) => {
    const box = t.parentElement!.getBoundingClientRect();
    const keys = [...t.querySelectorAll('[title]')].filter((k) => /\d+ %$/.test(k.getAttribute('title') ?? ''));
    return { table: t.scrollWidth, scroller: t.parentElement!.clientWidth, keys: keys.length, outside: keys.filter((k) => k.getBoundingClientRect().right > box.right + 0.5).length };
  });
  expect(fit.table).toBeLessThanOrEqual(fit.scroller);
  expect(fit.keys).toBeGreaterThan(0);
  expect(fit.outside).toBe(0);
  expect(await fitsWindow()).toBe(true);

  for (const view of ['Lab', 'Models', 'History', 'Stability']) {
    await page.getByRole('link', { name: view, exact: true }).click();
    await expect(page.getByRole('link', { name: view, exact: true })).toHaveAttribute('aria-current', 'page');
    expect(await fitsWindow(), `the ${view} view`).toBe(true);
    if (view !== 'Lab') continue;
    // Prices in the hundreds of thousands: each plot's y ticks ("300,000") stay clear of its rotated axis title.
    const plots = page.locator('.row-plot__axes');
    await expect(plots).toHaveCount(2);
    for (const plot of await plots.all()) {
      const clear = await plot.evaluate((g) => {
        const title = g.querySelectorAll('text.row-plot__title')[1].getBoundingClientRect();
        return [...g.querySelectorAll('text:not(.row-plot__title)')].every((t) => {
          const r = t.getBoundingClientRect();
          return r.left >= title.right || r.right <= title.left || r.top >= title.bottom || r.bottom <= title.top;
        });
      });
      expect(clear).toBe(true);
    }
  }
});
