import type { Database } from 'better-sqlite3';
import type { ImportRecord, ImportRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';

const COLUMNS = `id, kind, file_name AS fileName, file_sha256 AS fileSha256, options, report, created_at AS createdAt, created_by AS createdBy,
  applied_at AS appliedAt, applied_by AS appliedBy, accepted_warnings AS acceptedWarnings`;

type Row = Record<'options' | 'report' | 'payload' | 'acceptedWarnings', string | null> & Omit<ImportRecord, 'options' | 'report' | 'payload' | 'acceptedWarnings'>;

const parsed = <T extends Partial<Row>>(row: T) => ({
  ...row,
  options: JSON.parse(row.options!),
  report: JSON.parse(row.report!),
  ...(row.payload === undefined ? {} : { payload: JSON.parse(row.payload!) }),
  acceptedWarnings: row.acceptedWarnings ? JSON.parse(row.acceptedWarnings) : null,
});

/** Every import's dry run, kept with its report and payload, applied at most once. */
export function createImportRepository(database: Database): Synchronous<ImportRepository> {
  const statements = {
    insert: database.prepare(`INSERT INTO imports (id, kind, file_name, file_sha256, options, report, payload, created_at, created_by)
      VALUES (@id, @kind, @fileName, @fileSha256, @options, @report, @payload, @createdAt, @createdBy)`),
    get: database.prepare(`SELECT ${COLUMNS}, payload FROM imports WHERE id = @id`),
    list: database.prepare(`SELECT ${COLUMNS} FROM imports ORDER BY created_at DESC, id LIMIT @limit`),
    applied: database.prepare(`UPDATE imports SET applied_at = @at, applied_by = @by, accepted_warnings = @acceptedWarnings
      WHERE id = @id AND applied_at IS NULL`),
  };
  return {
    record(entry) {
      statements.insert.run({ ...entry, options: JSON.stringify(entry.options), report: JSON.stringify(entry.report), payload: JSON.stringify(entry.payload) });
    },
    get(id) {
      const row = statements.get.get({ id }) as Row | undefined;
      return row && (parsed(row) as ImportRecord);
    },
    list(limit) {
      return (statements.list.all({ limit }) as Row[]).map((row) => parsed(row) as Omit<ImportRecord, 'payload'>);
    },
    markApplied(id, at, by, acceptedWarnings) {
      return statements.applied.run({ id, at, by, acceptedWarnings: JSON.stringify(acceptedWarnings) }).changes === 1;
    },
  };
}
