import { centroid } from '@turf/turf';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import type { GridCollection } from '../server/schemas/contract.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
import { snapshotHeap, type HeapBreakdown } from './heap-snapshot.ts';
import { measuredOn, writeReportSection } from './report.ts';
import { heapMegabytes, openWall, WALL } from './screen-support.ts';
import { signInInjected } from './session.ts';

/**
 * `npm run bench:screen-endurance`: the big screen at 1920×1080 on the demo district while a busy
 * day is replayed at 10× speed through the workflow API for `SCREEN_MINUTES` minutes (default 120):
 * the page's JS heap each minute, where its growth went (heap snapshots), and whether it ever
 * reloaded. Rewrites its section of docs/benchmarks.md.
 */

const MINUTES = Number(process.env.SCREEN_MINUTES ?? 120);
/** A busy day: three times the demo's daily average of about 100 reports, each followed by a dispatch. */
const REPORTS_PER_DAY = 300;
const SPEED = 10;
const EVENTS_PER_MINUTE = ((REPORTS_PER_DAY * 2) / (24 * 60)) * SPEED;
/** Minutes for the page to settle (its first refetches, the tour's first round) before growth is counted. */
const SETTLE_MINUTES = 5;

const megabytes = (value: number) => `${value.toFixed(1)} MB`;
const signed = (value: number, unit = '') => `${value >= 0 ? '+' : ''}${value.toFixed(1)}${unit}`;

const SNAPSHOT_PARTS: Array<[keyof HeapBreakdown, string]> = [
  ['javaScriptObjectsMegabytes', "the page's JavaScript objects"],
  ['browserObjectsMegabytes', 'the browser objects behind the page (DOM, canvases, text caches)'],
  ['compiledCodeMegabytes', "V8's compiled code"],
  ['devToolsRecordsMegabytes', "DevTools' network records for the benchmark's own connection"],
];

/** Where the growth went between the settled snapshot and the last one, and what the page's own objects did. */
function heapBreakdownLines(settled: HeapBreakdown, end: HeapBreakdown): string[] {
  const pageObjects = (breakdown: HeapBreakdown) => breakdown.javaScriptObjectsMegabytes + breakdown.browserObjectsMegabytes;
  const pageGrowth = ((pageObjects(end) - pageObjects(settled)) / pageObjects(settled)) * 100;
  return [
    `- Heap snapshots from minute ${SETTLE_MINUTES} to the end: ${SNAPSHOT_PARTS.map(([part, label]) => `${label} ${megabytes(settled[part])} → ${megabytes(end[part])}`).join('; ')}.`,
    `- The page's own objects (its JavaScript objects and the browser objects behind them): ${megabytes(pageObjects(settled))} → ${megabytes(pageObjects(end))}, **${signed(pageGrowth, '%')}**.`,
  ];
}

const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const { server, origin } = await startServer(district, { pacing: {} });
const browser = await launchBrowser();
try {
  const session = await openPage(browser, origin, { viewport: WALL });
  const { page } = session;
  const client = await page.context().newCDPSession(page);
  await client.send('Performance.enable');
  await openWall(page, `${origin}/screen`);
  // A mark on the loaded page: a reload would lose it.
  await page.evaluate('window.screenSessionMark = "endurance"');

  const commander = await signInInjected(server);
  const grids = (await server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids', headers: commander })).json() as GridCollection;
  const places = grids.features.filter((feature) => feature.properties.kind === 'block').map((feature) => centroid(feature).geometry.coordinates as [number, number]);
  const heap: number[] = [await heapMegabytes(client)];
  let settledSnapshot: HeapBreakdown | undefined;
  let events = 0;
  for (let minute = 1; minute <= MINUTES; minute += 1) {
    const due = Math.round(minute * EVENTS_PER_MINUTE) - events;
    for (let index = 0; index < due; index += 1) {
      const [longitude, latitude] = places[(events + index) % places.length]!;
      const report = await server.inject({
        method: 'POST', url: '/api/districts/qingchuan/issues',
        payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '巡查发现', address: '回放', longitude, latitude }, headers: commander,
      });
      if (index % 2 === 1) await server.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${report.json().id}/actions`, payload: { action: 'dispatch', version: 1 }, headers: commander });
      await page.waitForTimeout(60_000 / Math.max(1, due));
    }
    events += due;
    if (due === 0) await page.waitForTimeout(60_000);
    heap.push(await heapMegabytes(client));
    if (minute === SETTLE_MINUTES) settledSnapshot = await snapshotHeap(client);
    console.log(`minute ${minute}: ${events} events, heap ${megabytes(heap.at(-1)!)}`);
  }
  const endSnapshot = await snapshotHeap(client);
  const settled = heap[Math.min(SETTLE_MINUTES, heap.length - 1)]!;
  const growth = ((heap.at(-1)! - settled) / settled) * 100;
  const halfway = heap[Math.floor(MINUTES / 2)]!;
  const reloaded = (await page.evaluate('window.screenSessionMark')) !== 'endurance';
  await session.close();

  writeReportSection('screen-endurance', [
    '## Big screen: endurance', '',
    `${measuredOn(`SCREEN_MINUTES=${MINUTES} npm run bench:screen-endurance`)}, headless Chromium with SwiftShader, 1920 × 1080, demo district.`, '',
    `- A busy day (${REPORTS_PER_DAY} reports, half of them dispatched) replayed at ${SPEED}× for ${MINUTES} minutes: ${events} reports and ${Math.floor(events / 2)} dispatches reached the screen through the live feed.`,
    `- JS heap after garbage collection: ${megabytes(heap[0]!)} at the start, ${megabytes(settled)} after ${SETTLE_MINUTES} minutes, ${megabytes(halfway)} at ${Math.floor(MINUTES / 2)} minutes, ${megabytes(heap.at(-1)!)} at the end: **${signed(growth, '%')}** from the settled figure (target < 10%); ${signed(((heap.at(-1)! - halfway) / halfway) * 100, '%')} over the second half. Peak ${megabytes(Math.max(...heap))}.`,
    ...(settledSnapshot ? heapBreakdownLines(settledSnapshot, endSnapshot) : []),
    `- Reloaded: **${reloaded ? 'yes' : 'no'}** (a mark set on the page after it opened was still there at the end).`,
    `- Heap each ${Math.max(1, Math.floor(MINUTES / 12))} minutes (MB): ${heap.filter((_, index) => index % Math.max(1, Math.floor(MINUTES / 12)) === 0).map((value) => value.toFixed(1)).join(', ')}.`,
  ]);
} finally {
  await browser.close();
  await server.close();
  district.remove();
}
