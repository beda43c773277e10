import type { Database } from 'better-sqlite3';

/**
 * Adds many problems at once: building the problem indexes (and the position R*Tree) once at
 * the end sorts each in one pass; maintaining them row by row made a million-problem district
 * thrash the cache. Unique indexes stay: a problem's origin is looked up by one. The caller holds
 * the transaction.
 */
export function bulkLoadProblems<T>(database: Database, load: () => T): T {
  const indexes = database.prepare(`SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name IN ('issues', 'issue_events') AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`).all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) database.exec(`DROP INDEX "${index.name}"`);
  const positionTrigger = database.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'issue_positions_follow_insert'")
    .pluck().get() as string;
  database.exec('DROP TRIGGER issue_positions_follow_insert');
  const loaded = load();
  for (const index of indexes) database.exec(index.sql);
  fillIssuePositions(database);
  database.exec(positionTrigger);
  return loaded;
}

/** Indexes every problem's position in the R*Tree, in its units of ten-millionths of a degree. */
function fillIssuePositions(database: Database): void {
  database.exec(`INSERT INTO issue_positions
    SELECT id, round(longitude * 1e7), round(longitude * 1e7), round(latitude * 1e7), round(latitude * 1e7) FROM issues`);
}
