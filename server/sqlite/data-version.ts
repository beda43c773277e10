import type { Database } from 'better-sqlite3';
import type { DataVersionRepository } from '../store/repositories.ts';
import { AWAITING_RECTIFICATION_SQL } from '../store/issue-state-sql.ts';
import type { Synchronous } from './synchronous.ts';

/**
 * What an answer computed from the database depends on besides its question: a stamp that
 * changes with every write committed (by this server's connection, or by another process on the
 * same database), and the next instant a problem falls overdue, which changes counts without any
 * write.
 */
export function createDataVersionRepository(database: Database): Synchronous<DataVersionRepository> {
  const statements = {
    ownChanges: database.prepare('SELECT total_changes()').pluck(),
    nextOverdue: database.prepare(`SELECT min(deadline_at) FROM issues
      WHERE state IN ${AWAITING_RECTIFICATION_SQL} AND deadline_at >= @now`).pluck(),
  };
  return {
    stamp: () => `${statements.ownChanges.get() as number}:${database.pragma('data_version', { simple: true }) as number}`,
    /** The last instant at which no problem that is not overdue now has fallen overdue. */
    overdueUnchangedUntil: (now: number) => (statements.nextOverdue.get({ now }) as number | null) ?? Number.POSITIVE_INFINITY,
  };
}
