import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../server/database/open.ts';
import { connectPostgres } from '../../server/postgres/connect.ts';
import { copySqliteToPostgres, TargetNotEmptyError } from '../../server/postgres/copy-from-sqlite.ts';
import { createPostgresStore } from '../../server/postgres/store.ts';
import type { GridCollection } from '../../server/schemas/contract.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';

/** An installation moved from its SQLite file to PostgreSQL answers every question as before. */

const POSTGRES_URL = process.env.CIVGRID_TEST_POSTGRES_URL;

describe.runIf(POSTGRES_URL)('moving a demo installation from SQLite to PostgreSQL', () => {
  const name = `civgrid_test_move_${process.pid}`;
  const url = new URL(POSTGRES_URL ?? 'postgres://unused/unused');
  url.pathname = `/${name}`;
  let district: TestDatabase;
  let before: FastifyInstance;
  let after: FastifyInstance;

  beforeAll(async () => {
    const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    district = createSeededDatabase(2000);
    const target = connectPostgres(url.toString());
    await copySqliteToPostgres(district.database, target);
    before = await buildTestApp({ database: openDatabase(district.path) });
    after = await buildTestApp({ store: createPostgresStore(target, url.toString()) });
  });
  afterAll(async () => {
    await before?.close();
    await after?.close();
    district.remove();
    const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('answers every read as the SQLite file did, to the byte for the map\'s positions', async () => {
    const grids = (await before.inject('/api/grids')).json() as GridCollection;
    const grid = grids.features[7]!.properties.code;
    const issue = (await before.inject('/api/issues?limit=1&state=closed')).json().items[0].id as number;
    const paths = [
      '/api/grids', `/api/grids/${grid}`, '/api/grids?days=365', '/api/issues?limit=100', `/api/issues?grid=${grid}&state=assigned,in_progress`,
      '/api/issues?overdue=true&limit=20', '/api/issues?due=next72', '/api/issues?bbox=116.99,36.6,117.02,36.62', '/api/issues?bbox=117.0,36.61,117.005,36.615&state=assigned', '/api/issues?source=citizen_report&from=2026-10-01&to=2026-11-01',
      `/api/issues/${issue}`, '/api/performance?unit=grid', '/api/performance?unit=leader&period=last-month', '/api/performance?unit=street&days=365',
      '/api/performance?unit=department', '/api/performance/trend?unit=district&interval=week', `/api/performance/trend?unit=grid&id=${grid}&interval=day&days=30`,
      '/api/rankings?unit=grid', '/api/rankings?unit=department', '/api/screen/today', '/api/leaders', '/api/departments', '/api/categories', '/api/streets',
      '/api/inspection-points', `/api/inspection-points?grid=${grid}`, '/api/inspection-points/5', '/api/settings/scoring',
    ];
    for (const path of paths) {
      const [sqlite, postgres] = await Promise.all([before.inject(path), after.inject(path)]);
      expect(postgres.statusCode, path).toBe(sqlite.statusCode);
      expect(postgres.json(), path).toEqual(sqlite.json());
    }
    const [sqlitePositions, postgresPositions] = await Promise.all([before.inject('/api/issues/positions'), after.inject('/api/issues/positions')]);
    expect(postgresPositions.rawPayload.equals(sqlitePositions.rawPayload)).toBe(true);
  });

  it('refuses to copy into a database that already holds data, and changes nothing there', async () => {
    const target = connectPostgres(url.toString(), { max: 1 });
    try {
      const [{ count }] = await target<[{ count: number }]>`SELECT count(*)::int AS count FROM issues`;
      await expect(copySqliteToPostgres(district.database, target)).rejects.toThrow(TargetNotEmptyError);
      const [{ count: afterRefusal }] = await target<[{ count: number }]>`SELECT count(*)::int AS count FROM issues`;
      expect(afterRefusal).toBe(count);
    } finally {
      await target.end();
    }
  });
});
