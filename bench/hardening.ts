import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import app, { fastifyOptions, type AppOptions } from '../server/app.ts';
import { backupDatabase } from '../server/database/backup.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { districtStoreOf } from '../server/store/districts.ts';
import Database from 'better-sqlite3';
import { UNLIMITED } from '../server/plugins/rate-limits.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { launchBrowser, openPage, startServer } from '../tests/browser/support/browser.ts';
import { MILLION_DATABASE } from './served-database.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { signInInjected, type SessionHeaders } from './session.ts';

/**
 * `npm run bench:hardening`: what the hardening costs and holds. A bulk action's answer with 200
 * reading live-feed clients against none; server memory with 10 clients that never read over
 * 20,000 events; the fuzz suite's run; an online backup of the 1,000,000-problem database
 * (data/bench-1m.db, made by `npm run bench`) while writes go on; /api/districts/qingchuan/grids against the same
 * bytes from memory; bytes over the wire for a first visit; synchronous=FULL's cost per write.
 * Rewrites its section of docs/benchmarks.md. Run with --expose-gc (the npm script does).
 */

const projectRoot = resolve(import.meta.dirname, '..');
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => percentile(sorted(values), 0.5);
const p95 = (values: number[]) => percentile(sorted(values), 0.95);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} kB`;

async function serve(path: string, options: Partial<AppOptions> = {}, addRoutes: (server: FastifyInstance) => void = () => {}): Promise<{ server: FastifyInstance; origin: string }> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  await server.register(fastifyPlugin(app), { districts: [await districtStoreOf(createSqliteStore(openDatabase(path)))], rateLimits: UNLIMITED, security: { signInsPerMinute: 1_000_000 }, ...options });
  addRoutes(server);
  await server.listen({ port: 0, host: '127.0.0.1' });
  sessions.set(server, await signInInjected(server));
  return { server, origin: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}

/** Each server's signed-in commander, whose headers every request of the benchmark carries. */
const sessions = new WeakMap<FastifyInstance, SessionHeaders>();
const sessionOf = (server: FastifyInstance) => sessions.get(server)!;
const inject = (server: FastifyInstance, url: string, payload: object) => server.inject({ method: 'POST', url, payload, headers: sessionOf(server) });
const deadline = (offsetMinutes: number) => new Date(Date.now() + 20 * 86_400_000 + offsetMinutes * 60_000).toISOString();
/** Open problems to act on, read on a connection of its own (the server's belongs to its store). */
function assigned(server: FastifyInstance, limit: number) {
  const database = new Database(server.servedDistricts[0]!.store.location, { readonly: true });
  try {
    return database.prepare(`SELECT id, version FROM issues WHERE state IN ('assigned', 'in_progress') ORDER BY id DESC LIMIT ${limit}`).all() as Array<{ id: number; version: number }>;
  } finally {
    database.close();
  }
}

/** A live-feed client that reads all it is sent. */
async function readingClient(origin: string, headers: SessionHeaders): Promise<() => void> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/districts/qingchuan/events`, { signal: controller.signal, headers });
  const reader = response.body!.getReader();
  void (async () => {
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read());
    } catch {
      // Closed by the benchmark.
    }
  })();
  return () => controller.abort();
}

/** A live-feed client that asks and never reads a byte. */
async function silentClient(origin: string): Promise<Socket> {
  const { port } = new URL(origin);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolveConnect) => socket.once('connect', resolveConnect));
  socket.write('GET /api/districts/qingchuan/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  socket.pause();
  return socket;
}

/** Median time to answer a 500-item bulk, over `runs`. */
async function bulkTimes(server: FastifyInstance, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const items = assigned(server, 500);
    const started = performance.now();
    const response = await inject(server, '/api/districts/qingchuan/issues/bulk', { action: 'set_deadline', deadline: deadline(run), items });
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(response.body.slice(0, 300));
    // The announcement goes out after the answer; let it, and the clients' reading, finish before the next run.
    await new Promise((done) => setTimeout(done, 1000));
  }
  return times;
}

async function liveFeedFigures(path: string) {
  const { server, origin } = await serve(path);
  try {
    const alone = await bulkTimes(server, 9);
    const closers = await Promise.all(Array.from({ length: 200 }, () => readingClient(origin, sessionOf(server))));
    await new Promise((done) => setTimeout(done, 500));
    const watched = await bulkTimes(server, 9);
    closers.forEach((close) => close());

    const silent = await Promise.all(Array.from({ length: 10 }, () => silentClient(origin)));
    await new Promise((done) => setTimeout(done, 300));
    gc();
    const before = process.memoryUsage();
    const targets = assigned(server, 2000);
    let events = 0;
    for (let round = 0; events < 20_000; round += 1) {
      for (const target of targets) {
        const response = await inject(server, `/api/districts/qingchuan/issues/${target.id}/actions`, { action: 'set_deadline', version: target.version, deadline: deadline(round * 10_000 + events) });
        if (response.statusCode === 200) target.version += 1;
        events += 1;
        if (events === 20_000) break;
      }
    }
    await new Promise((done) => setTimeout(done, 500));
    gc();
    const after = process.memoryUsage();
    const silentLeft = server.liveFeed.clients();
    silent.forEach((socket) => socket.destroy());
    return { alone, watched, before, after, silentLeft };
  } finally {
    await server.close();
  }
}

function fuzzSeconds(): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/api/fuzz-api.test.ts'], { cwd: projectRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the fuzz suite failed:\n${run.stdout.slice(-2000)}`);
  return (performance.now() - started) / 1000;
}

async function backupFigures(path: string) {
  const { server } = await serve(path);
  const directory = mkdtempSync(join(tmpdir(), 'civgrid-bench-backup-'));
  try {
    const targets = assigned(server, 1000);
    let next = 0;
    const write = async (round: number) => {
      const target = targets[next++ % targets.length]!;
      const started = performance.now();
      const response = await inject(server, `/api/districts/qingchuan/issues/${target.id}/actions`, { action: 'set_deadline', version: target.version, deadline: deadline(round) });
      if (response.statusCode === 200) target.version += 1;
      return performance.now() - started;
    };
    const quiet: number[] = [];
    for (let round = 0; round < 300; round += 1) quiet.push(await write(round));
    const during: number[] = [];
    let backingUp = true;
    const backup = backupDatabase(path, directory, Date.now()).finally(() => { backingUp = false; });
    for (let round = 300; backingUp; round += 1) {
      during.push(await write(round));
      await new Promise((done) => setTimeout(done, 5));
    }
    const result = await backup;
    return { quiet, during, seconds: result.seconds, bytes: result.bytes };
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function gridsFigures(path: string) {
  let body = '';
  // The same bytes, from memory, through the same server (compression and ETag included).
  const { server, origin } = await serve(path, {}, (bench) => bench.get('/bench/grids-bytes', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body)));
  try {
    body = await (await fetch(`${origin}/api/districts/qingchuan/grids`, { headers: sessionOf(server) })).text();
    const get = async (url: string) => {
      const started = performance.now();
      await (await fetch(`${origin}${url}`, { headers: { ...sessionOf(server), 'accept-encoding': 'br, gzip' } })).arrayBuffer();
      return performance.now() - started;
    };
    const grids: number[] = [];
    const memory: number[] = [];
    for (let round = 0; round < 50; round += 1) await Promise.all([get('/api/districts/qingchuan/grids'), get('/bench/grids-bytes')]);
    for (let round = 0; round < 400; round += 1) {
      grids.push(await get('/api/districts/qingchuan/grids'));
      memory.push(await get('/bench/grids-bytes'));
    }
    const uncachedStarted = performance.now();
    for (let round = 0; round < 50; round += 1) await server.inject({ method: 'GET', url: `/api/districts/qingchuan/grids?days=${(round % 300) + 1}`, headers: sessionOf(server) });
    return { grids, memory, uncached: (performance.now() - uncachedStarted) / 50, bytes: Buffer.byteLength(body) };
  } finally {
    await server.close();
  }
}

async function firstVisitBytes(district: ReturnType<typeof createSeededDatabase>) {
  const { server, origin } = await startServer(district, { pacing: {} });
  const browser = await launchBrowser();
  try {
    const visits: Array<{ path: string; wire: number; content: number }> = [];
    for (const path of ['/', '/screen']) {
      const session = await openPage(browser, origin, { viewport: { width: 1920, height: 1080 } });
      const client = await session.page.context().newCDPSession(session.page);
      await client.send('Network.enable');
      const lengths = new Map<string, { wire: number; content: number }>();
      client.on('Network.dataReceived', ({ requestId, dataLength }) => {
        const entry = lengths.get(requestId) ?? { wire: 0, content: 0 };
        entry.content += dataLength;
        lengths.set(requestId, entry);
      });
      client.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
        const entry = lengths.get(requestId) ?? { wire: 0, content: 0 };
        entry.wire = encodedDataLength;
        lengths.set(requestId, entry);
      });
      await session.page.goto(`${origin}${path}`);
      await session.page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 120_000 });
      await session.page.waitForTimeout(2000);
      const entries = [...lengths.values()];
      visits.push({ path, wire: entries.reduce((sum, entry) => sum + entry.wire, 0), content: entries.reduce((sum, entry) => sum + entry.content, 0) });
      await session.close();
    }
    return visits;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function synchronousFigures(path: string) {
  const figures: Record<string, number[]> = {};
  for (const synchronous of ['normal', 'full'] as const) {
    const server = Fastify({ ...fastifyOptions, logger: false });
    await server.register(fastifyPlugin(app), { districts: [await districtStoreOf(createSqliteStore(openDatabase(path, { synchronous })))], rateLimits: UNLIMITED, security: { signInsPerMinute: 1_000_000 } });
    await server.ready();
    sessions.set(server, await signInInjected(server));
    const times: number[] = [];
    for (const [round, target] of assigned(server, 300).entries()) {
      const started = performance.now();
      await inject(server, `/api/districts/qingchuan/issues/${target.id}/actions`, { action: 'set_deadline', version: target.version, deadline: deadline(round) });
      times.push(performance.now() - started);
    }
    figures[synchronous] = times;
    await server.close();
  }
  return figures as { normal: number[]; full: number[] };
}

const demo = createSeededDatabase(DEFAULT_ISSUE_COUNT);
try {
  demo.database.close();
  const live = await liveFeedFigures(demo.path);
  console.log('live feed', { alone: median(live.alone), watched: median(live.watched), before: live.before, after: live.after, silentLeft: live.silentLeft });
  const grids = await gridsFigures(demo.path);
  console.log('grids', { grids: p95(grids.grids), memory: p95(grids.memory), uncached: grids.uncached });
  const visits = await firstVisitBytes(demo);
  console.log('visits', visits);
  const copy = join(demo.directory, 'synchronous.db');
  copyFileSync(demo.path, copy);
  const synchronous = await synchronousFigures(copy);
  const fuzz = fuzzSeconds();
  const million = existsSync(MILLION_DATABASE) ? await backupFigures(MILLION_DATABASE) : null;
  if (!million) console.warn(`no ${MILLION_DATABASE}: run npm run bench first for the backup figure`);

  writeReportSection('hardening', [
    '## Hardening: what it holds and what it costs', '',
    `${measuredOn('npm run bench:hardening')}, Node ${process.version}, demo district (${DEFAULT_ISSUE_COUNT.toLocaleString('en')} problems) unless said.`, '',
    `- **A 500-item bulk action with 200 reading live-feed clients** (in the benchmark's own process, reading as they go) answers in ${ms(median(live.watched))} (median of 9) against ${ms(median(live.alone))} with none: **${(median(live.watched) / median(live.alone)).toFixed(2)}×** (target ≤ 1.2×; it was 4.3 s against 0.3 s before announcements went out after the answer, built once).`,
    `- **10 live-feed clients that never read, over 20,000 events**: server memory after garbage collection ${mb(live.before.rss)} → ${mb(live.after.rss)} resident (${live.after.rss >= live.before.rss ? '+' : ''}${mb(live.after.rss - live.before.rss)}), heap ${mb(live.before.heapUsed)} → ${mb(live.after.heapUsed)} (target ≤ +50 MB; it was +300 MB); ${10 - live.silentLeft} of the 10 were disconnected once 512 kB waited unread.`,
    `- **The fuzz suite** (10,000 generated hostile requests over every route) runs in **${fuzz.toFixed(0)} s** with vitest's start (target < 2 min).`,
    million
      ? `- **An online backup of the 1,000,000-problem database** (${mb(million.bytes)}) takes **${million.seconds.toFixed(1)} s** (target ≤ 30 s), checked copy included; ${million.during.length} writes made meanwhile took p95 **${ms(p95(million.during))}** (target ≤ 50 ms; p95 ${ms(p95(million.quiet))} with no backup).`
      : '- The backup of the 1,000,000-problem database was not measured: no data/bench-1m.db.',
    `- **GET /api/districts/qingchuan/grids** (${kb(grids.bytes)} of JSON, brotli over HTTP on localhost) p50 ${ms(median(grids.grids))}, p95 **${ms(p95(grids.grids))}**, against the same bytes from memory p50 ${ms(median(grids.memory))}, p95 ${ms(p95(grids.memory))}: **${(p95(grids.grids) / p95(grids.memory)).toFixed(2)}×** at p95 (target ≤ 1.5×). Made afresh (a window not yet kept) it takes ${ms(grids.uncached)}.`,
    ...visits.map((visit) => `- **First visit to \`${visit.path}\`**, everything until the map is drawn: **${kb(visit.wire)}** over the wire, against ${kb(visit.content)} before answers were compressed.`),
    `- **synchronous=FULL**: one action p50 ${ms(median(synchronous.full))}, p95 ${ms(p95(synchronous.full))}, against NORMAL p50 ${ms(median(synchronous.normal))}, p95 ${ms(p95(synchronous.normal))} (this machine's disk; a server's with a battery-backed cache pays less).`,
  ]);
} finally {
  demo.remove();
}
