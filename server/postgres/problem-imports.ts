import type { ImportedProblem } from '../import/problem-import.ts';
import { problemCode, problemVersion, type ProblemWithHistory } from '../domain/problem-record.ts';
import type { ProblemColumnMapping } from '../import/problem-mapping.ts';
import type { ProblemImportRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

/** Rows per statement: PostgreSQL takes at most 65,535 parameters in one. */
const ROWS_PER_STATEMENT = 2000;

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** As the SQLite repository, with each batch's problems and events written a statement at a time rather than a row at a time. */
export function createProblemImportRepository(sql: Queryable): ProblemImportRepository {
  const alreadyImported = async (sourceSystem: string, references: readonly string[]) => {
    if (references.length === 0) return [];
    const rows = await sql<{ reference: string }[]>`SELECT source_reference AS reference FROM issues
      WHERE source_system = ${sourceSystem} AND source_reference = ANY(${references as string[]}::text[])`;
    return rows.map((row) => row.reference);
  };
  return {
    alreadyImported,
    async stage(importId, problems) {
      for (const chunk of chunks(problems, ROWS_PER_STATEMENT)) {
        await sql`INSERT INTO import_rows (import_id, row_number, data)
          SELECT ${importId}, row_number, data::jsonb FROM unnest(${chunk.map((problem) => problem.row)}::int[], ${chunk.map((problem) => JSON.stringify(problem))}::text[]) AS staged (row_number, data)`;
      }
    },
    async staged(importId, afterRow, limit) {
      const rows = await sql<{ data: ImportedProblem }[]>`SELECT data FROM import_rows WHERE import_id = ${importId} AND row_number > ${afterRow}
        ORDER BY row_number LIMIT ${limit}`;
      return rows.map((row) => row.data);
    },
    async add(problems) {
      const originKey = ({ problem: { origin } }: ProblemWithHistory) => (origin ? `${origin.system}\u0000${origin.reference}` : null);
      const taken = new Set<string>();
      const referencesBySystem = new Map<string, string[]>();
      for (const { problem: { origin } } of problems) {
        if (!origin) continue;
        const references = referencesBySystem.get(origin.system) ?? [];
        references.push(origin.reference);
        referencesBySystem.set(origin.system, references);
      }
      for (const [system, references] of referencesBySystem) {
        for (const reference of await alreadyImported(system, references)) taken.add(`${system}\u0000${reference}`);
      }
      const fresh = problems.filter((written) => !taken.has(originKey(written) ?? ''));
      if (fresh.length === 0) return problems.map(() => null);
      const ids = (await sql<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('issues', 'id'))::int AS id FROM generate_series(1, ${fresh.length})`)
        .map((row) => row.id);
      const issueRows = fresh.map((written, index) => {
        const { problem } = written;
        const { version, updatedAt } = problemVersion(written);
        return {
          id: ids[index]!, code: problemCode(ids[index]!, problem.reportedAt), category_id: problem.categoryId,
          source: problem.source, description: problem.description, address: problem.address, longitude: problem.longitude, latitude: problem.latitude,
          grid_id: problem.gridId, state: problem.state, department_id: problem.departmentId, deadline_at: problem.deadlineAt,
          reported_at: problem.reportedAt, assigned_at: problem.assignedAt, accepted_at: problem.acceptedAt,
          rectified_at: problem.rectifiedAt, closed_at: problem.closedAt, voided_at: problem.voidedAt,
          extended: problem.extended ? 1 : 0, rework_count: problem.reworkCount, recurrence_of: problem.recurrenceOf, version, updated_at: updatedAt,
          source_system: problem.origin?.system ?? null, source_reference: problem.origin?.reference ?? null,
        };
      });
      for (const chunk of chunks(issueRows, ROWS_PER_STATEMENT)) await sql`INSERT INTO issues ${sql(chunk)}`;
      const eventRows = fresh.flatMap(({ events }, index) => events.map((event) => ({
        issue_id: ids[index]!, occurred_at: event.occurredAt, actor: event.actor, action: event.action, from_state: event.fromState,
        to_state: event.toState, changes: sql.json(event.changes as never), note: event.note,
      })));
      for (const chunk of chunks(eventRows, ROWS_PER_STATEMENT)) await sql`INSERT INTO issue_events ${sql(chunk)}`;
      const idOf = new Map(fresh.map((written, index) => [written, ids[index]!]));
      return problems.map((written) => idOf.get(written) ?? null);
    },
    async savedMapping(sourceSystem) {
      const [row] = await sql<{ mapping: ProblemColumnMapping }[]>`SELECT mapping FROM column_mappings WHERE source_system = ${sourceSystem}`;
      return row?.mapping ?? null;
    },
    async saveMapping(sourceSystem, mapping, at, by) {
      await sql`INSERT INTO column_mappings (source_system, mapping, saved_at, saved_by) VALUES (${sourceSystem}, ${sql.json(mapping)}, ${at}, ${by})
        ON CONFLICT (source_system) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at, saved_by = excluded.saved_by`;
    },
  };
}
