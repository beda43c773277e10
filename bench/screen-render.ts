import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { bbox } from '@turf/turf';
import type { GridCollection } from '../server/schemas/contract.ts';
import { signIn } from '../tests/support/test-app.ts';
import { openEmptyMap, openWall, taskSeconds, WALL, type WallOpening } from './screen-support.ts';

/**
 * `npm run bench:screen`: the big screen at 1920×1080 on the demo district, opened afresh
 * `SCREEN_RUNS` times (default 5): navigation to every panel filled, and to the map idle. Beside
 * each, MapLibre alone with the same style and tiles at the same size and view (the floor the
 * wall's map is measured against), and MapLibre alone drawing the wall's grids on that map (what
 * the grids cost without the wall's page); then the main thread's busy share in a quiet minute.
 * Rewrites its section of docs/benchmarks.md.
 */

const RUNS = Number(process.env.SCREEN_RUNS ?? 5);

const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
// Every opening signs in afresh, three to a run: more than the 20 a minute one address may.
const { server, origin } = await startServer(district, { pacing: {}, security: { signInsPerMinute: 1000 } });
const browser = await launchBrowser();
const grids = (await server.inject({ url: '/api/districts/qingchuan/grids', headers: (await signIn(server, 'commander')).headers })).json() as GridCollection;
const districtBounds = bbox(grids).join(',');
try {
  const openings: WallOpening[] = [];
  const emptyMaps: number[] = [];
  const gridMaps: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // A new context each time: nothing cached from the run before, as on a wall switched on.
    const session = await openPage(browser, origin, { viewport: WALL });
    openings.push(await openWall(session.page, `${origin}/screen`));
    const mapBox = (await session.page.getByTestId('map').boundingBox())!;
    // The wall is closed first: left running, its tour and clock would slow the empty map beside it.
    await session.close();
    const view = `bounds=${districtBounds}&width=${Math.round(mapBox.width)}&height=${Math.round(mapBox.height)}`;
    const empty = await openPage(browser, origin, { viewport: WALL });
    emptyMaps.push(await openEmptyMap(empty.page, `${origin}/bench/empty-map?${view}`));
    await empty.close();
    const gridsAlone = await openPage(browser, origin, { viewport: WALL });
    gridMaps.push(await openEmptyMap(gridsAlone.page, `${origin}/bench/empty-map?${view}&grids=1`));
    await gridsAlone.close();
    console.log(`run ${run + 1}: panels ${openings.at(-1)!.panels.toFixed(2)} s, map ${openings.at(-1)!.map.toFixed(2)} s, empty map ${emptyMaps.at(-1)!.toFixed(2)} s, the grids alone ${gridMaps.at(-1)!.toFixed(2)} s`);
  }
  // A quiet minute: what the wall costs with nothing happening (the clock, the tour).
  const session = await openPage(browser, origin, { viewport: WALL });
  await openWall(session.page, `${origin}/screen`);
  const client = await session.page.context().newCDPSession(session.page);
  await client.send('Performance.enable');
  const before = await taskSeconds(client);
  await session.page.waitForTimeout(60_000);
  const quietBusy = (await taskSeconds(client)) - before;
  await session.close();
  const sortedPanels = openings.map((opening) => opening.panels).sort((a, b) => a - b);
  const sortedFirstRender = openings.map((opening) => Math.max(opening.panels, opening.map)).sort((a, b) => a - b);
  const sortedMap = openings.map((opening) => opening.map).sort((a, b) => a - b);
  const sortedEmpty = [...emptyMaps].sort((a, b) => a - b);
  const sortedGrids = [...gridMaps].sort((a, b) => a - b);
  const ratio = percentile(sortedMap, 0.5) / percentile(sortedEmpty, 0.5);
  const gridsRatio = percentile(sortedGrids, 0.5) / percentile(sortedEmpty, 0.5);
  writeReportSection('screen', [
    '## Big screen: first render', '',
    `${measuredOn('npm run bench:screen')}, headless Chromium with SwiftShader, 1920 × 1080, demo district, ${RUNS} fresh opens.`, '',
    `- Every panel filled with its figures: median **${percentile(sortedPanels, 0.5).toFixed(2)} s**, fastest ${sortedPanels[0]!.toFixed(2)} s, slowest ${sortedPanels.at(-1)!.toFixed(2)} s.`,
    `- The map drawn and idle: median **${percentile(sortedMap, 0.5).toFixed(2)} s**, fastest ${sortedMap[0]!.toFixed(2)} s, slowest ${sortedMap.at(-1)!.toFixed(2)} s.`,
    `- First render (navigation to every panel filled and the map drawn and idle): median **${percentile(sortedFirstRender, 0.5).toFixed(2)} s**, fastest ${sortedFirstRender[0]!.toFixed(2)} s, slowest ${sortedFirstRender.at(-1)!.toFixed(2)} s (target ≤ 3 s).`,
    `- MapLibre alone, with the same style and tiles at the same size and view (\`/bench/empty-map\`, opened through the same app shell): median **${percentile(sortedEmpty, 0.5).toFixed(2)} s**, fastest ${sortedEmpty[0]!.toFixed(2)} s, slowest ${sortedEmpty.at(-1)!.toFixed(2)} s. The wall's map takes **${ratio.toFixed(2)}×** as long (target ≤ 1.2×).`,
    `- MapLibre alone drawing the wall's grids too, with the wall's layers and data and none of its page (\`/bench/empty-map?grids=1\`): median **${percentile(sortedGrids, 0.5).toFixed(2)} s**, fastest ${sortedGrids[0]!.toFixed(2)} s, slowest ${sortedGrids.at(-1)!.toFixed(2)} s: **${gridsRatio.toFixed(2)}×** the empty map. The wall's map takes **${(percentile(sortedMap, 0.5) / percentile(sortedGrids, 0.5)).toFixed(2)}×** as long as MapLibre alone with the grids.`,
    '- Times are read off the page\'s own clock, from navigation to the moment the page showed it (not when the harness next looked).',
    `- Main thread busy in a quiet minute: **${((quietBusy / 60) * 100).toFixed(1)}%** (${quietBusy.toFixed(1)} s of 60 s: the clock, the freshness mark, the map's tour).`,
  ]);
} finally {
  await browser.close();
  await server.close();
  district.remove();
}
