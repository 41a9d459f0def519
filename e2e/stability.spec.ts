import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { out, param } from './lab-page';

/** Opens the Stability view with these lab settings (a query string) and the seed range typed in. */
async function openStability(page: Page, query: string, from: string, to: string): Promise<void> {
  await page.goto(`/${query}#stability`);
  await page.getByLabel('From seed').fill(from);
  await page.getByLabel('To seed').fill(to);
}

const histogram = (page: Page, seeds: string) => page.getByRole('group', { name: `Best k for each of ${seeds} seeds` });

/** The seed a bar's name says it opens ("… Open seed 6 in the lab"). */
async function seedOpenedBy(bar: ReturnType<Page['getByRole']>): Promise<string> {
  const name = (await bar.getAttribute('aria-label')) ?? '';
  return /Open seed (\d+) in the lab/.exec(name)![1];
}

test('runs 500 seeds in the worker and shows the histogram, the reading and where the lab’s seed falls', async ({ page }) => {
  await openStability(page, '', '0', '499');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText(/^Over 500 seeds the best k ranged from 1 to \d+; it was \d+ most often/)).toBeVisible({ timeout: 30_000 });
  await expect(histogram(page, '500')).toBeVisible();
  // Seed 42 (the lab's default) is in the range: its bar is named as holding it, and its MSE is placed.
  await expect(page.getByRole('button', { name: /^k = 6: .*including the lab’s seed\. Open seed \d+ in the lab$/ })).toBeVisible();
  await expect(page.getByText(/The lab’s seed, 42, has best k 6 .* best test MSE of 22\.71: [\d.]+ % of the seeds scored lower/)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Q1' })).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('Cancel part-way through 10,000 seeds stops that worker only: the lab still answers a change', async ({ page }) => {
  test.setTimeout(90_000); // two busy workers and axe on a shared two-core machine
  // Standard scaling sweeps every seed from scratch: 10,000 of them take long enough (~30 s) to stop part-way.
  await openStability(page, '?scale=standard', '0', '9999');
  // The run starts its own worker; others (the lab's sweep, quick calls) may start around it and must live on.
  let closed = 0;
  page.on('worker', (worker) => worker.on('close', () => closed++));
  await page.getByRole('button', { name: 'Run' }).click();
  const bar = page.getByRole('progressbar', { name: 'Seed stability progress' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0.02);
  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="stability-title"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  expect(closed).toBe(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => closed).toBe(1); // terminated, not asked politely
  await expect(page.getByRole('status').filter({ hasText: /^Stopped after [\d,]+ of 10,000 seeds; nothing is kept/ })).toBeVisible();
  await expect(bar).toBeHidden();

  await page.getByRole('link', { name: 'Lab', exact: true }).click();
  const before = await out(page, 'Test MSE').textContent();
  await page.getByRole('radio', { name: 'Uniform' }).check();
  await expect(out(page, 'Test MSE')).not.toHaveText(before ?? '');
  await expect(out(page, 'Test MSE')).not.toHaveText('–');
});

test('a bar opens its lowest seed in the lab, by click or by Enter', async ({ page }) => {
  await openStability(page, '', '0', '99');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(histogram(page, '100')).toBeVisible({ timeout: 30_000 });

  const three = page.getByRole('button', { name: /^k = 3: / });
  const seed = await seedOpenedBy(three);
  await three.click();
  await expect(page).toHaveURL(/#lab$/);
  await expect(page.getByLabel('Seed number')).toHaveValue(seed);
  expect(param(page, 'seed')).toBe(seed);

  await page.getByRole('link', { name: 'Stability' }).click();
  // The seed changed, the settings did not: the result still answers them, and the bars still open seeds.
  await histogram(page, '100').getByRole('button', { name: /^k = 3: / }).focus();
  await page.keyboard.press('ArrowRight');
  const next = page.locator('.histogram__button:focus');
  const nextSeed = await seedOpenedBy(next);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#lab$/);
  await expect(page.getByLabel('Seed number')).toHaveValue(nextSeed);
  expect(param(page, 'seed')).toBe(nextSeed);
});

test('a result is marked as other settings’ once the lab’s settings change, and bad ranges run nothing', async ({ page }) => {
  await openStability(page, '', '0', '49');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(histogram(page, '50')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: 'Lab', exact: true }).click();
  await page.getByRole('radio', { name: 'Manhattan' }).check();
  await page.getByRole('link', { name: 'Stability' }).click();
  await expect(page.getByRole('heading', { name: /Earlier result, for other settings: seeds 0–49/ })).toBeVisible();
  await expect(page.getByText(/This run used other settings: Euclidean distance \(now Manhattan distance\)\./)).toBeVisible();
  const stale = await new AxeBuilder({ page }).include('.stability__result').analyze();
  expect(stale.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await expect(page.getByRole('img', { name: 'Best k for each of 50 seeds (other settings)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^k = / })).toHaveCount(0);

  for (const [from, to, message] of [
    ['-1', '5', /From must be a whole number from 0 to 4,294,967,295; got “-1”/],
    ['2.5', '5', /From must be a whole number/],
    ['0', '99999999999', /To must be a whole number/],
    ['9', '3', /From \(9\) is above to \(3\)/],
    ['0', '10000', /10,001 seeds; at most 10,000/],
  ] as const) {
    await page.getByLabel('From seed').fill(from);
    await page.getByLabel('To seed').fill(to);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('alert')).toHaveText(message);
    await expect(page.getByLabel('From seed')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('progressbar', { name: 'Seed stability progress' })).toHaveCount(0);
  }
});
