import Database from 'better-sqlite3';
import { openDatabase } from '../../server/database/open.ts';
import { connectPostgres } from '../../server/postgres/connect.ts';
import { copySqliteToPostgres } from '../../server/postgres/copy-from-sqlite.ts';
import { totalsFromPostgres } from '../../server/postgres/performance-rollups.ts';
import { createPostgresStore } from '../../server/postgres/store.ts';
import { channelOf, connectDistrict } from '../../server/postgres/districts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { LATEST_POSTGRES_VERSION } from '../../server/postgres/migrate.ts';
import { totalsFromDatabase } from '../../server/sqlite/performance-rollups.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import type { ContributionTotals } from '../../server/domain/performance-contributions.ts';
import type { Store } from '../../server/store/store.ts';
import { createSeededDatabase } from './test-database.ts';

/**
 * The seeded test district on either database. API and workflow tests run on SQLite always, and
 * on PostgreSQL too when CIVGRID_TEST_POSTGRES_URL names a server (CI starts one); each
 * PostgreSQL district is a new database cloned from a template seeded once.
 */

export type Dialect = 'sqlite' | 'postgres';
const POSTGRES_URL = process.env.CIVGRID_TEST_POSTGRES_URL;
export const DIALECTS: readonly Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

type CounterRow = Record<string, number | string>;

export interface TestDistrict {
  dialect: Dialect;
  /** The SQLite file, or the PostgreSQL database's address. */
  address: string;
  /** A new store on the district; the app that is given it closes it. */
  openStore(): Store;
  /** The one number a read-only query in SQL both databases speak answers. */
  scalar(query: string): Promise<number>;
  /** The first column of every row such a query answers. */
  column(query: string): Promise<number[]>;
  /** Runs a statement on a connection of the test's own that may write, as an intruder with the database's password could. */
  execute(statement: string): Promise<void>;
  /** The stored daily counters and a full recomputation from the problems, in one comparable form. */
  storedCounters(): Promise<CounterRow[]>;
  recomputedCounters(): Promise<CounterRow[]>;
  remove(): Promise<void>;
}

const STORED_COUNTERS_SQL = `SELECT unit_kind AS "unitKind", unit_id AS "unitId", CAST(day AS TEXT) AS day, due, closed, closed_on_time AS "closedOnTime",
    extended, round(CAST(rectify_minutes AS NUMERIC), 6) AS "rectifyMinutes", new_issues AS "newIssues", recurrences,
    rectifications_submitted AS "rectificationsSubmitted", failed_inspections AS "failedInspections"
  FROM performance_daily
  WHERE due != 0 OR new_issues != 0 OR rectifications_submitted != 0 OR failed_inspections != 0
  ORDER BY unit_kind, unit_id, day`;

function comparableCounters(totals: ContributionTotals): CounterRow[] {
  return [...totals.totals.values()]
    .map(({ unitKind, unitId, day, counters }) => ({ unitKind, unitId, day, ...counters, rectifyMinutes: Math.round(counters.rectifyMinutes * 1e6) / 1e6 }))
    .filter((row) => row.due !== 0 || row.newIssues !== 0 || row.rectificationsSubmitted !== 0 || row.failedInspections !== 0)
    .sort((a, b) => a.unitKind.localeCompare(b.unitKind) || a.unitId - b.unitId || a.day.localeCompare(b.day));
}

export async function createTestDistrict(dialect: Dialect, issueCount = 3000): Promise<TestDistrict> {
  return dialect === 'sqlite' ? sqliteDistrict(issueCount) : postgresDistrict(issueCount);
}

function sqliteDistrict(issueCount: number): TestDistrict {
  const seeded = createSeededDatabase(issueCount);
  seeded.database.close();
  // The test's own connection: it sees what the app's commits, as another process would.
  const reader = new Database(seeded.path, { readonly: true });
  return {
    dialect: 'sqlite',
    address: seeded.path,
    openStore: () => createSqliteStore(openDatabase(seeded.path)),
    scalar: async (query) => reader.prepare(query).pluck().get() as number,
    column: async (query) => reader.prepare(query).pluck().all() as number[],
    execute: async (statement) => {
      const writer = new Database(seeded.path);
      try {
        writer.exec(statement);
      } finally {
        writer.close();
      }
    },
    storedCounters: async () => reader.prepare(STORED_COUNTERS_SQL).all() as CounterRow[],
    recomputedCounters: async () => comparableCounters(totalsFromDatabase(reader)),
    remove: async () => {
      reader.close();
      seeded.remove();
    },
  };
}

let databases = 0;

/** A template per district size, seeded once by whichever test file asks first; the lock keeps two from seeding it at once. */
async function postgresTemplate(issueCount: number): Promise<string> {
  const name = `civgrid_test_template_${issueCount}_v${LATEST_POSTGRES_VERSION}_districts`;
  const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
  try {
    await admin`SELECT pg_advisory_lock(20261702)`;
    const [existing] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!existing) {
      const building = `${name}_building_${process.pid}`;
      await admin.unsafe(`CREATE DATABASE ${building}`);
      const url = new URL(POSTGRES_URL!);
      url.pathname = `/${building}`;
      const seeded = createSeededDatabase(issueCount);
      try {
        await copySqliteToPostgres(seeded.database, url.toString());
      } finally {
        seeded.remove();
      }
      await admin.unsafe(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    await admin`SELECT pg_advisory_unlock(20261702)`;
  } finally {
    await admin.end();
  }
  return name;
}

async function postgresDistrict(issueCount: number): Promise<TestDistrict> {
  const template = await postgresTemplate(issueCount);
  const name = `civgrid_test_${process.pid}_${(databases += 1)}_${Date.now() % 1e6}`;
  const admin = connectPostgres(POSTGRES_URL!, { max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  const { code } = DEMO_DISTRICT;
  const reader = connectDistrict(url.toString(), code, { max: 2 });
  return {
    dialect: 'postgres',
    address: url.toString(),
    openStore: () => createPostgresStore(connectDistrict(url.toString(), code), url.toString(), { channel: channelOf(code) }),
    scalar: async (query) => Number(Object.values((await reader.unsafe(query))[0]!)[0]),
    column: async (query) => (await reader.unsafe(query)).map((row) => Number(Object.values(row)[0])),
    execute: async (statement) => {
      await reader.unsafe(statement);
    },
    storedCounters: async () => (await reader.unsafe<CounterRow[]>(STORED_COUNTERS_SQL)).map((row) => ({ ...row, rectifyMinutes: Number(row.rectifyMinutes) })),
    recomputedCounters: async () => comparableCounters(await totalsFromPostgres(reader)),
    remove: async () => {
      await reader.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
