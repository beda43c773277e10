import type { Database } from 'better-sqlite3';
import type { BulletinFormat, BulletinRecord, BulletinRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';

const COLUMNS = `b.id, b.series, b.year, b.number, b.title, b.first_day AS firstDay, b.last_day AS lastDay, b.made_at AS madeAt, b.made_by AS madeBy,
  b.corrects_id AS correctsId, (SELECT json_group_array(f.format) FROM bulletin_files f WHERE f.bulletin_id = b.id) AS formats`;

type BulletinRow = Omit<BulletinRecord, 'formats'> & { formats: string };
const toRecord = ({ formats, ...row }: BulletinRow): BulletinRecord => ({ ...row, formats: (JSON.parse(formats) as BulletinFormat[]).sort() });

export function createBulletinRepository(database: Database): Synchronous<BulletinRepository> {
  const statements = {
    nextNumber: database.prepare('SELECT coalesce(max(number), 0) + 1 FROM bulletins WHERE series = @series AND year = @year').pluck(),
    insert: database.prepare(`INSERT INTO bulletins (series, year, number, title, first_day, last_day, made_at, made_by, corrects_id, content)
      VALUES (@series, @year, @number, @title, @firstDay, @lastDay, @madeAt, @madeBy, @correctsId, @content)`),
    insertFile: database.prepare('INSERT INTO bulletin_files (bulletin_id, format, sha256, bytes) VALUES (@bulletinId, @format, @sha256, @bytes)'),
    byId: database.prepare(`SELECT ${COLUMNS} FROM bulletins b WHERE b.id = @id`),
    list: database.prepare(`SELECT ${COLUMNS} FROM bulletins b
      WHERE (@series IS NULL OR b.series = @series) AND (@drafts OR b.number IS NOT NULL) ORDER BY b.made_at DESC, b.id DESC`),
    issuedFor: database.prepare(`SELECT ${COLUMNS} FROM bulletins b WHERE b.series = @series AND b.last_day = @lastDay AND b.number IS NOT NULL
      ORDER BY b.id LIMIT 1`),
    file: database.prepare('SELECT sha256, bytes FROM bulletin_files WHERE bulletin_id = @id AND format = @format'),
  };
  const byId = (id: number) => {
    const row = statements.byId.get({ id }) as BulletinRow | undefined;
    return row && toRecord(row);
  };
  return {
    nextNumber(series, year) {
      return statements.nextNumber.get({ series, year }) as number;
    },
    record({ content, files, ...bulletin }) {
      const bulletinId = Number(statements.insert.run({ ...bulletin, content: JSON.stringify(content) }).lastInsertRowid);
      for (const file of files) statements.insertFile.run({ bulletinId, ...file });
      return byId(bulletinId)!;
    },
    list({ series, drafts }) {
      return (statements.list.all({ series: series ?? null, drafts: drafts ? 1 : 0 }) as BulletinRow[]).map(toRecord);
    },
    byId,
    issuedFor(series, lastDay) {
      const row = statements.issuedFor.get({ series, lastDay }) as BulletinRow | undefined;
      return row && toRecord(row);
    },
    file(id, format) {
      return statements.file.get({ id, format }) as { sha256: string; bytes: Buffer } | undefined;
    },
  };
}
