import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import civgrid, { fastifyOptions } from '../../server/app.ts';
import { loggerOptions } from '../../server/logging.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import { openDatabase } from '../../server/database/open.ts';
import { DEMO_DISTRICT, districtStoreOf } from '../../server/store/districts.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import type { IssueDetail, ScoringSettingsResponse } from '../../server/schemas/contract.ts';
import { addAccount, buildTestApp, COMMANDER, signIn } from '../support/test-app.ts';
import { DEMO_PASSWORD, demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { createSeededDatabase, temporaryDirectory, TEST_NOW, type TestDatabase } from '../support/test-database.ts';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../server/database/migrate.ts';
import { MIGRATIONS } from '../../server/database/migrations/index.ts';
import { DERIVED_DATA_REBUILDERS } from '../../server/database/derived-data.ts';

/** Hostile input changes nothing and breaks nothing: each case here was reproduced against an earlier version. */

let district: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  district = createSeededDatabase(600);
  app = await buildTestApp({ database: district.database });
});
afterAll(async () => {
  await app.close();
  district.remove();
});

const count = (table: string) => district.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('numbers that are not finite', () => {
  it.each([
    ['/api/districts/qingchuan/issues?limit=Infinity', 'querystring/limit'], ['/api/districts/qingchuan/issues?limit=1e400', 'querystring/limit'],
    ['/api/districts/qingchuan/issues?limit=-Infinity', 'querystring/limit'], ['/api/districts/qingchuan/issues?department=Infinity', 'querystring/department'],
    ['/api/districts/qingchuan/performance?unit=grid&days=Infinity', 'querystring/days'], ['/api/districts/qingchuan/grids?days=1e400', 'querystring/days'],
    ['/api/districts/qingchuan/issues/Infinity', 'params/id'], ['/api/districts/qingchuan/inspection-points/1e400', 'params/id'],
  ])('are refused in a query or path with 400 naming where: %s', async (url, where) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toMatch(new RegExp(`^${where} must be`));
  });

  it('in a body, as text or as a number too large to be one, are refused and nothing is written, not even the refusal', async () => {
    const [refusals, events] = [count('issue_refusals'), count('issue_events')];
    for (const payload of ['{"action":"accept","version":"Infinity"}', '{"action":"accept","version":1e400}']) {
      const response = await app.inject({ method: 'POST', url: '/api/districts/qingchuan/issues/1/actions', payload, headers: { 'content-type': 'application/json' } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(/^body\/version must be/);
    }
    expect([count('issue_refusals'), count('issue_events')]).toEqual([refusals, events]);
    expect((await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues/1' })).statusCode).toBe(200);
  });

  it('in the scoring settings are refused before anything is saved, and the grades stay as they were', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json();
    const settings = structuredClone(DEFAULT_SCORING_SETTINGS) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    settings.scales!.onTimeRate!.full = 'Infinity';
    const response = await app.inject({ method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', headers: (await signIn(app, 'admin')).headers, payload: { settings } });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toBe('body/settings/scales/onTimeRate/full must be a finite number');
    const current = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/settings/scoring' })).json() as ScoringSettingsResponse;
    expect(current).toMatchObject({ settings: DEFAULT_SCORING_SETTINGS, history: [] });
    expect((await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json()).toEqual(before);
  });
});

describe('values already stored by an earlier version that were not finite', () => {
  it('are repaired on upgrade: the problem a refusal broke reads again, and broken settings give way to the last good ones', async () => {
    const { directory, remove } = temporaryDirectory();
    const path = join(directory, 'civgrid.db');
    try {
      // A database as version 6 left it, holding a refusal with a version of Infinity and, after a
      // good settings change, one whose Infinity the JSON wrote as null.
      const old = new Database(path);
      migrate(old, MIGRATIONS.slice(0, 6), DERIVED_DATA_REBUILDERS);
      const good = { ...DEFAULT_SCORING_SETTINGS, minimumSample: 5 };
      old.exec(`
        INSERT INTO streets (id, code, name) VALUES (1, 'J01', '街道');
        INSERT INTO leaders (id, name, title) VALUES (1, '领导', '副区长');
        INSERT INTO grids (id, code, name, kind, street_id, leader_id, geometry, area_square_metres) VALUES (1, 'B01', '网格', 'block', 1, 1, '{}', 1);
        INSERT INTO issue_categories (id, code, name) VALUES (1, 'parent', '大类');
        INSERT INTO issue_categories (id, code, name, parent_id, deadline_amount, deadline_unit) VALUES (2, 'child', '小类', 1, 1, 'working_day');
        INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, state, reported_at, updated_at)
          VALUES (1, 'CC-1', 2, 'grid_patrol', '问题', '地址', 117, 36, 1, 'reported', 0, 0);
      `);
      old.prepare(`INSERT INTO issue_refusals (issue_id, attempted_at, actor, action, version, reason)
        VALUES (1, @at, '攻击者', 'accept', @version, 'stale')`).run({ at: TEST_NOW, version: Infinity });
      const record = old.prepare('INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note) VALUES (@settings, @at, @by, NULL)');
      record.run({ settings: JSON.stringify(good), at: TEST_NOW - 1000, by: '王主任' });
      record.run({ settings: JSON.stringify({ ...good, scales: { ...good.scales, onTimeRate: { zero: 40, full: Infinity } } }), at: TEST_NOW, by: '攻击者' });
      old.close();

      // The hand-made database has no accounts: one is added as `npm run account` would.
      const upgradedStore = createSqliteStore(openDatabase(path));
      await addAccount(upgradedStore, 'commander');
      const upgraded = await buildTestApp({ store: upgradedStore });
      try {
        const issue = await upgraded.inject({ method: 'GET', url: '/api/districts/qingchuan/issues/1' });
        expect(issue.statusCode, issue.body).toBe(200);
        expect((issue.json() as IssueDetail).refusals).toMatchObject([{ actor: '攻击者', version: 0 }]);
        const settings = (await upgraded.inject({ method: 'GET', url: '/api/districts/qingchuan/settings/scoring' })).json() as ScoringSettingsResponse;
        expect(settings.settings).toEqual(good);
        expect(settings.history.map((change) => change.changedBy)).toEqual(['CivGrid', '攻击者', '王主任']);
      } finally {
        await upgraded.close();
      }
    } finally {
      remove();
    }
  });
});

describe('refused attempts', () => {
  const listed = async () => (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=reported,assigned,in_progress,rectified,closed&limit=1000' })).json().items as Array<{ id: number; version: number }>;
  const bulkVoid = (items: Array<{ id: number; version: number }>) =>
    app.inject({ method: 'POST', url: '/api/districts/qingchuan/issues/bulk', payload: { action: 'void', note: '重复', items } });

  it('of a whole stale bulk are kept as one record, shown in each problem\'s history, and the same bulk again soon is not kept twice', async () => {
    const stale = (await listed()).map((issue) => ({ id: issue.id, version: issue.version + 7 }));
    expect(stale.length).toBeGreaterThan(5);
    const [rows, bulkRows] = [count('issue_refusals'), count('bulk_refusals')];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await bulkVoid(stale);
      expect(response.statusCode).toBe(409);
      expect(response.json().outcomes.every((outcome: { ok: boolean }) => !outcome.ok)).toBe(true);
    }
    expect([count('issue_refusals'), count('bulk_refusals')]).toEqual([rows, bulkRows + 1]);
    const detail = (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${stale[3]!.id}` })).json() as IssueDetail;
    expect(detail.refusals.at(-1)).toMatchObject({ actor: COMMANDER, action: 'void', version: stale[3]!.version, bulkSize: stale.length, reason: expect.stringMatching(/has changed since version/) });
  });

  it('of one problem retried in a loop are kept once, and its history lists the latest 20 with the count of all', async () => {
    const [target] = await listed();
    const before = (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${target!.id}` })).json() as IssueDetail;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const version = attempt < 25 ? target!.version + 100 + attempt : target!.version + 100;
      const response = await app.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${target!.id}/actions`, payload: { action: 'accept', version } });
      expect(response.statusCode).toBe(409);
    }
    const after = (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${target!.id}` })).json() as IssueDetail;
    expect(after.refusalCount).toBe(before.refusalCount + 25);
    expect(after.refusals).toHaveLength(20);
    expect(after.refusals.at(-1)).toMatchObject({ version: target!.version + 124, bulkSize: null });
  });

  it('a bulk naming a problem twice is refused whole, naming it, and nothing is written', async () => {
    const [first] = await listed();
    const [rows, bulkRows, events] = [count('issue_refusals'), count('bulk_refusals'), count('issue_events')];
    const response = await bulkVoid([first!, { ...first! }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(`items: problem ${first!.id} is listed twice`);
    expect([count('issue_refusals'), count('bulk_refusals'), count('issue_events')]).toEqual([rows, bulkRows, events]);
  });
});

describe('requests that ask for too much', () => {
  it.each([
    ['/api/districts/qingchuan/performance/trend?unit=district&interval=day&from=0000-01-01', /^from: a window covers at most 1096 days; this one covers \d+/],
    ['/api/districts/qingchuan/performance?unit=grid&from=1900-01-01', /^from: a window covers at most 1096 days/],
    ['/api/districts/qingchuan/performance?unit=grid&days=2000', /^days: a window covers at most 1096 days; this one covers 2000/],
    ['/api/districts/qingchuan/rankings?unit=grid&days=3660', /^days: /],
    ['/api/districts/qingchuan/grids?days=1097', /^days: /],
    ['/api/districts/qingchuan/performance/trend?unit=district&interval=day&days=500', /^interval: a trend has at most 400 points; by day this window has 500/],
    [`/api/districts/qingchuan/issues?category=${'x,'.repeat(1500)}`, /category/],
  ])('are refused at once, naming the parameter: %s', async (url, message) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toMatch(message);
  });

  it('take a long window by week or month, and a value named many times in a list as once', async () => {
    const weekly = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/performance/trend?unit=district&interval=week&days=1096' });
    expect(weekly.statusCode, weekly.body).toBe(200);
    const once = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=closed&limit=5' })).json();
    const repeated = (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues?state=${Array(25).fill('closed').join(',')}&limit=5` })).json();
    expect(repeated).toEqual(once);
  });
});

describe('a flood from one address', () => {
  it('is slowed with 429 and Retry-After, writes sharing one allowance across routes and expensive reads another, while health and reference reads go on', async () => {
    const limited = await buildTestApp({ database: openDatabase(district.path), rateLimits: { writesPerMinute: 3, expensiveReadsPerMinute: 5 } });
    try {
      const write = (url: string) => limited.inject({ method: 'POST', url, payload: {} });
      const statuses = [await write('/api/districts/qingchuan/issues'), await write('/api/districts/qingchuan/issues/1/actions'), await write('/api/districts/qingchuan/issues/bulk'), await write('/api/districts/qingchuan/issues')].map((response) => response.statusCode);
      expect(statuses.slice(0, 3).every((status) => status === 400)).toBe(true);
      const refused = await write('/api/districts/qingchuan/issues/1/actions');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().message).toMatch(/^too many requests from this address; try again in \d+ s$/);
      for (let read = 0; read < 5; read += 1) expect((await limited.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).statusCode).toBe(200);
      expect((await limited.inject({ method: 'GET', url: '/api/districts/qingchuan/performance?unit=district' })).statusCode).toBe(429);
      expect((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await limited.inject({ method: 'GET', url: '/api/districts/qingchuan/categories' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('two server processes on one database', () => {
  it('make a write wait its turn, and answer 503 with Retry-After, never 500, when the other holds the lock too long, writing nothing', async () => {
    const other = new Database(district.path);
    const waiting = await buildTestApp({ database: openDatabase(district.path, { busyTimeoutMs: 100 }) });
    try {
      const [issues, refusals] = [count('issues'), count('issue_refusals')];
      other.exec('BEGIN IMMEDIATE');
      const response = await waiting.inject({ method: 'POST', url: '/api/districts/qingchuan/issues/1/actions', payload: { action: 'accept', version: 1 } });
      const report = await waiting.inject({
        method: 'POST', url: '/api/districts/qingchuan/issues',
        payload: { category: 'exposed_garbage', source: 'citizen_report', description: '忙', address: '忙', longitude: 117, latitude: 36.6 },
      });
      other.exec('ROLLBACK');
      for (const busy of [response, report]) {
        expect(busy.statusCode, busy.body).toBe(503);
        expect(busy.headers['retry-after']).toBe('1');
        expect(busy.json().message).toMatch(/^the database is busy with another write; nothing was changed/);
      }
      expect([count('issues'), count('issue_refusals')]).toEqual([issues, refusals]);
      expect((await waiting.inject({ method: 'GET', url: '/api/districts/qingchuan/issues/1' })).statusCode).toBe(200);
    } finally {
      await waiting.close();
      other.close();
    }
  });
});

describe('health', () => {
  it('tells live from ready: ready means the database can be written, its schema is current and disk space is left, and says why not', async () => {
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'writable', schema: 'current', problems: [] });

    const readOnly = await buildTestApp({ database: new Database(district.path, { readonly: true }), limits: { minimumFreeDiskBytes: Number.MAX_SAFE_INTEGER }, signedInAs: null });
    try {
      expect((await readOnly.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const notReady = await readOnly.inject({ method: 'GET', url: '/api/health/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toMatchObject({ status: 'not ready', database: 'read-only' });
      expect(notReady.json().problems).toEqual(['the database cannot be written now (read-only)', expect.stringMatching(/^only \d+ MB free where the database lives$/)]);
    } finally {
      await readOnly.close();
    }
  });
});

describe('the request log', () => {
  it('never writes out a big screen\'s device token, a password or a session', async () => {
    const lines: string[] = [];
    const logged = Fastify({ ...fastifyOptions, logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => lines.push(line) } } });
    await logged.register(fastifyPlugin(civgrid), { districts: [await districtStoreOf(createSqliteStore(openDatabase(district.path)))], now: () => TEST_NOW });
    try {
      const token = demoScreenToken(DEMO_DISTRICT);
      expect((await logged.inject({ method: 'GET', url: '/api/districts/qingchuan/screen/today', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'HEAD', url: `/api/districts/qingchuan/events?device=${token}` })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'GET', url: `/api/districts/qingchuan/events?device=${token}x` })).statusCode).toBe(401);
      const signedIn = await signIn(logged, 'commander');
      expect(lines.some((line) => line.includes('/api/districts/qingchuan/events?device=[redacted]'))).toBe(true);
      const secrets = [token.split('.')[1]!, DEMO_PASSWORD, signedIn.headers.cookie.split('.')[1]!];
      expect(lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    } finally {
      await logged.close();
    }
  });
});

describe('metrics', () => {
  it('give Prometheus each route\'s latency, the live feed, the database\'s size and the process', async () => {
    await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: (await signIn(app, 'admin')).headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/^civgrid_http_request_duration_seconds_count\{method="GET",route="\/api\/districts\/qingchuan\/grids",status_code="200"\} [1-9]/m);
    expect(response.body).toMatch(/^civgrid_live_feed_clients 0$/m);
    expect(response.body).toMatch(/^civgrid_live_feed_queued_events 0$/m);
    expect(Number(/^civgrid_database_bytes (\d+)$/m.exec(response.body)?.[1])).toBeGreaterThan(100_000);
    expect(response.body).toMatch(/^civgrid_process_resident_memory_bytes \d+/m);
  });
});
