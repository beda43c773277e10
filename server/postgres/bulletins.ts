import type { BulletinFormat, BulletinRecord, BulletinRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

/** As the SQLite repository. */
export function createBulletinRepository(sql: Queryable): BulletinRepository {
  const columns = sql`b.id::int, b.series, b.year, b.number, b.title, b.first_day AS "firstDay", b.last_day AS "lastDay", b.made_at::float8 AS "madeAt",
    b.made_by AS "madeBy", b.corrects_id::int AS "correctsId",
    ARRAY(SELECT f.format FROM bulletin_files f WHERE f.bulletin_id = b.id ORDER BY f.format) AS formats`;
  const byId = async (id: number) => {
    const [row] = await sql<BulletinRecord[]>`SELECT ${columns} FROM bulletins b WHERE b.id = ${id}`;
    return row;
  };
  return {
    async nextNumber(series, year) {
      const [row] = await sql<[{ next: number }]>`SELECT (coalesce(max(number), 0) + 1)::int AS next FROM bulletins WHERE series = ${series} AND year = ${year}`;
      return row.next;
    },
    async record({ content, files, ...bulletin }) {
      const [row] = await sql<[{ id: number }]>`INSERT INTO bulletins (series, year, number, title, first_day, last_day, made_at, made_by, corrects_id, content)
        VALUES (${bulletin.series}, ${bulletin.year}, ${bulletin.number}, ${bulletin.title}, ${bulletin.firstDay}, ${bulletin.lastDay}, ${bulletin.madeAt},
          ${bulletin.madeBy}, ${bulletin.correctsId}, ${sql.json(content as never)}) RETURNING id::int`;
      for (const file of files) {
        await sql`INSERT INTO bulletin_files (bulletin_id, format, sha256, bytes) VALUES (${row.id}, ${file.format}, ${file.sha256}, ${file.bytes})`;
      }
      return (await byId(row.id))!;
    },
    async list({ series, drafts }) {
      return sql<BulletinRecord[]>`SELECT ${columns} FROM bulletins b
        WHERE (${series ?? null}::text IS NULL OR b.series = ${series ?? null}) AND (${drafts} OR b.number IS NOT NULL) ORDER BY b.made_at DESC, b.id DESC`;
    },
    byId,
    async issuedFor(series, lastDay) {
      const [row] = await sql<BulletinRecord[]>`SELECT ${columns} FROM bulletins b
        WHERE b.series = ${series} AND b.last_day = ${lastDay} AND b.number IS NOT NULL ORDER BY b.id LIMIT 1`;
      return row;
    },
    async file(id, format: BulletinFormat) {
      const [row] = await sql<Array<{ sha256: string; bytes: Buffer }>>`SELECT sha256, bytes FROM bulletin_files WHERE bulletin_id = ${id} AND format = ${format}`;
      return row;
    },
  };
}
