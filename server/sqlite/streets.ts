import type { Database } from 'better-sqlite3';

/** A street's id by its name, added when an import names one the district does not have yet; null for no street. */
export function createStreetLookup(database: Database): (name: string | null) => number | null {
  const byName = database.prepare('SELECT id FROM streets WHERE name = @name').pluck();
  const add = database.prepare(`INSERT INTO streets (id, code, name)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM streets), 'street-' || (SELECT coalesce(max(id), 0) + 1 FROM streets), @name) RETURNING id`).pluck();
  return (name) => (name === null ? null : (byName.get({ name }) as number | undefined) ?? (add.get({ name }) as number));
}
