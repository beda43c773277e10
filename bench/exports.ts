import { existsSync } from 'node:fs';
import { measuredOn, writeReportSection } from './report.ts';
import { MILLION_DATABASE, seedTimed, serveDatabase } from './served-database.ts';

/**
 * `npm run bench:exports`: the dispatcher's problem list exported whole from the million-problem
 * database over real HTTP — as CSV (1,000,000 rows) and as xlsx (the closed ones of a quarter) —
 * timed to the last byte, with the server process's memory sampled while it streams; then the
 * same CSV read by a client that waits 50 ms after each chunk it takes, to see the server wait for it
 * rather than buffer the file. Rewrites its section of docs/benchmarks.md.
 */

async function download(url: string, headers: Record<string, string>, slow: boolean): Promise<{ seconds: number; bytes: number; peakRss: number; peakHeap: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    let bytes = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (slow) await new Promise((resolve) => setTimeout(resolve, 50));
      if (slow && performance.now() - started > 10_000) {
        await reader.cancel();
        break;
      }
    }
    return { seconds: (performance.now() - started) / 1000, bytes, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

if (!existsSync(MILLION_DATABASE)) {
  console.log(`seeding ${MILLION_DATABASE} (1,000,000 problems, a few minutes)…`);
  seedTimed(MILLION_DATABASE, 1_000_000);
}
const { server, origin, headers } = await serveDatabase(MILLION_DATABASE);
const megabytes = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const lines = [`${measuredOn('npm run bench:exports')}; the server and the client in one process (memory is theirs together), over HTTP on localhost.`, '',
  '| export | rows | size | to the last byte | peak RSS | peak heap |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
try {
  const base = `${origin}/api/districts/qingchuan/exports`;
  const counted = async (query: string) => (await (await fetch(`${origin}/api/districts/qingchuan/issues?${query}&limit=1`, { headers })).json() as { total: number }).total;
  for (const [label, path, query, slow] of [
    ['CSV, every problem', 'problems.csv', '', false],
    ['xlsx, closed in a quarter', 'problems.xlsx', 'state=closed&from=2026-07-01&to=2026-09-30', false],
    ['CSV, every problem, to a client waiting 50 ms after each chunk (stopped at 10 s)', 'problems.csv', '', true],
  ] as const) {
    global.gc?.();
    const result = await download(`${base}/${path}?${query}`, headers, slow);
    lines.push(`| ${label} | ${(await counted(query)).toLocaleString('en')} | ${megabytes(result.bytes)} | ${result.seconds.toFixed(1)} s | ${megabytes(result.peakRss)} | ${megabytes(result.peakHeap)} |`);
    console.log(lines.at(-1));
  }
} finally {
  await server.close();
}
writeReportSection('exports', ['## Exporting the problem list', '', ...lines]);
