import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (database: Database) => void;
}

export class DatabaseTooNewError extends Error {
  constructor(found: number, latest: number) {
    super(`database schema version ${found} is newer than this CivGrid understands (${latest}); upgrade CivGrid instead`);
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(database: Database): number {
  return database.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies each pending migration in its own transaction, which also records the new
 * `user_version`, so a failed migration leaves the database exactly as it was.
 */
export function migrate(database: Database, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(database);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    database.transaction(() => {
      migration.up(database);
      database.pragma(`user_version = ${migration.version}`);
    })();
  }
}
