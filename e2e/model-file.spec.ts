import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './lab-page';

const models = (page: Page) => page.getByRole('table', { name: 'Saved model versions' });
const row = (page: Page, version: number) => models(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(version), exact: true }) });
const notice = (page: Page, text: RegExp) => page.getByRole('main').getByText(text);

async function exportVersion(page: Page, version: number, dir: string): Promise<{ path: string; name: string }> {
  const download = page.waitForEvent('download');
  await row(page, version).getByRole('button', { name: `Export version ${version} as a model file` }).click();
  const file = await download;
  const path = `${dir}/${file.suggestedFilename()}`;
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

async function predictedPrice(page: Page): Promise<string> {
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$/);
  // The readout rounds; the sentence under it gives the price to three decimals.
  return `${await page.getByLabel('Predicted price').textContent()} ${await page.getByText(/^By version/).textContent()}`.replace(/By version \d+ \(“[^”]*”\)/, '');
}

test('a model exported, deleted and imported back predicts the same price', async ({ page }, testInfo) => {
  await openLab(page, '?seed=5');
  await page.getByLabel('Model name').fill('seed five');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version 2/ })).toBeVisible();
  const before = await predictedPrice(page);

  await page.goto('/#models');
  const exported = await exportVersion(page, 1, testInfo.outputDir);
  expect(exported.name).toMatch(/^Default- the old script’s settings\.knn\.json$/);
  const file = JSON.parse(readFileSync(exported.path, 'utf8'));
  expect(file).toMatchObject({ schema: 'knn-lab/model', schemaVersion: 2, model: { k: expect.any(Number) }, intervals: { method: 'cv-conformal' } });
  expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

  await row(page, 2).getByRole('button', { name: 'Activate version 2' }).click();
  await row(page, 1).getByRole('button', { name: 'Delete version 1' }).click();
  await page.getByRole('dialog', { name: 'Delete version 1?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row(page, 1)).toHaveCount(0);

  await page.getByLabel('Import model file').setInputFiles(exported.path);
  await expect(notice(page, /Imported “Default: the old script’s settings” as version 3/)).toBeVisible();
  await row(page, 3).getByRole('button', { name: 'Activate version 3' }).click();
  await expect(row(page, 3)).toContainText('Active');
  expect(await predictedPrice(page)).toBe(before);
});

test('a tampered file is refused with its reason and changes nothing; pasting a stored model says it is already there', async ({ page }, testInfo) => {
  await page.goto('/#models');
  await expect(row(page, 1)).toContainText('Active');
  const exported = await exportVersion(page, 1, testInfo.outputDir);
  const file = JSON.parse(readFileSync(exported.path, 'utf8'));
  file.model.trainY[0] += 1;
  const tampered = `${testInfo.outputDir}/tampered.knn.json`;
  writeFileSync(tampered, JSON.stringify(file));

  await page.getByLabel('Import model file').setInputFiles(tampered);
  await expect(notice(page, /“tampered\.knn\.json” was not imported: sha256: the file has been altered: its content hashes to [0-9a-f]{12}…, the file says [0-9a-f]{12}…\. Nothing was changed\./)).toBeVisible();
  await expect(models(page).getByRole('row')).toHaveCount(2);

  // Paste anywhere on the view (not into a field): the importer reads the pasted JSON.
  const text = readFileSync(exported.path, 'utf8');
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.setData('text/plain', json);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await expect(notice(page, /“pasted JSON” was not imported: it is already stored as version 1\. Nothing was changed\./)).toBeVisible();
  await expect(models(page).getByRole('row')).toHaveCount(2);

  // A file dropped on the view goes through the same checks.
  const dropped = await page.evaluateHandle((json) => {
    const data = new DataTransfer();
    data.items.add(new File([json], 'dropped.knn.json', { type: 'application/json' }));
    return data;
  }, JSON.stringify(file));
  await models(page).dispatchEvent('drop', { dataTransfer: dropped });
  await expect(notice(page, /“dropped\.knn\.json” was not imported: sha256: the file has been altered/)).toBeVisible();
  await expect(models(page).getByRole('row')).toHaveCount(2);
});

test('Copy as JSON puts on the clipboard exactly the file Export downloads', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#models');
  await expect(row(page, 1)).toContainText('Active');
  const exported = await exportVersion(page, 1, testInfo.outputDir);
  await row(page, 1).getByRole('button', { name: 'Copy version 1 as JSON' }).click();
  await expect(row(page, 1).getByRole('status')).toHaveText(/^Copied \(\d+ KB\)\.$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(readFileSync(exported.path, 'utf8'));
});
