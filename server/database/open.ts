import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { DERIVED_DATA_REBUILDERS } from './derived-data.ts';

export type { Database } from 'better-sqlite3';

export interface OpenOptions {
  /**
   * `normal` (the default) can lose the last commits to a power cut, never the database's
   * integrity; `full` waits for each commit to reach the disk, at a cost measured in
   * docs/benchmarks.md.
   */
  synchronous?: 'normal' | 'full';
  /** How long a write waits for another process's write to finish before giving up (503). */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) a CivGrid database and brings its schema up to date. */
export function openDatabase(path: string, { synchronous = 'normal', busyTimeoutMs = 5000 }: OpenOptions = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  try {
    migrate(database, MIGRATIONS, DERIVED_DATA_REBUILDERS);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
