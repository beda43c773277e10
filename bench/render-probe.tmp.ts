import { writeFileSync } from 'node:fs';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';

const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const { server, origin } = await startServer(district);
const browser = await launchBrowser();
try {
  for (let run = 0; run < Number(process.env.RUNS ?? 2); run++) {
    const { page, close } = await openPage(browser, origin, { width: 1920, height: 1080 });
    const client = await page.context().newCDPSession(page);
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 1000 });
    await client.send('Profiler.start');
    const started = Date.now();
    await page.goto(`${origin}/screen`);
    await page.locator('[data-testid="list-leaders"] li').first().waitFor({ timeout: 60_000 });
    const panels = Date.now() - started;
    await page.locator('[data-testid="map"][data-map-loaded="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const loaded = Date.now() - started;
    await page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const idle = Date.now() - started;
    const { profile } = await client.send('Profiler.stop');
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => `${Math.round(e.startTime)}-${Math.round((e as PerformanceResourceTiming).responseEnd)} ${e.name.replace(location.origin, '').slice(0, 70)}`));
    console.log(`run ${run}: panels ${panels} loaded ${loaded} idle ${idle}`);
    if (run === 0) console.log(resources.join('\n'));
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas!;
    profile.samples!.forEach((id, i) => {
      const n = byId.get(id)!; const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    const buckets = new Map<number, Map<string, number>>();
    let clock = 0;
    profile.samples!.forEach((id, i) => {
      clock += dt[i] ?? 0;
      const n = byId.get(id)!; const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      const bucket = Math.floor(clock / 1e6);
      const m = buckets.get(bucket) ?? new Map<string, number>(); buckets.set(bucket, m);
      m.set(key, (m.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    for (const [bucket, m] of [...buckets].sort((a, b) => a[0] - b[0])) console.log(`second ${bucket}: ` + [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${v.toFixed(0)} ${k}`).join(' | '));
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
    console.log(top.map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
    writeFileSync(`/tmp/probe/render-${run}.cpuprofile`, JSON.stringify(profile));
    await close();
  }
} finally {
  await browser.close();
  await server.close();
  district.remove();
}
