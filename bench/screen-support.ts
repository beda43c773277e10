import type { CDPSession, Page } from 'playwright-core';

/** What the big-screen benchmarks share: opening the wall and reading the page's counters. */

export const WALL = { width: 1920, height: 1080 };

/** Seconds from navigation to every panel filled, and to the map drawn and idle as well. */
export interface WallOpening {
  panels: number;
  map: number;
}

/** Navigates to the wall and waits until every panel is filled and the map is drawn and idle. */
export async function openWall(page: Page, url: string): Promise<WallOpening> {
  const started = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="list-leaders"] li').first().waitFor({ timeout: 60_000 });
  const panels = (performance.now() - started) / 1000;
  await page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  return { panels, map: (performance.now() - started) / 1000 };
}

/** Seconds from navigation to the benchmark's empty map drawn and idle. */
export async function openEmptyMap(page: Page, url: string): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  return (performance.now() - started) / 1000;
}

export async function heapMegabytes(client: CDPSession): Promise<number> {
  await client.send('HeapProfiler.collectGarbage');
  const { metrics } = await client.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')!.value / 2 ** 20;
}

/** Seconds the page's main thread has spent on tasks so far. */
export async function taskSeconds(client: CDPSession): Promise<number> {
  const { metrics } = await client.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')!.value;
}
