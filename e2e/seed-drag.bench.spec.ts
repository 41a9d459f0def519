import { expect, test, type Page } from '@playwright/test';

const STEPS = 50;

interface DragFigures {
  count: number;
  median: number;
  p95: number;
  longestTask: number;
  longTasks: number;
}

/** Drags the seed slider through STEPS values, one at a time, and reads the `sweep` measures and long tasks. */
async function dragSeed(page: Page, query: string): Promise<DragFigures> {
  await page.goto(`/?seed=0${query}`);
  await expect(page.getByLabel('Best k', { exact: true })).not.toHaveText('–', { timeout: 30_000 });
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    performance.clearMeasures('sweep');
  });
  const slider = page.getByRole('slider', { name: 'Seed' });
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  const x0 = box.x + 8; // the thumb's centre at value 0
  const stepPx = (box.width - 16) / (STEPS + 2);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let i = 1; i <= STEPS; i++) {
    await page.mouse.move(x0 + i * stepPx, y);
    // One input at a time: wait until this move's result is on screen before the next.
    await page.waitForFunction((n) => performance.getEntriesByName('sweep').length >= n, i, { timeout: 10_000 });
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const d = performance.getEntriesByName('sweep').map((e) => e.duration).sort((a, b) => a - b);
    const tasks = (window as unknown as { longTasks: number[] }).longTasks;
    const pick = (q: number) => d[Math.max(0, Math.min(d.length - 1, Math.ceil(q * d.length) - 1))];
    return { count: d.length, median: pick(0.5), p95: pick(0.95), longestTask: Math.max(0, ...tasks), longTasks: tasks.length };
  });
}

test('dragging the seed slider: sweep latency in the worker against the same drag with sweeps on the main thread', async ({ page }) => {
  const worker = await dragSeed(page, '');
  const main = await dragSeed(page, '&sweepOn=main');
  const line = (name: string, f: DragFigures) =>
    `${name.padEnd(12)} n=${f.count}  median ${f.median.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  longest task ${f.longTasks ? `${f.longestTask.toFixed(0)} ms` : 'none > 50 ms'} (${f.longTasks} long tasks)`;
  console.log(
    [
      `seed drag, ${STEPS} values, headless Chromium; 'sweep' = input event → chart commit`,
      line('worker', worker),
      line('main thread', main),
      `ratio worker/main-thread: median ${(worker.median / main.median).toFixed(2)}, p95 ${(worker.p95 / main.p95).toFixed(2)}`,
      `targets: median ≤ 16 ms, p95 ≤ 50 ms, no task > 50 ms`,
    ].join('\n'),
  );
  expect(worker.count).toBe(STEPS);
});
