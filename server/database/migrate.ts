import type { Database } from 'better-sqlite3';

/**
 * Data a migration leaves to be recomputed from the records it cannot derive with SQL alone (the
 * performance counters need the working-time calendar). A migration only names it: it holds the
 * SQL it needs as of its own version and never runs application code, which moves on after the
 * migration is written. The current code recomputes it once every migration has run.
 */
export type DerivedData = 'performance counters';
export type DerivedDataRebuilders = Record<DerivedData, (database: Database) => void>;

export interface Migration {
  version: number;
  name: string;
  up: (database: Database) => void;
  /** Derived data to recompute after the upgrade, with the code of the version upgraded to. */
  rebuilds?: readonly DerivedData[];
  /**
   * Whether it rebuilds a table others refer to (SQLite's way to drop a NOT NULL): foreign keys are
   * off while it runs, as SQLite's procedure asks, and every reference is checked before commit.
   */
  rebuildsReferencedTable?: boolean;
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
 * `user_version`, then recomputes what they ask for. The whole upgrade is one transaction around
 * them, so a failure anywhere leaves the database exactly as it was, version included.
 */
export function migrate(database: Database, migrations: readonly Migration[], rebuilders: DerivedDataRebuilders): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(database);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  // The pragma is ignored inside a transaction, so it is set around the upgrade.
  const foreignKeysWereOn = database.pragma('foreign_keys', { simple: true }) === 1;
  const rebuildsTables = pending.some((migration) => migration.rebuildsReferencedTable);
  if (rebuildsTables) database.pragma('foreign_keys = OFF');
  try {
    upgrade(database, pending, rebuilders, rebuildsTables);
  } finally {
    if (rebuildsTables && foreignKeysWereOn) database.pragma('foreign_keys = ON');
  }
}

function upgrade(database: Database, pending: readonly Migration[], rebuilders: DerivedDataRebuilders, checkReferences: boolean): void {
  database.transaction(() => {
    for (const migration of pending) {
      database.transaction(() => {
        migration.up(database);
        database.pragma(`user_version = ${migration.version}`);
      })();
    }
    if (checkReferences) {
      const broken = database.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; parent: string }>;
      if (broken.length > 0) throw new Error(`the upgrade would leave ${broken.length} broken references (${broken[0]!.table} → ${broken[0]!.parent})`);
    }
    const rebuilds = new Set(pending.flatMap((migration) => migration.rebuilds ?? []));
    for (const rebuild of rebuilds) rebuilders[rebuild](database);
    // Fresh statistics let the planner see the new indexes and the rebuilt data.
    if (rebuilds.size > 0) database.exec('ANALYZE');
  })();
}
