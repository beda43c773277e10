import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chinaDay, DAY_MS } from '../server/domain/china-time.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { p95, startServer, timed, type Server } from './servers.ts';

/**
 * `npm run bench:stores -- --postgres postgres://… [--baseline GIT_REF] [--samples N]`: the same
 * read and write requests, over HTTP, to servers on the 1,000,000-problem SQLite database and on
 * the same data moved into PostgreSQL (npm run migrate-store), taking turns request by request
 * so that both see the same machine at the same moment. With --baseline, a server of that
 * earlier commit on the same SQLite file is first compared with today's the same way: the cost
 * of a change measured in one run. Then write throughput with 1, 2 and 4 server processes on
 * PostgreSQL. Rewrites its section of docs/benchmarks.md.
 */

const projectRoot = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { postgres: { type: 'string' }, baseline: { type: 'string' }, sqlite: { type: 'string' }, samples: { type: 'string', default: '100' } } });
const SQLITE = resolve(values.sqlite ?? join(projectRoot, 'data/bench-1m.db'));
if (!values.postgres || !existsSync(SQLITE)) {
  console.error('usage: npm run bench:stores -- --postgres postgres://…/database [--baseline GIT_REF] [--sqlite data/bench-1m.db]\n'
    + '(build the SQLite database with npm run seed -- --issues 1000000 --database data/bench-1m.db, then npm run migrate-store into an empty PostgreSQL database)');
  process.exit(1);
}
const WARM_UP = 10;
const SAMPLES = Number(values.samples);

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Every server answers each request in turn, so none is measured on a quieter machine. */
async function readLatencies(servers: Server[], urls: string[]): Promise<Map<string, number[]>> {
  const results = new Map<string, number[]>();
  for (const url of urls) {
    const samples = servers.map(() => [] as number[]);
    for (let index = 0; index < WARM_UP + SAMPLES; index += 1) {
      for (const [position, server] of servers.entries()) {
        const elapsed = await timed(server, url);
        if (index >= WARM_UP) samples[position]!.push(elapsed);
      }
    }
    results.set(url, samples.map(p95));
  }
  return results;
}

const json = (body: object): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const deadline = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

async function openIssues(server: Server, count: number, offset = 0): Promise<Array<{ id: number; version: number }>> {
  const found: Array<{ id: number; version: number }> = [];
  let cursor: string | null = null;
  while (found.length < count + offset) {
    const page = await (await fetch(`${server.origin}/api/districts/qingchuan/issues?state=assigned,in_progress&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: server.headers })).json() as
      { items: Array<{ id: number; version: number }>; nextCursor: string | null };
    found.push(...page.items.map(({ id, version }) => ({ id, version })));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return found.slice(offset, offset + count);
}

/** One action's p95 (a deadline moved) and a bulk of 500's p95, each server on problems of its own. */
async function writeLatencies(servers: Server[]) {
  const figures = [];
  for (const [position, server] of servers.entries()) {
    // Servers sharing the SQLite file take different problems, so none finds another's versions.
    const issues = await openIssues(server, 200 + 5 * 500, position * 3000);
    const action: number[] = [];
    for (const issue of issues.slice(0, 200)) {
      action.push(await timed(server, `/api/districts/qingchuan/issues/${issue.id}/actions`, json({ action: 'set_deadline', version: issue.version, deadline: deadline(30) })));
    }
    const bulk: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const items = issues.slice(200 + run * 500, 200 + (run + 1) * 500).map(({ id, version }) => ({ id, version }));
      bulk.push(await timed(server, '/api/districts/qingchuan/issues/bulk', json({ action: 'set_deadline', items, deadline: deadline(31) })));
    }
    figures.push({ label: server.label, action: p95(action), bulk: p95(bulk), bulkMedian: percentile([...bulk].sort((a, b) => a - b), 0.5) });
  }
  return figures;
}

/** Actions per second with `processes` servers on one PostgreSQL database, 8 clients spread over them. */
async function writeThroughput(processes: number, postgres: string): Promise<number> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < processes; index += 1) servers.push(await startServer(`PostgreSQL ${index + 1}`, projectRoot, { CIVGRID_DATABASE_URL: postgres }));
    // A deadline moved keeps a problem open: each round takes the same problems at their versions now.
    const issues = await openIssues(servers[0]!, 1500);
    const clients = 8;
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, async (_, client) => {
      const server = servers[client % servers.length]!;
      for (let index = client; index < issues.length; index += clients) {
        const issue = issues[index]!;
        await timed(server, `/api/districts/qingchuan/issues/${issue.id}/actions`, json({ action: 'set_deadline', version: issue.version, deadline: deadline(32) }));
      }
    }));
    return issues.length / ((performance.now() - started) / 1000);
  } finally {
    for (const server of servers) server.process.kill();
  }
}

async function main() {
  const servers: Server[] = [];
  let baselineDirectory: string | null = null;
  try {
    if (values.baseline) {
      baselineDirectory = mkdtempSync(join(tmpdir(), 'civgrid-baseline-'));
      execFileSync('git', ['worktree', 'add', '--detach', baselineDirectory, values.baseline], { cwd: projectRoot, stdio: 'ignore' });
      for (const shared of ['node_modules', 'dist']) symlinkSync(join(projectRoot, shared), join(baselineDirectory, shared));
      servers.push(await startServer(`SQLite at ${values.baseline}`, baselineDirectory, { CIVGRID_DB: SQLITE }));
    }
    servers.push(await startServer('SQLite', projectRoot, { CIVGRID_DB: SQLITE }));
    servers.push(await startServer('PostgreSQL', projectRoot, { CIVGRID_DATABASE_URL: values.postgres! }));

    const yearAgo = chinaDay(Date.now() - 365 * DAY_MS);
    const categories = await (await fetch(`${servers.at(-1)!.origin}/api/districts/qingchuan/categories`, { headers: servers.at(-1)!.headers })).json() as Array<{ code: string; parentCode: string | null }>;
    const mainCategory = categories.find((category) => category.parentCode === null)!.code;
    const urls = [
      '/api/districts/qingchuan/grids', '/api/districts/qingchuan/grids/B07', '/api/districts/qingchuan/issues?limit=100', '/api/districts/qingchuan/issues?state=assigned,in_progress&limit=100', '/api/districts/qingchuan/issues?grid=B07&overdue=true&limit=100',
      `/api/districts/qingchuan/issues?category=${mainCategory}&from=2026-09-01&to=2026-09-30&limit=100`, '/api/districts/qingchuan/issues?department=3&state=reported,assigned,in_progress,rectified&limit=100',
      '/api/districts/qingchuan/issues?bbox=116.99,36.6,117.02,36.62&limit=100', '/api/districts/qingchuan/issues?bbox=117.0,36.61,117.005,36.615&limit=100',
      '/api/districts/qingchuan/issues?bbox=116.99,36.6,117.02,36.62&state=assigned,in_progress&limit=100', '/api/districts/qingchuan/issues/1000', `/api/districts/qingchuan/performance?unit=grid&from=${yearAgo}`,
      `/api/districts/qingchuan/performance?unit=department&from=${yearAgo}`, '/api/districts/qingchuan/performance?unit=leader', `/api/districts/qingchuan/performance/trend?unit=street&id=J01&interval=month&from=${yearAgo}`,
      '/api/districts/qingchuan/rankings?unit=department', '/api/districts/qingchuan/screen/today', '/api/districts/qingchuan/issues/positions?state=reported,assigned,in_progress,rectified',
    ];
    const sqlite = servers.find((server) => server.label === 'SQLite')!;
    const postgres = servers.find((server) => server.label === 'PostgreSQL')!;
    const baseline = servers.find((server) => server.label.startsWith('SQLite at'));
    // Two servers at a time, so a third's work does not fall into their samples.
    const before = baseline ? await readLatencies([baseline, sqlite], urls) : null;
    const reads = await readLatencies([sqlite, postgres], urls);
    const writes = await writeLatencies(servers);
    for (const server of servers) server.process.kill();
    servers.length = 0;
    const throughput: Array<{ processes: number; perSecond: number }> = [];
    for (const processes of [1, 2, 4]) throughput.push({ processes, perSecond: await writeThroughput(processes, values.postgres!) });

    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const shown = (url: string) => `\`${url.replace(yearAgo, 'YEAR-AGO')}\``;
    writeReportSection('stores', [
      '## SQLite and PostgreSQL side by side, 1,000,000 problems', '',
      `${measuredOn('npm run bench:stores')}, Node ${process.version}, PostgreSQL and the servers on the same machine.`,
      `Each request is sent to two servers in turn, ${SAMPLES} times each after ${WARM_UP} to warm up; p95 over HTTP.`, '',
      ...(before ? [
        `### The async data layer: SQLite before (${values.baseline}) and now`, '',
        '| request | before p95 | now p95 | now ÷ before |', '|---|---:|---:|---:|',
        ...urls.map((url) => `| ${shown(url)} | ${ms(before.get(url)![0]!)} | ${ms(before.get(url)![1]!)} | ${ratio(before.get(url)![1]!, before.get(url)![0]!)} |`),
        '',
      ] : []),
      '### PostgreSQL beside SQLite', '',
      '| request | SQLite p95 | PostgreSQL p95 | PostgreSQL ÷ SQLite |', '|---|---:|---:|---:|',
      ...urls.map((url) => `| ${shown(url)} | ${ms(reads.get(url)![0]!)} | ${ms(reads.get(url)![1]!)} | ${ratio(reads.get(url)![1]!, reads.get(url)![0]!)} |`),
      '',
      '| writes | one action p95 | bulk of 500 p95 (median) |',
      '|---|---:|---:|',
      ...writes.map((figure) => `| ${figure.label} | ${ms(figure.action)} | ${ms(figure.bulk)} (${ms(figure.bulkMedian)}) |`),
      '',
      '| PostgreSQL server processes | actions per second, 8 clients | ratio to one process |',
      '|---:|---:|---:|',
      ...throughput.map(({ processes, perSecond }) => `| ${processes} | ${perSecond.toFixed(0)} | ${(perSecond / throughput[0]!.perSecond).toFixed(2)}× |`),
    ]);
  } finally {
    for (const server of servers) server.process.kill();
    if (baselineDirectory) {
      execFileSync('git', ['worktree', 'remove', '--force', baselineDirectory], { cwd: projectRoot, stdio: 'ignore' });
      rmSync(baselineDirectory, { recursive: true, force: true });
    }
  }
}

await main();
