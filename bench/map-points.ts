import type { Page } from 'playwright-core';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';

/**
 * `npm run bench:points`: the benchmark page (`/bench/points?count=N`) draws no problems (the
 * map alone, the floor), 100,000 and then 1,000,000 made-up problems over the district; for each, the time until the map is idle with
 * them drawn, and the frame times while a user drags the map, zoomed out (hexagon density) and
 * zoomed in (a dot per problem). Headless Chromium on SwiftShader. Rewrites its section of
 * docs/benchmarks.md.
 */

const COUNTS = [0, 100_000, 1_000_000];
const DRAG_STEPS = 60;
const DRAG_STEP_PAUSE_MS = 50;

interface FrameTimes { frames: number; seconds: number; p50: number; p95: number; max: number }

const mapIs = (page: Page, attributes: string) =>
  page.locator(`[data-testid="map"]${attributes}`).waitFor({ state: 'attached', timeout: 180_000 });

/** Drags the map left and back as a hand would, recording the interval between animation frames. */
async function dragFrameTimes(page: Page): Promise<FrameTimes> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const centreX = box.x + box.width / 2;
  const centreY = box.y + box.height / 2;
  // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
  await page.evaluate(`{
    window.frameIntervals = [];
    window.recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.frameIntervals.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }`);
  const started = Date.now();
  await page.mouse.move(centreX, centreY);
  await page.mouse.down();
  for (let step = 1; step <= DRAG_STEPS; step += 1) {
    const offset = 300 * Math.sin((step / DRAG_STEPS) * Math.PI);
    await page.mouse.move(centreX - offset, centreY - offset / 3);
    await page.waitForTimeout(DRAG_STEP_PAUSE_MS);
  }
  await page.mouse.up();
  const seconds = (Date.now() - started) / 1000;
  const intervals = await page.evaluate<number[]>('window.recording = false, window.frameIntervals.slice(1)');
  const sorted = [...intervals].sort((a, b) => a - b);
  return { frames: intervals.length, seconds, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
}

async function measure(count: number) {
  const district = createSeededDatabase(3000);
  const { server, origin } = await startServer(district, { pacing: {} });
  const browser = await launchBrowser();
  try {
    const session = await openPage(browser, origin);
    const { page } = session;
    const started = performance.now();
    await page.goto(`${origin}/bench/points?count=${count}`);
    await mapIs(page, `[data-issues="${count}"][data-rendered-grids="65"]`);
    await page.getByTestId('points-benchmark').and(page.locator(`[data-count="${count}"]`)).waitFor();
    await mapIs(page, '[data-map-idle="true"]');
    const toIdle = performance.now() - started;
    const zoomedOut = await dragFrameTimes(page);

    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    while ((await page.getByTestId('map').getAttribute('data-issue-layer-mode')) !== 'points') {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(300);
    }
    await mapIs(page, '[data-map-idle="true"][data-issue-layer-mode="points"]');
    const dotsDrawn = Number(await page.getByTestId('map').getAttribute('data-issue-dots'));
    const zoomedIn = await dragFrameTimes(page);
    if (session.outsideRequests.length > 0) throw new Error(`outside requests: ${session.outsideRequests.join(', ')}`);
    await session.close();
    return { count, toIdle, zoomedOut, zoomedIn, dotsDrawn };
  } finally {
    await browser.close();
    await server.close();
    district.remove();
  }
}

const results = [];
for (const count of COUNTS) results.push(await measure(count));

const row = (label: string, times: FrameTimes) =>
  `| ${label} | ${(times.frames / times.seconds).toFixed(1)} | ${times.p50.toFixed(0)} ms | ${times.p95.toFixed(0)} ms | ${times.max.toFixed(0)} ms |`;

writeReportSection('points', [
  '## Map client: drawing 100,000 and 1,000,000 problems', '',
  `${measuredOn('npm run bench:points')}, headless Chromium with SwiftShader (software WebGL), 1600 × 900.`, '',
  'The benchmark page `/bench/points?count=N` hands N made-up problems, in the same binary columns the positions endpoint sends, to the overview map. Frame times are the intervals between animation frames while the map is dragged for about 3 s.', '',
  '| Problems | Navigation to idle, drawn |', '| ---: | ---: |',
  ...results.map((result) => `| ${result.count.toLocaleString('en')} | ${(result.toIdle / 1000).toFixed(2)} s |`), '',
  '| Problems, view | Frames/s while dragging | Frame p50 | Frame p95 | Longest frame |', '| --- | ---: | ---: | ---: | ---: |',
  ...results.flatMap((result) => [
    row(`${result.count.toLocaleString('en')}, zoomed out (hexagons)`, result.zoomedOut),
    row(`${result.count.toLocaleString('en')}, zoomed in (${result.dotsDrawn.toLocaleString('en')} dots near the view)`, result.zoomedIn),
  ]),
]);
