import type { Database, Statement } from 'better-sqlite3';

/** How many prepared statements a repository keeps; a statement holds its query plan and buffers. */
export const STATEMENT_CACHE_CAPACITY = 100;

/**
 * Prepares each distinct SQL text once, for queries assembled from a set of variants, keeping
 * the most recently used: filter combinations are many, and an unbounded cache grew with every
 * distinct list a client sent (290 MB for 1,000 of them).
 */
export function statementCache(database: Database, capacity = STATEMENT_CACHE_CAPACITY): ((sql: string) => Statement) & { size: () => number } {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const prepared = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (statement) prepared.delete(sql);
    else statement = database.prepare(sql);
    prepared.set(sql, statement);
    if (prepared.size > capacity) prepared.delete(prepared.keys().next().value!);
    return statement;
  };
  return Object.assign(prepare, { size: () => prepared.size });
}
