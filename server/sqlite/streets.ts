import type { Database } from 'better-sqlite3';

/** A street's id by its name, added when an import names one the district does not have yet; null for no street. */
export function createStreetLookup(database: Database): (name: string | null) => number | null {
  const byName = database.prepare('SELECT id FROM streets WHERE name = @name').pluck();
  const add = database.prepare(`INSERT INTO streets (id, code, name)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM streets), 'street-' || (SELECT coalesce(max(id), 0) + 1 FROM streets), @name) RETURNING id`).pluck();
  return (name) => (name === null ? null : (byName.get({ name }) as number | undefined) ?? (add.get({ name }) as number));
}

/** Adds a district's streets with their own codes, in order, before anything names them. */
export function addStreets(database: Database, streets: ReadonlyArray<{ code: string; name: string }>): void {
  const add = database.prepare('INSERT INTO streets (id, code, name) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM streets), @code, @name)');
  for (const street of streets) add.run(street);
}
