import type { Queryable } from './connect.ts';
import type { Sql } from 'postgres';
import { DatabaseTooNewError } from '../database/migrate.ts';
import { baseline } from './migrations/008-baseline.ts';
import { district } from './migrations/009-district.ts';
import { accounts } from './migrations/010-accounts.ts';
import { gridVersionsAndImports } from './migrations/011-grid-versions-and-imports.ts';
import { importedProblems } from './migrations/012-imported-problems.ts';
import { basemapImports } from './migrations/013-basemap-imports.ts';
import { photos } from './migrations/014-photos.ts';
import { bulletins } from './migrations/015-bulletins.ts';

/** A numbered migration in PostgreSQL's SQL; its number is the SQLite migration's it matches. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [baseline, district, accounts, gridVersionsAndImports, importedProblems, basemapImports, photos, bulletins];
export const LATEST_POSTGRES_VERSION = POSTGRES_MIGRATIONS.at(-1)!.version;

/** Held while migrating, so that two processes starting at once do not both migrate. */
const MIGRATION_LOCK = 2026_17_01;

export async function postgresSchemaVersion(sql: Queryable): Promise<number> {
  const [row] = await sql<[{ version: number }]>`SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations`;
  return row.version;
}

/**
 * Applies each pending migration, each in a savepoint that also records its version, inside one
 * transaction around them all: a failure anywhere leaves the database exactly as it was.
 */
export async function migratePostgres(sql: Sql, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0;
  await sql.begin(async (transaction) => {
    await transaction`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await transaction`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
    const current = await postgresSchemaVersion(transaction);
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const migration of migrations.filter((candidate) => candidate.version > current)) {
      await transaction.savepoint(async (step) => {
        await step.unsafe(migration.sql);
        await step`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
      });
    }
  });
}
