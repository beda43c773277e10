import type { Database, Statement } from 'better-sqlite3';

/** Prepares each distinct SQL text once; for queries assembled from a small set of variants. */
export function statementCache(database: Database): (sql: string) => Statement {
  const prepared = new Map<string, Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
