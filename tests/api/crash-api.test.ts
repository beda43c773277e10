import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { centroid } from '@turf/turf';
import type { GridCollection, IssueList } from '../../server/schemas/contract.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';
import { recomputedCounters, storedCounters } from '../support/performance-counters.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.ts';

/**
 * A server process killed with SIGKILL in the middle of concurrent writes, single and bulk, loses
 * no write it acknowledged, leaves its counters equal to a recomputation, and starts again.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
const DAY_MS = 86_400_000;

let district: TestDatabase;
beforeAll(() => {
  district = createSeededDatabase(600);
  district.database.close();
});
afterAll(() => district.remove());

async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', CIVGRID_DB: district.path, CIVGRID_BASEMAP_LAYERS: district.basemapDirectory,
      CIVGRID_BACKUP_TIME: 'off', CIVGRID_DAILY_BULLETIN_TIME: 'off', CIVGRID_RATE_LIMIT_WRITES: '1000000', CIVGRID_RATE_LIMIT_READS: '1000000', LOG_LEVEL: 'info',
    },
  });
  const origin = await new Promise<string>((listening, failed) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) listening(match[1]!);
    });
    child.once('exit', (code) => failed(new Error(`the server exited (${code}) before listening: ${output.slice(-500)}`)));
  });
  return { child, origin };
}

interface Acknowledged { reports: number[]; versions: Map<number, number> }

/** Writers that go on until their server dies, each keeping what the server said it did. */
async function writeUntilKilled(origin: string, acknowledged: Acknowledged, killAfterWrites: number, kill: () => void) {
  const signedIn = await fetch(`${origin}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'commander', password: DEMO_PASSWORD }),
  });
  const session = { cookie: signedIn.headers.getSetCookie()[0]!.split(';')[0]!, 'x-csrf-token': (await signedIn.json() as { csrfToken: string }).csrfToken };
  const get = (path: string) => fetch(`${origin}${path}`, { headers: session });
  const post = (path: string, body: object) => fetch(`${origin}${path}`, { method: 'POST', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const grids = await (await get('/api/districts/qingchuan/grids')).json() as GridCollection;
  const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.kind === 'block')!).geometry.coordinates as [number, number];
  const serverNow = Date.parse((await fetch(`${origin}/api/health`)).headers.get('x-server-time')!);
  const deadline = (offset: number) => new Date(serverNow + 30 * DAY_MS + offset * 60_000).toISOString();
  let written = 0;
  let round = 0;
  const alive = { value: true };
  const writer = async (write: () => Promise<void>) => {
    while (alive.value) {
      try {
        await write();
      } catch {
        alive.value = false;
      }
      written += 1;
      if (written === killAfterWrites) kill();
    }
  };
  const reporter = () => writer(async () => {
    const response = await post('/api/districts/qingchuan/issues', { category: 'exposed_garbage', source: 'grid_patrol', description: '崩溃测试', address: '崩溃测试', longitude, latitude });
    if (response.status === 201) acknowledged.reports.push((await response.json()).id);
  });
  const bulkWriter = () => writer(async () => {
    const listed = await (await get('/api/districts/qingchuan/issues?state=assigned,in_progress&limit=30')).json() as IssueList;
    round += 1;
    const response = await post('/api/districts/qingchuan/issues/bulk', {
      action: 'set_deadline', deadline: deadline(round), items: listed.items.map((issue) => ({ id: issue.id, version: issue.version })),
    });
    if (response.status === 200) for (const outcome of (await response.json()).outcomes) acknowledged.versions.set(outcome.id, outcome.version);
  });
  await Promise.all([reporter(), reporter(), bulkWriter(), bulkWriter()]);
}

describe('a server killed in the middle of writing', () => {
  it('keeps every write it acknowledged, with counters equal to a recomputation, and starts again, twice over', async () => {
    const acknowledged: Acknowledged = { reports: [], versions: new Map() };
    for (let crash = 0; crash < 2; crash += 1) {
      const { child, origin } = await startServer();
      const exited = new Promise((done) => child.once('exit', done));
      await writeUntilKilled(origin, acknowledged, 150 + crash * 50, () => child.kill('SIGKILL'));
      await exited;

      const database = new Database(district.path);
      try {
        const ids = new Set(database.prepare('SELECT id FROM issues').pluck().all() as number[]);
        expect(acknowledged.reports.filter((id) => !ids.has(id))).toEqual([]);
        const version = database.prepare('SELECT version FROM issues WHERE id = @id').pluck();
        const behind = [...acknowledged.versions].filter(([id, acked]) => (version.get({ id }) as number) < acked);
        expect(behind).toEqual([]);
        expect(storedCounters(database)).toEqual(recomputedCounters(database));
        expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        database.close();
      }
    }
    expect(acknowledged.reports.length).toBeGreaterThan(20);
    expect(acknowledged.versions.size).toBeGreaterThan(5);

    const { child, origin } = await startServer();
    try {
      expect((await fetch(`${origin}/api/health/ready`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
