import type { ImportRecord, ImportRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

/** Every import's dry run, kept with its report and payload, applied at most once. */
export function createImportRepository(sql: Queryable): ImportRepository {
  const columns = sql`id, kind, file_name AS "fileName", file_sha256 AS "fileSha256", options, report, created_at AS "createdAt",
    created_by AS "createdBy", applied_at AS "appliedAt", applied_by AS "appliedBy", accepted_warnings AS "acceptedWarnings"`;
  return {
    async record(entry) {
      await sql`INSERT INTO imports (id, kind, file_name, file_sha256, options, report, payload, created_at, created_by)
        VALUES (${entry.id}, ${entry.kind}, ${entry.fileName}, ${entry.fileSha256}, ${sql.json(entry.options as never)}, ${sql.json(entry.report as never)},
          ${sql.json(entry.payload as never)}, ${entry.createdAt}, ${entry.createdBy})`;
    },
    async get(id) {
      const [row] = await sql<ImportRecord[]>`SELECT ${columns}, payload FROM imports WHERE id = ${id}`;
      return row;
    },
    async list(limit) {
      return [...await sql<Array<Omit<ImportRecord, 'payload'>>>`SELECT ${columns} FROM imports ORDER BY created_at DESC, id LIMIT ${limit}`];
    },
    async markApplied(id, at, by, acceptedWarnings) {
      const result = await sql`UPDATE imports SET applied_at = ${at}, applied_by = ${by}, accepted_warnings = ${sql.json(acceptedWarnings)}
        WHERE id = ${id} AND applied_at IS NULL`;
      return result.count === 1;
    },
  };
}
