import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-accounts.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, startServer } from '../tests/browser/support/browser.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { signInOver } from './session.ts';
import { measureRequests, SAMPLES, WARM_UP } from './sequential-requests.ts';

/**
 * `npm run bench:field`: the phone app's weight and speed. The JavaScript /m loads before it
 * shows anything (gzipped, as sent); how long 我的待办 takes to be usable for a department
 * account on Chromium's "Slow 4G" (its DevTools preset: 1.6 Mb/s down, 750 kb/s up, 562.5 ms
 * latency), from an empty cache; and the problem reads with 100,000 photos stored, against the
 * read targets of `npm run bench`. Rewrites its section of docs/benchmarks.md.
 */

const CLIENT = resolve(import.meta.dirname, '../dist/client');
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1_000_000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 };
const LOAD_RUNS = 3;
const PHOTOS = 100_000;

/** The scripts the phone app's page names: its entry and every module it preloads. */
function fieldAppScripts(): Array<{ file: string; gzipped: number }> {
  const html = readFileSync(resolve(CLIENT, 'm/index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(([, file]) => ({ file: file!, gzipped: gzipSync(readFileSync(resolve(CLIENT, file!)), { level: 9 }).length }));
}

/** 100,000 photos given to the problems' reports, three to a problem, as the SQL of an upload and an attach would leave them. */
function storePhotos(database: import('better-sqlite3').Database): void {
  database.transaction(() => {
    database.prepare(`INSERT INTO photos (id, sha256, media_type, byte_size, width, height, taken_at, longitude, latitude, stored_at)
      SELECT n, printf('%064x', n), 'image/jpeg', 2500000, 2560, 1920, i.reported_at - 60000, i.longitude, i.latitude, i.reported_at
      FROM (SELECT i.id * 3 + k.k - 2 AS n, i.* FROM issues i CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) k) i
      WHERE n <= @photos`).run({ photos: PHOTOS });
    database.prepare(`INSERT INTO issue_photos (issue_id, event_id, photo_id, stage, flags, ordinal)
      SELECT (p.id + 2) / 3, e.id, p.id, 'report', '[]', (p.id + 2) % 3
      FROM photos p JOIN issue_events e ON e.issue_id = (p.id + 2) / 3 AND e.action = 'report'`).run();
  })();
}

const scripts = fieldAppScripts();
const totalKilobytes = scripts.reduce((sum, script) => sum + script.gzipped, 0) / 1024;

const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
storePhotos(district.database);
const photoCount = district.database.prepare('SELECT count(*) FROM issue_photos').pluck().get() as number;
const { server, origin } = await startServer(district);
const browser = await launchBrowser();
try {
  /** Seconds from asking for /m/ to 我的待办 listed with its countdowns, on Slow 4G; `kept`: the phone has opened the app before. */
  const openingSeconds = async (kept: boolean) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: kept ? 'allow' : 'block' });
    await context.request.post(`${origin}/api/session`, { data: { username: 'department', password: DEMO_PASSWORD } });
    if (kept) {
      const earlier = await context.newPage();
      await earlier.goto(`${origin}/m/`);
      await earlier.getByTestId('task-countdown').first().waitFor({ timeout: 60_000 });
      await earlier.evaluate(async () => { await navigator.serviceWorker.ready; });
      await earlier.close();
    }
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: !kept });
    await devtools.send('Network.emulateNetworkConditions', SLOW_4G);
    const started = performance.now();
    await page.goto(`${origin}/m/`, { waitUntil: 'commit' });
    await page.getByTestId('task-countdown').first().waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    await context.close();
    return seconds;
  };
  /** Seconds from tapping 登录 on a new phone (the app loaded, nothing kept) to 我的待办 listed, on Slow 4G. */
  const signInSeconds = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    await devtools.send('Network.emulateNetworkConditions', SLOW_4G);
    await page.goto(`${origin}/m/`);
    await page.getByTestId('sign-in-username').fill('department');
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    const started = performance.now();
    await page.getByTestId('sign-in-submit').tap();
    await page.getByTestId('task-countdown').first().waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    await context.close();
    return seconds;
  };
  const signIns: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run += 1) signIns.push(await signInSeconds());
  const first: number[] = [];
  const later: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run += 1) {
    first.push(await openingSeconds(false));
    later.push(await openingSeconds(true));
  }
  const loadRow = (label: string, runs: number[]) => {
    const sorted = [...runs].sort((a, b) => a - b);
    const median = percentile(sorted, 0.5);
    return { median, row: `| 我的待办 usable on Slow 4G, ${label} (median of ${LOAD_RUNS}; slowest ${sorted.at(-1)!.toFixed(1)} s) | ${median.toFixed(1)} s | ≤ 3 s${median > 3 ? ' **missed**' : ''} |` };
  };
  const firstOpening = loadRow('department account, first opening on the phone (signed in, empty cache)', first);
  const laterOpening = loadRow('a later opening (the app kept by its service worker, the session remembered)', later);
  const signingIn = loadRow('from tapping 登录 on a new phone (the app loaded, nothing kept)', signIns);

  const headers = await signInOver(origin);
  const departmentHeaders = await signInOver(origin, 'department');
  const reads: Array<[string, Record<string, string>, number]> = [
    ['/api/districts/qingchuan/issues?limit=100', headers, 30],
    ['/api/districts/qingchuan/issues?state=assigned,in_progress&limit=100', headers, 30],
    ['/api/session/work (the phone\'s 我的待办: up to 1000 problems, department account)', departmentHeaders, 100],
    ['/api/districts/qingchuan/issues/1500', headers, 30],
  ];
  const rows: string[] = [];
  for (const [label, as, target] of reads) rows.push(`| \`${label}\` | ${(await measureRequests(origin, label.split(' ')[0]!, as)).p95.toFixed(1)} | ≤ ${target} |`);

  writeReportSection('field', [
    '## The phone app', '',
    `${measuredOn('npm run bench:field')}.`, '',
    '| measured | figure | target |', '| --- | ---: | ---: |',
    `| JavaScript /m loads before it shows anything (${scripts.length} files, gzipped) | ${totalKilobytes.toFixed(0)} kB | ≤ 250 kB${totalKilobytes > 250 ? ' **missed**' : ''} |`,
    firstOpening.row, laterOpening.row, signingIn.row, '',
    `Problem reads on the ${DEFAULT_ISSUE_COUNT.toLocaleString('en')}-problem demo with ${photoCount.toLocaleString('en')} photos given to its problems (SQLite; ${SAMPLES} sequential requests over HTTP after ${WARM_UP}; each summary now carries its first and latest photo), p95 in milliseconds:`, '',
    '| request | p95 | target |', '| --- | ---: | ---: |', ...rows,
    '',
    'Slow 4G costs 562.5 ms a request and 180 kB/s: a first opening is the page, then at once its',
    `${scripts.length} scripts, its styles, the session check and the account's work (\`/api/session/work\`, an`,
    'address without the district, preloaded by the page) side by side, each one request; what both',
    'pages load goes in one shared chunk, as more files than a browser fetches at a time would cost',
    'another round trip. Every later opening has the app on the phone.',
  ]);
} finally {
  await browser.close();
  await server.close();
  district.remove();
}
