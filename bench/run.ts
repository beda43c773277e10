import type { FastifyInstance } from 'fastify';
import seedrandom from 'seedrandom';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGridLookup } from '../server/domain/grid-lookup.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { chinaDay, DAY_MS } from '../server/domain/china-time.ts';
import type { GridCollection, Category } from '../server/schemas/contract.ts';
import { measuredOn, writeReportSection } from './report.ts';
import { MILLION_DATABASE, seedTimed, serveDatabase } from './served-database.ts';
import { signInOver, type SessionHeaders } from './session.ts';
import { measureRequests, SAMPLES, summarise, WARM_UP, type Latency } from './sequential-requests.ts';
import { parseCredential, resumeSession } from '../server/services/sessions.ts';

/**
 * `npm run bench`: seeding time, read-API latency at demo and 1,000,000-problem scale, and grid
 * lookup throughput. Prints the results and rewrites their section of docs/benchmarks.md.
 * The million-problem database is built once into BENCH_DATABASE (data/bench-1m.db) and reused.
 */

/** A request and its p95 targets at demo and million scale (null: measured, no target). */
type BenchRequest = [url: string, demoTarget: number | null, millionTarget: number | null];

async function readApiLatencies(origin: string, headers: SessionHeaders, scale: 'demo' | 'million'): Promise<Array<{ url: string; latency: Latency; target: number | null }>> {
  const categories = await (await fetch(`${origin}/api/districts/qingchuan/categories`, { headers })).json() as Category[];
  const subcategory = categories.find((category) => category.parentCode !== null)!;
  const mainCategory = categories.find((category) => category.parentCode === null)!;
  const departmentId = (await (await fetch(`${origin}/api/districts/qingchuan/issues?limit=1`, { headers })).json() as { items: Array<{ department: { id: number } | null }> })
    .items[0]?.department?.id ?? 1;
  const yearAgo = chinaDay(Date.now() - 365 * DAY_MS);
  const requests: BenchRequest[] = [
    ['/api/districts/qingchuan/grids', 20, 20],
    ['/api/districts/qingchuan/issues?limit=100', 30, 30],
    ['/api/districts/qingchuan/issues?state=assigned,in_progress&limit=100', 30, 30],
    ['/api/districts/qingchuan/issues?grid=B07&overdue=true&limit=100', 30, 30],
    [`/api/districts/qingchuan/issues?category=${mainCategory.code}&from=2026-09-01&to=2026-09-30&limit=100`, 30, 30],
    [`/api/districts/qingchuan/issues?category=${subcategory.code}&source=citizen_report&limit=100`, 30, 30],
    [`/api/districts/qingchuan/issues?department=${departmentId}&state=reported,assigned,in_progress,rectified&limit=100`, 30, 30],
    ['/api/districts/qingchuan/issues?bbox=116.99,36.6,117.02,36.62&limit=100', 30, 30],
    ['/api/districts/qingchuan/issues?bbox=117.0,36.61,117.005,36.615&limit=100', 30, 30],
    ['/api/districts/qingchuan/issues?bbox=116.99,36.6,117.02,36.62&state=assigned,in_progress&limit=100', 30, 30],
    [`/api/districts/qingchuan/performance?unit=grid&from=${yearAgo}`, 50, 200],
    [`/api/districts/qingchuan/performance?unit=department&from=${yearAgo}`, null, null],
    [`/api/districts/qingchuan/performance?unit=leader&from=${yearAgo}`, null, null],
    ['/api/districts/qingchuan/performance?unit=grid', null, null],
    [`/api/districts/qingchuan/performance/trend?unit=street&id=J01&interval=month&from=${yearAgo}`, null, null],
    ['/api/districts/qingchuan/rankings?unit=department', null, null],
    ['/api/districts/qingchuan/issues/positions?state=reported,assigned,in_progress,rectified', null, null],
  ];
  const results = [];
  for (const [url, demoTarget, millionTarget] of requests) {
    results.push({ url, latency: await measureRequests(origin, url, headers), target: scale === 'demo' ? demoTarget : millionTarget });
  }
  return results;
}

async function gridLookupRate(origin: string, headers: SessionHeaders): Promise<{ pointsPerSecond: number; points: number }> {
  const grids = await (await fetch(`${origin}/api/districts/qingchuan/grids`, { headers })).json() as GridCollection;
  const lookup = createGridLookup(grids.features.map((feature) => ({ code: feature.properties.code, kind: feature.properties.kind, geometry: feature.geometry })));
  const random = seedrandom('grid-lookup-bench');
  const points = 1_000_000;
  const coordinates = new Float64Array(points * 2);
  // The district's extent plus a margin, so some points fall outside every grid.
  for (let index = 0; index < points; index += 1) {
    coordinates[index * 2] = 116.94 + random() * 0.12;
    coordinates[index * 2 + 1] = 36.57 + random() * 0.08;
  }
  let best = Infinity;
  let found = 0;
  for (let round = 0; round < 3; round += 1) {
    found = 0;
    const started = performance.now();
    for (let index = 0; index < points; index += 1) if (lookup(coordinates[index * 2]!, coordinates[index * 2 + 1]!) !== null) found += 1;
    best = Math.min(best, performance.now() - started);
  }
  if (found === 0) throw new Error('no benchmark point fell in a grid');
  return { pointsPerSecond: Math.round(points / (best / 1000)), points };
}

/**
 * What authentication adds to every request: the session check alone (cookie to secret, its
 * SHA-256, the session and account read, now and then the session marked used), timed on its own.
 */
async function sessionCheckLatency(server: FastifyInstance, headers: SessionHeaders): Promise<Latency> {
  const credential = parseCredential(decodeURIComponent(headers.cookie.split('=')[1]!))!;
  const served = server.servedDistricts[0]!;
  const samples: number[] = [];
  for (let index = 0; index < WARM_UP + SAMPLES * 10; index += 1) {
    const started = performance.now();
    await resumeSession(served, credential.secret, Date.now(), server.securityOptions);
    if (index >= WARM_UP) samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/** A whole sign-in over HTTP: the password checked against its argon2id hash, a session made. */
async function signInLatency(origin: string): Promise<Latency> {
  const samples: number[] = [];
  for (let index = 0; index < 5 + 50; index += 1) {
    const started = performance.now();
    await signInOver(origin, 'leader');
    if (index >= 5) samples.push(performance.now() - started);
  }
  return summarise(samples);
}

const milliseconds = (value: number) => value.toFixed(1);

async function main() {
  const lines: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'civgrid-bench-'));
  try {
    console.log(`seeding the demo district (${DEFAULT_ISSUE_COUNT} problems)…`);
    const demoPath = join(scratch, 'demo.db');
    const demoSeconds = seedTimed(demoPath, DEFAULT_ISSUE_COUNT);
    let millionSeconds: number | null = null;
    if (!existsSync(MILLION_DATABASE)) {
      console.log(`seeding ${MILLION_DATABASE} (1,000,000 problems, a few minutes)…`);
      millionSeconds = seedTimed(MILLION_DATABASE, 1_000_000);
    }

    lines.push('### Seeding', '', '| Database | Seconds |', '| --- | ---: |');
    lines.push(`| demo district, ${DEFAULT_ISSUE_COUNT.toLocaleString('en')} problems (target < 60 s) | ${demoSeconds.toFixed(1)} |`);
    lines.push(`| 1,000,000 problems | ${millionSeconds === null ? 'reused an existing file' : millionSeconds.toFixed(1)} |`, '');

    for (const [label, path] of [['demo district', demoPath], ['1,000,000 problems', MILLION_DATABASE]] as const) {
      console.log(`measuring the read API on the ${label}…`);
      const { server, origin, headers } = await serveDatabase(path);
      try {
        const results = await readApiLatencies(origin, headers, path === demoPath ? 'demo' : 'million');
        // A department account's lists are narrowed in the query: they must stay within the same targets.
        const department = await signInOver(origin, 'department');
        for (const url of ['/api/districts/qingchuan/issues?limit=100', '/api/districts/qingchuan/issues?state=reported,assigned,in_progress,rectified&limit=100']) {
          results.push({ url: `${url} (department account)`, latency: await measureRequests(origin, url, department), target: 30 });
        }
        // The map's problem layer as a department account opens it: its open problems.
        const openPositions = '/api/districts/qingchuan/issues/positions?state=reported,assigned,in_progress,rectified';
        results.push({ url: `${openPositions} (department account)`, latency: await measureRequests(origin, openPositions, department), target: null });
        const sessionCheck = await sessionCheckLatency(server, headers);
        const signIn = await signInLatency(origin);
        lines.push(`### Read API, ${label}`, '', `${SAMPLES} sequential HTTP requests each after ${WARM_UP} to warm up; milliseconds. Performance requests without a target are recorded for reference.`, '');
        lines.push('| Request | p50 | p95 | max | p95 target |', '| --- | ---: | ---: | ---: | ---: |');
        for (const { url, latency, target } of results) {
          const goal = target === null ? '—' : `≤ ${target}${latency.p95 > target ? ' **missed**' : ''}`;
          lines.push(`| \`${url}\` | ${milliseconds(latency.p50)} | ${milliseconds(latency.p95)} | ${milliseconds(latency.max)} | ${goal} |`);
        }
        lines.push('');
        lines.push(`### Accounts, ${label}`, '', 'Every request above was made signed in (the commander; the department rows as the department account, whose lists the query narrows to its department).', '');
        lines.push('| Measured | p50 | p95 | max | p95 target |', '| --- | ---: | ---: | ---: | ---: |');
        lines.push(`| the session check every request pays, alone (${(SAMPLES * 10).toLocaleString('en')} checks) | ${milliseconds(sessionCheck.p50)} | ${milliseconds(sessionCheck.p95)} | ${milliseconds(sessionCheck.max)} | ≤ 1${sessionCheck.p95 > 1 ? ' **missed**' : ''} |`);
        lines.push(`| a sign-in over HTTP (argon2id, 19 MiB, 2 passes; 50 sign-ins) | ${milliseconds(signIn.p50)} | ${milliseconds(signIn.p95)} | ${milliseconds(signIn.max)} | ≤ 300${signIn.p95 > 300 ? ' **missed**' : ''} |`, '');
        if (path === demoPath) {
          const { pointsPerSecond, points } = await gridLookupRate(origin, headers);
          lines.push('### Grid lookup', '', `${points.toLocaleString('en')} random points over the district and its margin, best of 3 rounds: **${pointsPerSecond.toLocaleString('en')} points/s** (target ≥ 1,000,000).`, '');
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  writeReportSection('foundation', [
    '## Seeding, read API, rectification performance and grid lookup', '',
    `${measuredOn('npm run bench')}, Node ${process.version}.`, '',
    ...lines,
  ]);
}

await main();
