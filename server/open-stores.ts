import type { FastifyBaseLogger } from 'fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase } from './database/open.ts';
import { registerServer } from './database/server-registry.ts';
import { connectPostgres } from './postgres/connect.ts';
import { copySqliteToPostgres } from './postgres/copy-from-sqlite.ts';
import { channelOf, connectDistrict, listDistricts, openDistrictStores, prepareCatalog } from './postgres/districts.ts';
import { createPostgresStore } from './postgres/store.ts';
import type { Database } from 'better-sqlite3';
import type { Store } from './store/store.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, isSeeded, seedDatabase } from './seed/seed-database.ts';
import { createSqliteStore } from './sqlite/store.ts';
import { randomBytes } from 'node:crypto';
import { writeDistrictCatalog } from './sqlite/district-catalog.ts';
import { standardCategories } from './seed/organization.ts';
import type { AwaitingSetup } from './services/setup.ts';
import { districtStoreOf, type DistrictStore } from './store/districts.ts';

/**
 * The process's districts: the one in the SQLite file by default, or every district in the
 * PostgreSQL database CIVGRID_DATABASE_URL names. Each is brought up to the current schema; an
 * empty database is given the demo district.
 */
export interface OpenedStores {
  districts: DistrictStore[];
  /** A new installation's database, waiting for its administrator to name its district (CIVGRID_DEMO=off). */
  awaitingSetup?: AwaitingSetup;
  /** Lets go of what the process held besides the stores (the SQLite file's registration, the shared listening connection). */
  release: () => Promise<void>;
}

const seedOptions = (config: Config) => ({ seed: DEFAULT_SEED, now: Date.now(), issueCount: DEFAULT_ISSUE_COUNT, basemapDirectory: config.basemapDirectory });

async function openSqlite(config: Config, log: FastifyBaseLogger): Promise<OpenedStores> {
  const database = openDatabase(config.databasePath, { synchronous: config.synchronous });
  const release = registerServer(config.databasePath);
  const store = createSqliteStore(database);
  if (!await store.district()) {
    if (!config.demo) return { districts: [], awaitingSetup: sqliteAwaitingSetup(database, store), release: async () => release() };
    log.info(`first start: building the demo district in ${config.databasePath}`);
    log.info(seedDatabase(database, seedOptions(config)), 'demo district ready');
  } else if (isSeeded(database) && !existsSync(config.basemapDirectory)) {
    log.warn(`the base-map layers are missing from ${config.basemapDirectory}; the map will show grids only`);
  }
  return { districts: [await districtStoreOf(store)], release: async () => release() };
}

/** An empty SQLite file waiting for its district: the catalogs are written into it, and its own store makes the administrator. */
export function sqliteAwaitingSetup(database: Database, store: Store): AwaitingSetup {
  return {
    code: randomBytes(12).toString('base64url'),
    dialect: 'sqlite',
    district: () => store.district(),
    async establish(district, withStore) {
      database.transaction(() => writeDistrictCatalog(database, district, standardCategories()))();
      await withStore(store);
    },
    close: () => store.close(),
  };
}

/**
 * An empty PostgreSQL database waiting for its first district: the district is written into a
 * SQLite file of its own, catalogs and all, and moved in as the demo's is (migrate-store's copy);
 * a store on its new schema then makes the administrator.
 */
export function postgresAwaitingSetup(url: string): AwaitingSetup {
  return {
    code: randomBytes(12).toString('base64url'),
    dialect: 'postgres',
    async district() {
      const catalog = connectPostgres(url, { max: 1 });
      try {
        return (await listDistricts(catalog))[0] ?? null;
      } finally {
        await catalog.end({ timeout: 1 });
      }
    },
    async establish(district, withStore) {
      const folder = mkdtempSync(join(tmpdir(), 'civgrid-new-'));
      try {
        const empty = openDatabase(join(folder, 'district.db'));
        try {
          empty.transaction(() => writeDistrictCatalog(empty, district, standardCategories()))();
          await copySqliteToPostgres(empty, url);
        } finally {
          empty.close();
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      const store = createPostgresStore(connectDistrict(url, district.code, { max: 1 }), url, { channel: channelOf(district.code) });
      try {
        await withStore(store);
      } finally {
        await store.close();
      }
    },
    close: async () => undefined,
  };
}

/** Held while a process looks for a district and builds the demo's, so that two starting at once build it once. */
const FIRST_START_LOCK = 2026_17_03;

async function openPostgres(url: string, config: Config, log: FastifyBaseLogger): Promise<OpenedStores> {
  const catalog = connectPostgres(url, { max: 1 });
  try {
    await prepareCatalog(catalog);
    const first = await catalog.reserve();
    try {
      await first`SELECT pg_advisory_lock(${FIRST_START_LOCK})`;
      if ((await listDistricts(first)).length === 0) {
        if (!config.demo) {
          await first`SELECT pg_advisory_unlock(${FIRST_START_LOCK})`;
          return { districts: [], awaitingSetup: postgresAwaitingSetup(url), release: () => catalog.end({ timeout: 5 }) };
        }
        // The demo district is built as it is for SQLite, in a file of its own, and moved in.
        log.info('first start: building the demo district in the PostgreSQL database');
        const folder = mkdtempSync(join(tmpdir(), 'civgrid-demo-'));
        try {
          const demo = openDatabase(join(folder, 'demo.db'));
          log.info(seedDatabase(demo, seedOptions(config)), 'demo district ready');
          log.info(await copySqliteToPostgres(demo, url), 'demo district moved into PostgreSQL');
          demo.close();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }
      await first`SELECT pg_advisory_unlock(${FIRST_START_LOCK})`;
    } finally {
      first.release();
    }
    const districts = await openDistrictStores(url, catalog, { max: config.databasePool, synchronous: config.synchronous });
    return { districts, release: () => catalog.end({ timeout: 5 }) };
  } catch (error) {
    await catalog.end({ timeout: 1 });
    throw error;
  }
}

export async function openStores(config: Config, log: FastifyBaseLogger): Promise<OpenedStores> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config, log) : openSqlite(config, log);
}
