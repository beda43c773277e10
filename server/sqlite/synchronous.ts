/**
 * better-sqlite3 answers synchronously, and a read done in one go sees one state of the
 * database. The SQLite repositories are written that way, as the synchronous twins of the
 * asynchronous interfaces, and turned into those interfaces by `asynchronous`.
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/**
 * The repository's methods as asynchronous ones; each first waits for `ready` when given, which
 * keeps reads outside a unit of work from seeing its uncommitted writes on the shared connection.
 */
export function asynchronous<T extends object>(repository: Synchronous<T>, ready?: () => Promise<void> | undefined): T {
  const methods: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository) as Array<[string, (...args: unknown[]) => unknown]>) {
    methods[name] = ready
      ? async (...args: unknown[]) => {
        const waiting = ready();
        if (waiting) await waiting;
        return method(...args);
      }
      : async (...args: unknown[]) => method(...args);
  }
  return methods as T;
}
