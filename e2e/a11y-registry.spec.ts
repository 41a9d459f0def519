import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// The registry, prediction and history views, in the states a person sees most: filled, predicted, logged.
const ready: Record<string, (page: Page) => Promise<void>> = {
  models: async (page) => {
    await expect(page.getByRole('table', { name: 'Saved model versions' })).toContainText('Active');
  },
  predict: async (page) => {
    await expect(page.getByText(/Using version 1,/)).toBeVisible();
    await page.getByLabel('CRIM — per-capita crime rate').fill('oops');
    await page.getByLabel('RM — average rooms per dwelling').fill('9.5');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await page.getByLabel('CRIM — per-capita crime rate').fill('0.2');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await expect(page.getByLabel('Predicted price')).toHaveText(/^\$/);
    await page.getByLabel('CRIM — per-capita crime rate').fill('oops');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await expect(page.getByLabel('CRIM — per-capita crime rate')).toHaveAttribute('aria-invalid', 'true');
  },
  history: async (page) => {
    await expect(page.getByRole('status').filter({ hasText: /predictions?/ })).toBeVisible();
  },
};

for (const colorScheme of ['light', 'dark'] as const) {
  for (const view of Object.keys(ready)) {
    test(`${view} view in ${colorScheme} mode has no serious or critical axe violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(`/#${view}`);
      await ready[view](page);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}
