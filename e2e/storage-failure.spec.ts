import { expect, test } from '@playwright/test';
import { openLab, out } from './lab-page';

test('when IndexedDB throws, a banner says nothing will be kept, and training and predicting still work', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(IDBFactory.prototype, 'open', {
      value: () => {
        throw new DOMException('IndexedDB disabled for this test', 'InvalidStateError');
      },
    });
  });
  await openLab(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Storage unavailable' })).toContainText('will be lost when this tab closes');
  await expect(out(page, 'Best k')).toHaveText('6');
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).toHaveText('24.89');
  await page.goto('/#predict');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByLabel('Predicted price')).toHaveText(/^\$/);
});
