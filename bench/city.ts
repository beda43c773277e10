import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { p95, startServer, timed } from './servers.ts';
import { signInOver } from './session.ts';
import { demoUsername } from '../server/seed/demo-accounts.ts';
import type { District } from '../server/store/districts.ts';

/**
 * `npm run bench:city -- --postgres postgres://…/database [--samples N]`: one server on a city's
 * PostgreSQL database (npm run seed -- --districts 10 --issues 10000000 --database …), and the
 * requests a district's pages open with, sent to every district in turn: grids, the first page of
 * problems (all, and open ones; and all again just after a write, which makes the kept count
 * stale), the district's performance; then the city view across them all.
 * Rewrites its section of docs/benchmarks.md.
 */

const projectRoot = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { postgres: { type: 'string' }, samples: { type: 'string', default: '30' } } });
if (!values.postgres) {
  console.error('usage: npm run bench:city -- --postgres postgres://…/database [--samples N]\n(build it with npm run seed -- --districts 10 --issues 10000000 --database postgres://…/database)');
  process.exit(1);
}
const WARM_UP = 3;
const SAMPLES = Number(values.samples);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.5);

const DISTRICT_REQUESTS = [
  { label: 'grids (the map\'s first request)', path: '/grids', target: '30 ms' },
  { label: 'first page of problems', path: '/issues?limit=100', target: '30 ms' },
  { label: 'first page of open problems', path: '/issues?state=reported,assigned,in_progress,rectified&limit=100', target: '30 ms' },
  { label: 'district performance', path: '/performance?unit=district', target: '200 ms' },
  { label: 'grid performance, 12 months', path: '/performance?unit=grid&days=365', target: '—' },
];

async function main() {
  const server = await startServer('PostgreSQL city', projectRoot, { CIVGRID_DATABASE_URL: values.postgres! });
  try {
    const districts = await (await fetch(`${server.origin}/api/districts`, { headers: server.headers })).json() as District[];
    // Each district's requests are made by its own commander: an account reaches its own district only.
    const asCommanderOf = new Map(await Promise.all(districts.map(async (district) => [district.code, { ...server, headers: await signInOver(server.origin, demoUsername(district, 'commander')) }] as const)));
    const commanderOf = (code: string) => asCommanderOf.get(code)!;
    const totals = await Promise.all(districts.map(async ({ code }) =>
      (await (await fetch(`${server.origin}/api/districts/${code}/issues?limit=1`, { headers: commanderOf(code).headers })).json() as { total: number }).total));
    const rows: string[] = [];
    for (const request of DISTRICT_REQUESTS) {
      const samples: number[] = [];
      // Every district in turn, round after round, so that no district is measured warm from its own last answer alone.
      for (let round = 0; round < WARM_UP + SAMPLES; round += 1) {
        for (const { code } of districts) {
          const elapsed = await timed(commanderOf(code), `/api/districts/${code}${request.path}`);
          if (round >= WARM_UP) samples.push(elapsed);
        }
      }
      rows.push(`| ${request.label} | \`/api/districts/<code>${request.path}\` | ${ms(median(samples))} | ${ms(p95(samples))} | ${request.target} |`);
      console.log(rows.at(-1));
    }
    // A write makes every kept count stale: the first page after one counts a million problems afresh.
    const afterWrite: number[] = [];
    const chased = await Promise.all(districts.map(async ({ code }) => {
      const page = await (await fetch(`${server.origin}/api/districts/${code}/issues?state=assigned,in_progress&limit=1`, { headers: commanderOf(code).headers })).json() as { items: Array<{ id: number; version: number }> };
      const { id, version } = page.items[0]!;
      return { district: code, id, version };
    }));
    for (let round = 0; round < WARM_UP + SAMPLES; round += 1) {
      for (const issue of chased) {
        const response = await fetch(`${server.origin}/api/districts/${issue.district}/issues/${issue.id}/actions`, {
          method: 'POST', headers: { ...commanderOf(issue.district).headers, 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'set_deadline', version: issue.version, deadline: new Date(Date.now() + (30 + round) * 86_400_000).toISOString() }),
        });
        if (!response.ok) throw new Error(`an action in ${issue.district} answered ${response.status}`);
        issue.version = ((await response.json()) as { version: number }).version;
        const elapsed = await timed(commanderOf(issue.district), `/api/districts/${issue.district}/issues?limit=100`);
        if (round >= WARM_UP) afterWrite.push(elapsed);
      }
    }
    rows.splice(2, 0, `| first page of problems, just after a write | \`/api/districts/<code>/issues?limit=100\` | ${ms(median(afterWrite))} | ${ms(p95(afterWrite))} | 30 ms |`);
    console.log(rows[2]);
    const city: number[] = [];
    for (let round = 0; round < WARM_UP + SAMPLES; round += 1) {
      const elapsed = await timed(server, '/api/city');
      if (round >= WARM_UP) city.push(elapsed);
    }
    rows.push(`| the city view, every district | \`/api/city\` | ${ms(median(city))} | ${ms(p95(city))} | — |`);
    console.log(rows.at(-1));
    const total = totals.reduce((sum, each) => sum + each, 0);
    writeReportSection('city', [
      `## A city on PostgreSQL: ${districts.length} districts, ${total.toLocaleString('en')} problems`, '',
      `${measuredOn('npm run bench:city')}, Node ${process.version}, PostgreSQL and the server on the same machine.`,
      `Each district's requests are sent to every district in turn, ${SAMPLES} rounds after ${WARM_UP} to warm up (${SAMPLES * districts.length} samples per row); p50 and p95 over HTTP.`, '',
      '| request | path | p50 | p95 | target p95 |', '|---|---|---:|---:|---:|',
      ...rows,
    ]);
  } finally {
    server.process.kill();
  }
}

await main();
