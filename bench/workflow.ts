import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import app, { fastifyOptions } from '../server/app.ts';
import { UNLIMITED } from '../server/plugins/rate-limits.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { districtStoreOf } from '../server/store/districts.ts';
import Database from 'better-sqlite3';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { openEventStream, type EventStreamClient } from '../tests/support/event-stream.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { signInInjected } from './session.ts';

/**
 * `npm run bench:workflow`: workflow writes on the demo district and on the 1,000,000-problem
 * database (data/bench-1m.db, made by `npm run bench`): one action, a bulk reassignment of 500
 * problems, and the time from a write to its event reaching 200 connected live-feed clients.
 * Writes go to the databases; the demo one is a temporary copy. Rewrites its section of
 * docs/benchmarks.md.
 */

const projectRoot = resolve(import.meta.dirname, '..');
const MILLION_DATABASE = resolve(process.env.BENCH_DATABASE ?? join(projectRoot, 'data/bench-1m.db'));
const ACTIONS = 300;
const BULK_RUNS = 5;
const BULK_SIZE = 500;
const CLIENTS = 200;
const FAN_OUT_RUNS = 20;

interface Figures { action: number[]; bulk: number[]; fanOut: number[] }

const ms = (values: number[], share: number) => `${percentile([...values].sort((a, b) => a - b), share).toFixed(1)} ms`;

async function serve(path: string): Promise<{ server: FastifyInstance; origin: string }> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  // Measured from one address, far past what a person sends: no rate limit in the way.
  await server.register(fastifyPlugin(app), { districts: [await districtStoreOf(createSqliteStore(openDatabase(path)))], rateLimits: UNLIMITED, security: { signInsPerMinute: 1_000_000 } });
  await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, origin: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}

async function measure(path: string): Promise<Figures> {
  const { server, origin } = await serve(path);
  // The problems to act on are read on a connection of the bench's own.
  const database = new Database(server.servedDistricts[0]!.store.location, { readonly: true });
  const session = await signInInjected(server);
  const post = (url: string, payload: object) => server.inject({ method: 'POST', url, payload, headers: session });
  try {
    // One action: a deadline moved on open problems, each at its current version.
    const open = database.prepare(`SELECT id, version FROM issues WHERE state = 'assigned' ORDER BY id DESC LIMIT ${ACTIONS}`).all() as Array<{ id: number; version: number }>;
    const action: number[] = [];
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString();
    for (const issue of open) {
      const started = performance.now();
      const response = await post(`/api/districts/qingchuan/issues/${issue.id}/actions`, { action: 'set_deadline', version: issue.version, deadline });
      action.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(response.body);
    }

    // A bulk reassignment: 500 problems none of which is with the department already.
    const departments = database.prepare('SELECT id FROM departments ORDER BY id LIMIT @runs').pluck().all({ runs: BULK_RUNS }) as number[];
    const bulk: number[] = [];
    for (const departmentId of departments) {
      const items = database.prepare(`SELECT id, version FROM issues WHERE state IN ('assigned', 'in_progress') AND department_id != @departmentId
        ORDER BY id DESC LIMIT ${BULK_SIZE}`).all({ departmentId }) as Array<{ id: number; version: number }>;
      const started = performance.now();
      const response = await post('/api/districts/qingchuan/issues/bulk', { action: 'reassign', departmentId, items });
      bulk.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(response.body.slice(0, 300));
    }

    // From the write to its event reaching every one of 200 live-feed clients.
    const clients: EventStreamClient[] = [];
    for (let index = 0; index < CLIENTS; index += 1) clients.push(await openEventStream(`${origin}/api/districts/qingchuan/events`, session));
    await Promise.all(clients.map((client) => client.next('counts')));
    const fanOut: number[] = [];
    const targets = database.prepare(`SELECT id, version FROM issues WHERE state = 'assigned' ORDER BY id LIMIT ${FAN_OUT_RUNS}`).all() as Array<{ id: number; version: number }>;
    for (const issue of targets) {
      const started = performance.now();
      const arrivals = clients.map((client) => client.next('issue', 10_000).then(() => performance.now()));
      await post(`/api/districts/qingchuan/issues/${issue.id}/actions`, { action: 'set_deadline', version: issue.version, deadline });
      fanOut.push(Math.max(...await Promise.all(arrivals)) - started);
    }
    for (const client of clients) client.close();
    return { action, bulk, fanOut };
  } finally {
    database.close();
    await server.close();
  }
}

const demo = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const results: Array<[string, Figures]> = [];
try {
  results.push([`demo (${DEFAULT_ISSUE_COUNT.toLocaleString('en')} problems)`, await measure(demo.path)]);
} finally {
  demo.remove();
}
if (existsSync(MILLION_DATABASE)) results.push(['1,000,000 problems', await measure(MILLION_DATABASE)]);
else console.warn(`no ${MILLION_DATABASE}: run npm run bench first for the million-problem figures`);

writeReportSection('workflow', [
  '## Workflow writes and the live feed', '',
  `${measuredOn('npm run bench:workflow')}, Node ${process.version}; requests through \`app.inject\` (no network), live-feed clients over HTTP on localhost.`, '',
  '| Database | One action p50 | p95 (target ≤ 10 ms) | Bulk reassign of 500, median | slowest (target ≤ 500 ms) | Write → event at all 200 clients, p50 | p95 (target ≤ 200 ms) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(([label, figures]) => `| ${label} | ${ms(figures.action, 0.5)} | ${ms(figures.action, 0.95)} | ${ms(figures.bulk, 0.5)} | ${ms(figures.bulk, 1)} | ${ms(figures.fanOut, 0.5)} | ${ms(figures.fanOut, 0.95)} |`),
]);
