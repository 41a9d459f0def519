import { expect, test, type Page } from '@playwright/test';
import { openLab } from './lab-page';

const models = (page: Page) => page.getByRole('table', { name: 'Saved model versions' });
const row = (page: Page, version: number) => models(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(version), exact: true }) });

async function saveCurrentModel(page: Page, name: string): Promise<void> {
  await page.getByLabel('Model name').fill(name);
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as version \d+/ })).toBeVisible();
}

test('a first visit creates version 1; a saved version survives a reload and stays active once activated', async ({ page }) => {
  await openLab(page, '?seed=7&scale=standard');
  await page.goto('/?seed=7&scale=standard#models');
  await expect(row(page, 1)).toContainText('Active');
  await page.goto('/?seed=7&scale=standard#lab');
  await saveCurrentModel(page, 'scaled seed 7');
  await page.goto('/#models');
  await row(page, 2).getByRole('button', { name: 'Activate version 2' }).click();
  await expect(row(page, 2)).toContainText('Active');
  await page.reload();
  await expect(row(page, 2)).toContainText('scaled seed 7');
  await expect(row(page, 2)).toContainText('Active');
  await expect(row(page, 1)).not.toContainText('Active');
  await expect(row(page, 2)).toContainText('5.51'); // test MSE at the best k for seed 7, standard scaling
});

test('activating a version in one tab switches the prediction form of another, without a reload', async ({ context }) => {
  const a = await context.newPage();
  await openLab(a, '?seed=3');
  await saveCurrentModel(a, 'seed three');
  const b = await context.newPage();
  await b.goto('/#predict');
  await expect(b.getByText(/Using version 1,/)).toBeVisible();
  await a.goto('/#models');
  await row(a, 2).getByRole('button', { name: 'Activate version 2' }).click();
  await expect(b.getByText(/Using version 2, “seed three”/)).toBeVisible();
  await b.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(b.getByLabel('Model version used')).toHaveText('2');
});

test('the active model cannot be deleted; another version can, after confirming', async ({ page }) => {
  await openLab(page, '?seed=5');
  await saveCurrentModel(page, 'to delete');
  await page.goto('/#models');
  await expect(row(page, 1).getByRole('button', { name: 'Delete version 1' })).toBeDisabled();
  await expect(row(page, 1)).toContainText('The active version cannot be deleted: activate another one first.');
  await row(page, 2).getByRole('button', { name: 'Delete version 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete version 2?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 2)).toBeVisible();
  await row(page, 2).getByRole('button', { name: 'Delete version 2' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row(page, 2)).toHaveCount(0);
  await expect(row(page, 1)).toContainText('Active');
});

test('a record tampered with in IndexedDB is shown as damaged and never used; the others keep working', async ({ page }) => {
  await openLab(page, '?seed=11');
  await saveCurrentModel(page, 'will be tampered');
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('knn-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('models', 'readwrite');
      const store = tx.objectStore('models');
      const get = store.get(2);
      get.onsuccess = () => {
        const record = get.result;
        record.model.trainY[0] += 10; // a quiet change of one training price
        store.put(record);
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.goto('/#models');
  await expect(row(page, 2)).toContainText('Damaged');
  await expect(row(page, 2)).toContainText('hash mismatch');
  await expect(row(page, 2).getByRole('button', { name: 'Activate version 2' })).toHaveCount(0);
  await expect(row(page, 1)).toContainText('Active');
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Model version used')).toHaveText('1');
});

test('rename keeps the version, and "Open in lab" restores its settings and link', async ({ page }) => {
  await openLab(page, '?seed=9&weights=uniform&scale=standard&metric=manhattan&k=12');
  await saveCurrentModel(page, 'manhattan nine');
  await page.goto('/#models');
  await row(page, 2).getByRole('button', { name: 'Rename version 2' }).click();
  const form = page.getByRole('form', { name: 'Rename version 2' });
  await form.getByLabel('New name').fill('renamed');
  await form.getByRole('button', { name: 'Save name' }).click();
  await expect(row(page, 2)).toContainText('renamed');
  await page.goto('/#models'); // a fresh page load: the new name was stored, and its hash still checks out
  await expect(row(page, 2)).toContainText('renamed');
  await expect(row(page, 2)).not.toContainText('Damaged');
  await row(page, 2).getByRole('button', { name: 'Open version 2 in lab' }).click();
  await expect(page.getByLabel('Selected k', { exact: true })).toHaveText('12');
  const url = new URL(page.url());
  expect(Object.fromEntries(['seed', 'weights', 'scale', 'metric', 'k'].map((p) => [p, url.searchParams.get(p)]))).toEqual({
    seed: '9', weights: 'uniform', scale: 'standard', metric: 'manhattan', k: '12',
  });
});

test('the prediction form shows only the features the active model uses', async ({ page }) => {
  await openLab(page, '?features=rm,lstat,ptratio');
  await saveCurrentModel(page, 'three features');
  await page.goto('/#models');
  await row(page, 2).getByRole('button', { name: 'Activate version 2' }).click();
  await expect(row(page, 2)).toContainText('Active');
  await page.goto('/#predict');
  const form = page.getByRole('form', { name: 'House features' });
  await expect(form.getByRole('textbox')).toHaveCount(3);
  await expect(form.getByLabel('RM — average rooms per dwelling')).toBeVisible();
  await expect(form.getByLabel('CRIM — per-capita crime rate')).toHaveCount(0);
  await form.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByLabel('Model version used')).toHaveText('2');
});
