import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
import { measuredOn, writeReportSection } from './report.ts';

/**
 * `npm run bench:map`: from navigation to the overview map idle with all its layers (grids,
 * base map, open problems, inspection points) on the demo district, in headless Chromium on SwiftShader; and
 * the size of each client bundle. Rewrites its section of docs/benchmarks.md.
 */

const projectRoot = resolve(import.meta.dirname, '..');
const ASSETS = join(projectRoot, 'dist/client/assets');
const RUNS = 5;

async function navigationToIdle(): Promise<number[]> {
  const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
  const { server, origin } = await startServer(district, { pacing: {} });
  const browser = await launchBrowser();
  const timings: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run += 1) {
      const session = await openPage(browser, origin);
      const started = performance.now();
      await session.page.goto(`${origin}/`);
      await session.page.locator('[data-testid="map"][data-rendered-grids="65"]').waitFor({ state: 'attached', timeout: 60_000 });
      await session.page.locator('[data-testid="map"][data-map-idle="true"]:not([data-inspection-points="0"]):not([data-issues="0"])').waitFor({ state: 'attached', timeout: 60_000 });
      const elapsed = performance.now() - started;
      if (session.outsideRequests.length > 0) throw new Error(`outside requests: ${session.outsideRequests.join(', ')}`);
      await session.close();
      // The first run warms the server's statement cache and the browser's compile caches.
      if (run > 0) timings.push(elapsed);
    }
  } finally {
    await browser.close();
    await server.close();
    district.remove();
  }
  return timings.sort((a, b) => a - b);
}

function bundleSizes(): Array<{ file: string; bytes: number; gzipped: number }> {
  if (!existsSync(ASSETS)) throw new Error('no built client: run npm run build');
  return readdirSync(ASSETS).filter((file) => /\.(js|css)$/.test(file)).map((file) => {
    const path = join(ASSETS, file);
    return { file, bytes: statSync(path).size, gzipped: gzipSync(readFileSync(path)).length };
  }).sort((a, b) => b.bytes - a.bytes);
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

const timings = await navigationToIdle();
const sizes = bundleSizes();
const lines = [
  '## Map client: navigation to idle and bundle sizes', '',
  `${measuredOn('npm run bench:map')}, headless Chromium with SwiftShader (software WebGL), 1600 × 900.`, '',
  `From \`page.goto('/')\` to the map idle with the 65 grids, the base map, the open problems and the inspection points drawn, demo district (${DEFAULT_ISSUE_COUNT.toLocaleString('en')} problems), ${RUNS} runs after one to warm up: median **${(timings[Math.floor(timings.length / 2)]! / 1000).toFixed(2)} s**, slowest ${(timings.at(-1)! / 1000).toFixed(2)} s (target ≤ 3 s).`, '',
  '| Bundle | Size | Gzipped |', '| --- | ---: | ---: |',
  ...sizes.map(({ file, bytes, gzipped }) => `| \`${file.replace(/-[\w-]{8}\.(js|css)$/, '.$1')}\` | ${kilobytes(bytes)} | ${kilobytes(gzipped)} |`),
];
writeReportSection('map', lines);
