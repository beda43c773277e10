import { centroid } from '@turf/turf';
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import type { GridCollection } from '../server/schemas/grids.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';

const MINUTES = Number(process.env.PROBE_MINUTES ?? 10);
const PER_MINUTE = Number(process.env.PROBE_EVENTS ?? 20);
const TOUR = process.env.PROBE_TOUR ?? '20';

async function snapshot(client: CDPSession, file: string) {
  await client.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const listener = (event: { chunk: string }) => chunks.push(event.chunk);
  client.on('HeapProfiler.addHeapSnapshotChunk', listener);
  await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  client.off('HeapProfiler.addHeapSnapshotChunk', listener);
  writeFileSync(file, chunks.join(''));
}
async function heap(client: CDPSession) {
  await client.send('HeapProfiler.collectGarbage');
  const { metrics } = await client.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
}
const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const { server, origin } = await startServer(district);
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, origin, { width: 1920, height: 1080 });
  const client = await page.context().newCDPSession(page);
  await client.send('Performance.enable');
  await client.send('HeapProfiler.enable');
  await page.goto(`${origin}/screen?tour=${TOUR}`);
  await page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForTimeout(90_000);
  console.log('heap A', await heap(client));
  await snapshot(client, '/tmp/probe/a.heapsnapshot');
  const grids = (await server.inject({ method: 'GET', url: '/api/grids' })).json() as GridCollection;
  const places = grids.features.filter((f) => f.properties.kind === 'block').map((f) => centroid(f).geometry.coordinates as [number, number]);
  let n = 0;
  for (let minute = 1; minute <= MINUTES; minute++) {
    for (let i = 0; i < PER_MINUTE; i++) {
      const [longitude, latitude] = places[n++ % places.length]!;
      const report = await server.inject({ method: 'POST', url: '/api/issues', payload: { category: 'exposed_garbage', source: 'grid_patrol', description: 'x', address: 'x', longitude, latitude, actor: 'x' } });
      if (i % 2) await server.inject({ method: 'POST', url: `/api/issues/${report.json().id}/actions`, payload: { action: 'dispatch', version: 1, actor: 'x' } });
      await page.waitForTimeout(60_000 / PER_MINUTE);
    }
    console.log('minute', minute, 'heap', (await heap(client)).toFixed(2));
  }
  await snapshot(client, '/tmp/probe/b.heapsnapshot');
} finally {
  await browser.close();
  await server.close();
  district.remove();
}
