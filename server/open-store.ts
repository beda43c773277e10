import type { FastifyBaseLogger } from 'fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase } from './database/open.ts';
import { registerServer } from './database/server-registry.ts';
import { connectPostgres } from './postgres/connect.ts';
import { copySqliteToPostgres } from './postgres/copy-from-sqlite.ts';
import { migratePostgres } from './postgres/migrate.ts';
import { createPostgresStore } from './postgres/store.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, isSeeded, seedDatabase } from './seed/seed-database.ts';
import { createSqliteStore } from './sqlite/store.ts';
import type { Store } from './store/store.ts';

/**
 * The process's database: the SQLite file by default, or the PostgreSQL server CIVGRID_DATABASE_URL
 * names. Either is brought up to the current schema and, when empty, given the demo district.
 */
export interface OpenedStore {
  store: Store;
  /** Lets go of what the process held besides the store (the SQLite file's registration). */
  release: () => void;
}

const seedOptions = (config: Config) => ({ seed: DEFAULT_SEED, now: Date.now(), issueCount: DEFAULT_ISSUE_COUNT, basemapDirectory: config.basemapDirectory });

function openSqlite(config: Config, log: FastifyBaseLogger): OpenedStore {
  const database = openDatabase(config.databasePath, { synchronous: config.synchronous });
  const release = registerServer(config.databasePath);
  if (!isSeeded(database)) {
    log.info(`first start: building the demo district in ${config.databasePath}`);
    log.info(seedDatabase(database, seedOptions(config)), 'demo district ready');
  } else if (!existsSync(config.basemapDirectory)) {
    log.warn(`the base-map layers are missing from ${config.basemapDirectory}; the map will show grids only`);
  }
  return { store: createSqliteStore(database), release };
}

/** Held while a process looks for the demo district and builds it, so that two starting at once build it once. */
const FIRST_START_LOCK = 2026_17_03;

async function openPostgres(url: string, config: Config, log: FastifyBaseLogger): Promise<OpenedStore> {
  const sql = connectPostgres(url, { max: config.databasePool });
  try {
    await migratePostgres(sql);
    const first = await sql.reserve();
    try {
      await first`SELECT pg_advisory_lock(${FIRST_START_LOCK})`;
      const [{ seeded }] = await first<[{ seeded: boolean }]>`SELECT EXISTS (SELECT 1 FROM grids) AS seeded`;
      if (!seeded) {
        // The demo district is built as it is for SQLite, in a file of its own, and moved in.
        log.info('first start: building the demo district in the PostgreSQL database');
        const folder = mkdtempSync(join(tmpdir(), 'civgrid-demo-'));
        try {
          const demo = openDatabase(join(folder, 'demo.db'));
          log.info(seedDatabase(demo, seedOptions(config)), 'demo district ready');
          log.info(await copySqliteToPostgres(demo, sql), 'demo district moved into PostgreSQL');
          demo.close();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }
      await first`SELECT pg_advisory_unlock(${FIRST_START_LOCK})`;
    } finally {
      first.release();
    }
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  return { store: createPostgresStore(sql, url), release: () => {} };
}

export async function openStore(config: Config, log: FastifyBaseLogger): Promise<OpenedStore> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config, log) : openSqlite(config, log);
}
