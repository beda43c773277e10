import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../database/open.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, seedDatabase } from './seed-database.ts';
import { loadConfig } from '../config.ts';

/**
 * `npm run seed -- [--issues N] [--seed S] [--now ISO] [--database PATH]` builds a new demo
 * database. It refuses to touch an existing file: nothing is ever overwritten.
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
if (existsSync(values.database)) {
  console.error(`${values.database} already exists; choose another --database or remove it yourself.`);
  process.exit(1);
}

const started = performance.now();
const database = openDatabase(values.database);
const summary = seedDatabase(database, { seed: values.seed, now, issueCount, basemapDirectory: config.basemapDirectory });
database.close();
console.log(JSON.stringify({ database: values.database, ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 }));
