import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { join } from 'node:path';
import app, { fastifyOptions } from '../../server/app.ts';
import { openDatabase } from '../../server/database/open.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import { postgresAwaitingSetup, sqliteAwaitingSetup } from '../../server/open-stores.ts';
import type { Sql } from 'postgres';
import { connectPostgres } from '../../server/postgres/connect.ts';
import { openDistrictStores, prepareCatalog } from '../../server/postgres/districts.ts';
import { districtStoreOf, type District } from '../../server/store/districts.ts';
import type { GridCollection, GridImportAnswer, IssueDetail } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { temporaryDirectory, TEST_NOW } from '../support/test-database.ts';
import { sendImport } from '../support/imports.ts';
import { xiachengFile, xiachengProbes } from '../support/xiacheng-fixtures.ts';

/**
 * A new installation started with CIVGRID_DEMO=off: no district, until its first administrator,
 * with the code the server printed, names it; then the server opens on it, empty, and the
 * administrator imports the district's grids.
 */
const SETUP_CODE = 'printed-at-start-0123456789';
const body = (overrides: Record<string, unknown> = {}) => ({
  setupCode: SETUP_CODE, district: { code: 'xiacheng', name: '下城区' },
  administrator: { username: '10001', displayName: '王主任', password: 'Xiacheng2026' }, ...overrides,
});

describe('starting empty', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let path: string;
  let waiting: FastifyInstance;
  let named: District | null = null;

  beforeAll(async () => {
    folder = temporaryDirectory();
    path = join(folder.directory, 'new.db');
    const database = openDatabase(path);
    const store = createSqliteStore(database);
    waiting = Fastify({ ...fastifyOptions, logger: false });
    await waiting.register(fastifyPlugin(app), {
      districts: [], now: () => TEST_NOW, rateLimits: UNLIMITED,
      setup: { ...sqliteAwaitingSetup(database, store), code: SETUP_CODE },
      onSetupComplete: (district) => { named = district; },
    });
    await waiting.ready();
  });
  afterAll(async () => {
    await waiting.close();
    folder.remove();
  });

  it('waits for its district: setup is needed, no one can sign in', async () => {
    expect((await waiting.inject('/api/setup')).json()).toEqual({ needed: true });
    const signIn = await waiting.inject({ method: 'POST', url: '/api/session', payload: { username: '10001', password: 'Xiacheng2026' } });
    expect(signIn.statusCode).toBe(409);
    expect(signIn.json().code).toBe('setup_needed');
  });

  it('refuses a wrong code, a weak password and a bad district code, naming each, and writes nothing', async () => {
    const wrong = await waiting.inject({ method: 'POST', url: '/api/setup', payload: body({ setupCode: 'guessed' }) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'wrong_setup_code', message: expect.stringMatching(/^setupCode: not the code this server printed/) });
    const weak = await waiting.inject({ method: 'POST', url: '/api/setup', payload: body({ administrator: { username: '10001', displayName: '王主任', password: 'password' } }) });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    const badCode = await waiting.inject({ method: 'POST', url: '/api/setup', payload: body({ district: { code: '下城', name: '下城区' } }) });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().message).toMatch(/district\/code/);
    expect((await waiting.inject('/api/setup')).json()).toEqual({ needed: true });
    expect(named).toBeNull();
  });

  it('names the district with its standard catalogs and makes the administrator, once', async () => {
    const done = await waiting.inject({ method: 'POST', url: '/api/setup', payload: body() });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toEqual({ code: 'xiacheng', name: '下城区' });
    expect(named).toEqual({ code: 'xiacheng', name: '下城区' });
    expect((await waiting.inject('/api/setup')).json()).toEqual({ needed: false });
    expect((await waiting.inject({ method: 'POST', url: '/api/setup', payload: body() })).statusCode).toBe(409);
  });

  it('opens on the new district, empty; the administrator signs in with their own password, imports the grids, and a problem lands in one', async () => {
    const store = createSqliteStore(openDatabase(path));
    const served = Fastify({ ...fastifyOptions, logger: false });
    await served.register(fastifyPlugin(app), { districts: [await districtStoreOf(store)], now: () => TEST_NOW, rateLimits: UNLIMITED });
    await served.ready();
    try {
      const signIn = await served.inject({ method: 'POST', url: '/api/session', payload: { username: '10001', password: 'Xiacheng2026' } });
      expect(signIn.statusCode, signIn.body).toBe(200);
      expect(signIn.json().account).toMatchObject({ displayName: '王主任', roles: ['admin'], mustChangePassword: false });
      const cookie = signIn.cookies.find((each) => each.name === 'civgrid_session')!;
      const admin = { headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': signIn.json().csrfToken as string } };
      const grids = () => served.inject({ url: '/api/districts/xiacheng/grids', headers: admin.headers });
      expect(((await grids()).json() as GridCollection).features).toEqual([]);
      const categories = (await served.inject({ url: '/api/districts/xiacheng/categories', headers: admin.headers })).json() as unknown[];
      expect(categories.length).toBeGreaterThan(30);

      const dryRun = (await sendImport(served, admin, xiachengFile('grids-cgcs2000-gk3-120e.zip'))).json() as GridImportAnswer;
      // Nothing to compare with: no warnings about distance or count, only what is added.
      expect(dryRun.report.warnings).toEqual([]);
      expect(dryRun.report.diff.added).toHaveLength(74);
      const applied = await served.inject({ method: 'POST', url: `/api/imports/${dryRun.id}/apply`, headers: admin.headers, payload: { acceptWarnings: false } });
      expect(applied.statusCode, applied.body).toBe(200);
      expect(((await grids()).json() as GridCollection).features.map((feature) => feature.properties.code)).toHaveLength(74);

      // An administrator reads the district's picture; a commander (made by the administrator) reports.
      const made = await served.inject({ method: 'POST', url: '/api/accounts', headers: admin.headers, payload: { username: '20001', displayName: '李调度', roles: ['commander'], password: 'Commander2026' } });
      expect(made.statusCode, made.body).toBe(201);
      const commanderSignIn = await served.inject({ method: 'POST', url: '/api/session', payload: { username: '20001', password: 'Commander2026' } });
      const commanderCookie = commanderSignIn.cookies.find((each) => each.name === 'civgrid_session')!;
      const commander = { cookie: `${commanderCookie.name}=${commanderCookie.value}`, 'x-csrf-token': commanderSignIn.json().csrfToken as string };
      await served.inject({ method: 'PUT', url: '/api/session/password', headers: commander, payload: { currentPassword: 'Commander2026', newPassword: 'Commander2027' } });
      const probe = xiachengProbes().find((each) => each.expectedCode)!;
      const report = await served.inject({ method: 'POST', url: '/api/districts/xiacheng/issues', headers: commander, payload: {
        category: 'exposed_garbage', source: 'citizen_report', description: '暴露垃圾', address: '下城区', longitude: probe.longitude, latitude: probe.latitude,
      } });
      expect(report.statusCode, report.body).toBe(201);
      expect((report.json() as IssueDetail).grid.code).toBe(probe.expectedCode);
    } finally {
      await served.close();
    }
  });
});

const POSTGRES_URL = process.env.CIVGRID_TEST_POSTGRES_URL;

describe.runIf(POSTGRES_URL)('starting empty on PostgreSQL', () => {
  const name = `civgrid_test_setup_${process.pid}`;
  const url = new URL(POSTGRES_URL ?? 'postgres://unused/unused');
  url.pathname = `/${name}`;
  const dropDatabase = async () => {
    const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return admin;
  };
  let catalog: Sql;
  beforeAll(async () => {
    const admin = await dropDatabase();
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    catalog = connectPostgres(url.toString(), { max: 1 });
    await prepareCatalog(catalog);
  });
  afterAll(async () => {
    await catalog.end();
    await (await dropDatabase()).end();
  });

  it('names the district in its own schema with the standard catalogs, makes the administrator, and is then served', async () => {
    const setup = { ...postgresAwaitingSetup(url.toString()), code: SETUP_CODE };
    const waiting = Fastify({ ...fastifyOptions, logger: false });
    await waiting.register(fastifyPlugin(app), { districts: [], now: () => TEST_NOW, rateLimits: UNLIMITED, setup });
    try {
      expect(await setup.district()).toBeNull();
      const done = await waiting.inject({ method: 'POST', url: '/api/setup', payload: body() });
      expect(done.statusCode, done.body).toBe(201);
      expect(await setup.district()).toEqual({ code: 'xiacheng', name: '下城区' });
    } finally {
      await waiting.close();
    }

    const served = Fastify({ ...fastifyOptions, logger: false });
    await served.register(fastifyPlugin(app), { districts: await openDistrictStores(url.toString(), catalog), now: () => TEST_NOW, rateLimits: UNLIMITED });
    try {
      const signIn = await served.inject({ method: 'POST', url: '/api/session', payload: { username: '10001', password: 'Xiacheng2026' } });
      expect(signIn.statusCode, signIn.body).toBe(200);
      expect(signIn.json().account).toMatchObject({ displayName: '王主任', roles: ['admin'] });
      const cookie = signIn.cookies.find((each) => each.name === 'civgrid_session')!;
      const headers = { cookie: `${cookie.name}=${cookie.value}` };
      expect(((await served.inject({ url: '/api/districts/xiacheng/grids', headers })).json() as GridCollection).features).toEqual([]);
      expect(((await served.inject({ url: '/api/districts/xiacheng/categories', headers })).json() as unknown[]).length).toBeGreaterThan(30);
    } finally {
      await served.close();
    }
  });
});
