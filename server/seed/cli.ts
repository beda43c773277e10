import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, describePostgres } from '../postgres/connect.ts';
import { copySqliteToPostgres } from '../postgres/copy-from-sqlite.ts';
import { parseArgs } from 'node:util';
import { openDatabase } from '../database/open.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, seedDatabase } from './seed-database.ts';
import { loadConfig } from '../config.ts';

/**
 * `npm run seed -- [--issues N] [--seed S] [--now ISO] [--database PATH|postgres://…]` builds a
 * new demo database. It refuses to touch an existing file or a PostgreSQL database that holds
 * data: nothing is ever overwritten. A PostgreSQL demo is built in a SQLite file and moved in.
 */
const config = loadConfig(process.env);
const { values } = parseArgs({
  options: {
    issues: { type: 'string', default: String(DEFAULT_ISSUE_COUNT) },
    seed: { type: 'string', default: DEFAULT_SEED },
    now: { type: 'string' },
    database: { type: 'string', default: config.databasePath },
  },
});
const issueCount = Number(values.issues);
const now = values.now ? Date.parse(values.now) : Date.now();
if (!Number.isInteger(issueCount) || issueCount < 0) throw new Error(`--issues must be a whole number, not ${values.issues}`);
if (Number.isNaN(now)) throw new Error(`--now must be an ISO date-time, not ${values.now}`);
const toPostgres = /^postgres(ql)?:\/\//.test(values.database);
if (!toPostgres && existsSync(values.database)) {
  console.error(`${values.database} already exists; choose another --database or remove it yourself.`);
  process.exit(1);
}

const started = performance.now();
const folder = toPostgres ? mkdtempSync(join(tmpdir(), 'civgrid-seed-')) : null;
try {
  const database = openDatabase(folder ? join(folder, 'demo.db') : values.database);
  const summary = seedDatabase(database, { seed: values.seed, now, issueCount, basemapDirectory: config.basemapDirectory });
  if (toPostgres) {
    const target = connectPostgres(values.database, { max: 2 });
    try {
      await copySqliteToPostgres(database, target);
    } finally {
      await target.end({ timeout: 5 });
    }
  }
  database.close();
  const shown = toPostgres ? describePostgres(values.database) : values.database;
  console.log(JSON.stringify({ database: shown, ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 }));
} catch (error) {
  console.error(`civgrid seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
