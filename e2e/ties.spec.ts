import { expect, test } from '@playwright/test';
import { openLab, out } from './lab-page';

test('full features on Boston: no tie-affected k, and the caption says every point is exact', async ({ page }) => {
  await openLab(page);
  const figure = page.getByRole('figure', { name: /Test error for every k/ });
  await expect(figure).toContainText('No k has tied neighbours: every point is exact.');
  await expect(figure.locator('.chart-ties')).toHaveCount(0);
  await expect(page.getByText(/neighbours tied at the/)).toHaveCount(0);
  // The claim, on every page and in the Data view, is only what the parity tests show.
  await expect(page.getByRole('contentinfo')).toContainText('The split is scikit-learn’s train_test_split, exactly, for every seed.');
  await expect(page.getByRole('contentinfo')).toContainText('where no test row has neighbours tied at its k-th distance');
  await expect(page.getByRole('contentinfo')).not.toContainText(/last digit|match scikit-learn 1\.2’s train_test_split and KNeighborsRegressor\./);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data' }).click();
  await expect(page.getByRole('main')).toContainText('How exact. The split is scikit-learn’s train_test_split, exactly, for every seed.');
});

test('a tie-heavy feature subset: the best and the selected k say how many rows tie, and the chart marks those k', async ({ page }) => {
  await openLab(page, '?seed=21&weights=uniform&features=age,rad');
  await expect(out(page, 'Best k')).toHaveText('6');
  const bestCard = page.getByRole('region', { name: 'At the best k' });
  await expect(bestCard).toContainText(/At k = 6, \d+ of 51 test rows have neighbours tied at the 6th distance; scikit-learn may keep a different one of them\./);
  const figure = page.getByRole('figure', { name: /Test error for every k/ });
  await expect(figure).toContainText(/Orange ticks on the k axis: the \d+ of 454 k where scikit-learn may give other numbers, because some test row has neighbours tied/);
  await expect(figure.locator('.chart-ties path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+v-7/);
  const selectedCard = page.getByRole('region', { name: 'At the selected k' });
  await page.getByRole('slider', { name: 'k (neighbours)' }).press('Home');
  await expect(out(page, 'Selected k')).toHaveText('1');
  await expect(selectedCard).toContainText(/At k = 1, \d+ of 51 test rows have neighbours tied at the 1st distance/);
});
