import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePostgres } from '../postgres/connect.ts';
import { copySqliteToPostgres } from '../postgres/copy-from-sqlite.ts';
import { parseArgs } from 'node:util';
import { openDatabase } from '../database/open.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, seedDatabase } from './seed-database.ts';
import { cityDistricts } from './city.ts';
import { loadConfig } from '../config.ts';

/**
 * `npm run seed -- [--issues N] [--seed S] [--now ISO] [--database PATH|postgres://…] [--districts D]`
 * builds a new demo database. It refuses to touch an existing file or a PostgreSQL district that
 * holds data: nothing is ever overwritten. A PostgreSQL demo is built in a SQLite file and moved
 * in, district by district: `--districts 10 --issues 10000000` makes a city of ten districts of a
 * million problems each (a SQLite file holds one district).
 */
const config = loadConfig(process.env);
const { values } = parseArgs({
  options: {
    issues: { type: 'string', default: String(DEFAULT_ISSUE_COUNT) },
    seed: { type: 'string', default: DEFAULT_SEED },
    now: { type: 'string' },
    database: { type: 'string', default: config.databasePath },
    districts: { type: 'string', default: '1' },
  },
});
const issueCount = Number(values.issues);
const now = values.now ? Date.parse(values.now) : Date.now();
if (!Number.isInteger(issueCount) || issueCount < 0) throw new Error(`--issues must be a whole number, not ${values.issues}`);
if (Number.isNaN(now)) throw new Error(`--now must be an ISO date-time, not ${values.now}`);
const districtCount = Number(values.districts);
if (!Number.isInteger(districtCount) || districtCount < 1 || districtCount > 100) throw new Error(`--districts must be a whole number from 1 to 100, not ${values.districts}`);
const toPostgres = /^postgres(ql)?:\/\//.test(values.database);
if (districtCount > 1 && !toPostgres) throw new Error('a SQLite file holds one district; several need a PostgreSQL --database');
if (!toPostgres && existsSync(values.database)) {
  console.error(`${values.database} already exists; choose another --database or remove it yourself.`);
  process.exit(1);
}

const started = performance.now();
const folder = toPostgres ? mkdtempSync(join(tmpdir(), 'civgrid-seed-')) : null;
try {
  const districts = cityDistricts(districtCount);
  for (const [index, district] of districts.entries()) {
    const districtStarted = performance.now();
    const database = openDatabase(folder ? join(folder, `${district.code}.db`) : values.database);
    const summary = seedDatabase(database, {
      // The first district is the demo as one seed makes it; the others are laid out from seeds of their own.
      seed: index === 0 ? values.seed : `${values.seed}:${district.code}`,
      now,
      issueCount: Math.floor(issueCount / districtCount) + (index === 0 ? issueCount % districtCount : 0),
      basemapDirectory: index === 0 ? config.basemapDirectory : undefined,
      district,
    });
    if (toPostgres) await copySqliteToPostgres(database, values.database);
    database.close();
    if (folder) rmSync(join(folder, `${district.code}.db`), { force: true });
    const shown = toPostgres ? describePostgres(values.database) : values.database;
    console.log(JSON.stringify({ database: shown, district: district.code, ...summary, seconds: Math.round((performance.now() - districtStarted) / 100) / 10 }));
  }
  if (districtCount > 1) console.log(JSON.stringify({ districts: districtCount, issues: issueCount, seconds: Math.round((performance.now() - started) / 100) / 10 }));
} catch (error) {
  console.error(`civgrid seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
