import { createSeededDatabase } from '../tests/support/test-database.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const { server, origin } = await startServer(district);
const browser = await launchBrowser();
try {
  for (let run = 0; run < 2; run++) {
    const { page, close } = await openPage(browser, origin, { width: 1920, height: 1080 });
    const lines: string[] = [];
    let t0 = 0;
    page.context().on('request', (r) => lines.push(`${Date.now() - t0} > ${r.url().replace(origin, '').slice(0, 60)}`));
    page.context().on('requestfinished', (r) => lines.push(`${Date.now() - t0} < ${r.url().replace(origin, '').slice(0, 60)}`));
    page.on('console', (m) => lines.push(`${Date.now() - t0} console ${m.text()}`));
    t0 = Date.now();
    await page.goto(`${origin}/screen`);
    const poll = setInterval(() => void page.evaluate(() => { const m = document.querySelector('[data-testid="map"]') as HTMLElement | null; return m ? JSON.stringify(m.dataset) : 'none'; }).then((d) => lines.push(`${Date.now() - t0} dataset ${d.slice(0, 120)}`)).catch(() => {}), 250);
    await page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    clearInterval(poll);
    console.log(`run ${run}: ${Date.now() - t0}`);
    if (run === 1) console.log(lines.filter((l) => !l.includes('/assets/') || l.includes('worker')).join('\n'));
    await close();
  }
} finally {
  await browser.close(); await server.close(); district.remove();
}
