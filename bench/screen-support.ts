import type { CDPSession, Page } from 'playwright-core';

/** What the big-screen benchmarks share: opening the wall and reading the page's counters. */

export const WALL = { width: 1920, height: 1080 };

/** Seconds from navigation to every panel filled, and to the map drawn and idle. */
export interface WallOpening {
  panels: number;
  map: number;
}

/** The wall's panels filled, its map drawn and idle, and MapLibre alone idle: what the openings wait for. */
const WALL_PANELS_FILLED = '[data-testid="list-leaders"] li';
const WALL_MAP_READY = '[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]';
const MAP_IDLE = '[data-testid="map"][data-map-idle="true"]';

/**
 * Seconds from navigation to each selector's first match, read off the page's own clock as the
 * page changes. Waiting on Playwright alone would add its polling interval, which grows the
 * longer it waits, and so would count against the slower page.
 */
async function secondsUntilMatched(page: Page, url: string, selectors: string[]): Promise<number[]> {
  await page.addInitScript({
    content: `window.matchedAt = {};
    new MutationObserver((changes, observer) => {
      const selectors = ${JSON.stringify(selectors)};
      for (const selector of selectors) {
        if (!(selector in window.matchedAt) && document.querySelector(selector)) window.matchedAt[selector] = performance.now();
      }
      if (selectors.every((selector) => selector in window.matchedAt)) observer.disconnect();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-idle', 'data-rendered-grids'] });`,
  });
  await page.goto(url);
  for (const selector of selectors) await page.locator(selector).first().waitFor({ state: 'attached', timeout: 60_000 });
  const matchedAt = await page.evaluate(() => (window as unknown as { matchedAt: Record<string, number> }).matchedAt);
  return selectors.map((selector) => matchedAt[selector]! / 1000);
}

/** Navigates to the wall and waits until every panel is filled and the map is drawn and idle. */
export async function openWall(page: Page, url: string): Promise<WallOpening> {
  const [panels, map] = await secondsUntilMatched(page, url, [WALL_PANELS_FILLED, WALL_MAP_READY]);
  return { panels: panels!, map: map! };
}

/** Seconds from navigation to the benchmark's empty map drawn and idle. */
export async function openEmptyMap(page: Page, url: string): Promise<number> {
  const [idle] = await secondsUntilMatched(page, url, [MAP_IDLE]);
  return idle!;
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
