import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab } from './lab-page';

for (const colorScheme of ['light', 'dark'] as const) {
  for (const view of ['lab', 'data'] as const) {
    test(`${view} view in ${colorScheme} mode has no serious or critical axe violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      if (view === 'lab') await openLab(page, '?k=20');
      else {
        await page.goto('/#data');
        await expect(page.getByRole('table').first()).toBeVisible();
      }
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}
