import type { Queryable } from './connect.ts';

/** A street's id by its name, added when an import names one the district does not have yet; null for no street. */
export async function streetIdOf(sql: Queryable, name: string | null): Promise<number | null> {
  if (name === null) return null;
  const [found] = await sql<{ id: number }[]>`SELECT id FROM streets WHERE name = ${name}`;
  if (found) return found.id;
  const [added] = await sql<{ id: number }[]>`INSERT INTO streets (id, code, name)
    SELECT coalesce(max(id), 0) + 1, 'street-' || (coalesce(max(id), 0) + 1), ${name} FROM streets RETURNING id`;
  return added!.id;
}
