import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Sql } from 'postgres';
import { openDatabase } from '../../server/database/open.ts';
import { connectPostgres } from '../../server/postgres/connect.ts';
import { copySqliteToPostgres, TargetNotEmptyError } from '../../server/postgres/copy-from-sqlite.ts';
import { connectDistrict, openDistrictStores } from '../../server/postgres/districts.ts';
import type { City, District, GridCollection, IssueList } from '../../server/schemas/contract.ts';
import { buildTestApp, signIn } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * An installation moved from its SQLite file to PostgreSQL answers every question as before; a
 * second district moved into the same database is served beside it, each from its own schema.
 */

const POSTGRES_URL = process.env.CIVGRID_TEST_POSTGRES_URL;

describe.runIf(POSTGRES_URL)('moving a demo installation from SQLite to PostgreSQL', () => {
  const name = `civgrid_test_move_${process.pid}`;
  const url = new URL(POSTGRES_URL ?? 'postgres://unused/unused');
  url.pathname = `/${name}`;
  const second: District = { code: 'donghu', name: '东湖区' };
  let district: TestDatabase;
  let secondDistrict: TestDatabase;
  let catalog: Sql;
  let before: FastifyInstance;
  let after: FastifyInstance;

  beforeAll(async () => {
    const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    district = createSeededDatabase(2000);
    secondDistrict = createSeededDatabase(700, second);
    before = await buildTestApp({ database: openDatabase(district.path) });
    // An issued bulletin's files go across byte for byte.
    const issued = await before.inject({ method: 'POST', url: '/api/districts/qingchuan/bulletins', payload: { series: 'daily' } });
    if (issued.statusCode !== 201) throw new Error(`issuing a bulletin to move failed: ${issued.body}`);
    await copySqliteToPostgres(district.database, url.toString());
    await copySqliteToPostgres(secondDistrict.database, url.toString());
    catalog = connectPostgres(url.toString(), { max: 1 });
    after = await buildTestApp({ districts: await openDistrictStores(url.toString(), catalog) });
  });
  afterAll(async () => {
    await before?.close();
    await after?.close();
    await catalog?.end();
    district.remove();
    secondDistrict.remove();
    const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('answers every read as the SQLite file did, to the byte for the map\'s positions', async () => {
    const grids = (await before.inject('/api/districts/qingchuan/grids')).json() as GridCollection;
    const grid = grids.features[7]!.properties.code;
    const issue = (await before.inject('/api/districts/qingchuan/issues?limit=1&state=closed')).json().items[0].id as number;
    const paths = [
      '/api/districts/qingchuan/grids', `/api/districts/qingchuan/grids/${grid}`, '/api/districts/qingchuan/grids?days=365', '/api/districts/qingchuan/issues?limit=100', `/api/districts/qingchuan/issues?grid=${grid}&state=assigned,in_progress`,
      '/api/districts/qingchuan/issues?overdue=true&limit=20', '/api/districts/qingchuan/issues?due=next72', '/api/districts/qingchuan/issues?bbox=116.99,36.6,117.02,36.62', '/api/districts/qingchuan/issues?bbox=117.0,36.61,117.005,36.615&state=assigned', '/api/districts/qingchuan/issues?source=citizen_report&from=2026-10-01&to=2026-11-01',
      `/api/districts/qingchuan/issues/${issue}`, '/api/districts/qingchuan/performance?unit=grid', '/api/districts/qingchuan/performance?unit=leader&period=last-month', '/api/districts/qingchuan/performance?unit=street&days=365',
      '/api/districts/qingchuan/performance?unit=department', '/api/districts/qingchuan/performance/trend?unit=district&interval=week', `/api/districts/qingchuan/performance/trend?unit=grid&id=${grid}&interval=day&days=30`,
      '/api/districts/qingchuan/rankings?unit=grid', '/api/districts/qingchuan/rankings?unit=department', '/api/districts/qingchuan/screen/today', '/api/districts/qingchuan/leaders', '/api/districts/qingchuan/departments', '/api/districts/qingchuan/categories', '/api/districts/qingchuan/streets',
      '/api/districts/qingchuan/inspection-points', `/api/districts/qingchuan/inspection-points?grid=${grid}`, '/api/districts/qingchuan/inspection-points/5', '/api/districts/qingchuan/settings/scoring',
      '/api/districts/qingchuan/bulletins',
    ];
    for (const path of paths) {
      const [sqlite, postgres] = await Promise.all([before.inject(path), after.inject(path)]);
      expect(postgres.statusCode, path).toBe(sqlite.statusCode);
      expect(postgres.json(), path).toEqual(sqlite.json());
    }
    const [sqlitePositions, postgresPositions] = await Promise.all([before.inject('/api/districts/qingchuan/issues/positions'), after.inject('/api/districts/qingchuan/issues/positions')]);
    expect(postgresPositions.rawPayload.equals(sqlitePositions.rawPayload)).toBe(true);
    const [sqliteBulletin, postgresBulletin] = await Promise.all([before.inject('/api/districts/qingchuan/bulletins/1/docx'), after.inject('/api/districts/qingchuan/bulletins/1/docx')]);
    expect(postgresBulletin.statusCode).toBe(200);
    expect(postgresBulletin.rawPayload.equals(sqliteBulletin.rawPayload)).toBe(true);
  });

  it('serves the second district beside the first, each from its own rows, and ranks both in the city view', async () => {
    expect((await after.inject('/api/districts')).json()).toEqual([{ code: 'qingchuan', name: '青川区' }, second]);
    // Each district's own commander asks of it: an account reaches its own district only.
    const donghuCommander = await signIn(after, 'commander', second);
    const as = (code: string) => (code === 'donghu' ? donghuCommander.headers : {});
    const totals = async (code: string) => ((await after.inject({ url: `/api/districts/${code}/issues?limit=1`, headers: as(code) })).json() as IssueList).total;
    expect(await totals('qingchuan')).toBe(district.summary.issues);
    expect(await totals('donghu')).toBe(secondDistrict.summary.issues);
    const city = (await after.inject('/api/city?days=30')).json() as City;
    expect(city.districts.map((row) => row.district.code)).toEqual(['qingchuan', 'donghu']);
    const figures = (await after.inject({ url: '/api/districts/donghu/performance?unit=district&days=30', headers: as('donghu') })).json();
    expect(city.districts[1]!.performance.openIssues).toBe(figures.rows[0].openIssues);
    expect(city.districts[1]!.performance.rectificationRate).toBe(figures.rows[0].rectificationRate);
  });

  it('refuses to copy a district into a database that already holds it, and changes nothing there', async () => {
    const target = connectDistrict(url.toString(), 'qingchuan', { max: 1 });
    try {
      const [{ count }] = await target<[{ count: number }]>`SELECT count(*)::int AS count FROM issues`;
      await expect(copySqliteToPostgres(district.database, url.toString())).rejects.toThrow(TargetNotEmptyError);
      const [{ count: afterRefusal }] = await target<[{ count: number }]>`SELECT count(*)::int AS count FROM issues`;
      expect(afterRefusal).toBe(count);
    } finally {
      await target.end();
    }
  });
});
