import type { Database } from 'better-sqlite3';
import type { ProblemImportRepository } from '../store/repositories.ts';
import type { ImportedProblem } from '../import/problem-import.ts';
import { problemCode, problemVersion } from '../domain/problem-record.ts';
import type { Synchronous } from './synchronous.ts';

/** Problems imported from other systems: their staged rows, their insertion with histories, and the saved column mappings. */
export function createProblemImportRepository(database: Database): Synchronous<ProblemImportRepository> {
  const statements = {
    imported: database.prepare(`SELECT value FROM json_each(@references)
      WHERE EXISTS (SELECT 1 FROM issues WHERE source_system = @sourceSystem AND source_reference = json_each.value)`).pluck(),
    stage: database.prepare('INSERT INTO import_rows (import_id, row_number, data) VALUES (@importId, @row, @data)'),
    staged: database.prepare(`SELECT data FROM import_rows WHERE import_id = @importId AND row_number > @afterRow
      ORDER BY row_number LIMIT @limit`).pluck(),
    exists: database.prepare('SELECT EXISTS (SELECT 1 FROM issues WHERE source_system = @sourceSystem AND source_reference = @sourceReference)').pluck(),
    lastId: database.prepare('SELECT coalesce(max(id), 0) FROM issues').pluck(),
    insertIssue: database.prepare(`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id,
        state, department_id, deadline_at, reported_at, assigned_at, accepted_at, rectified_at, closed_at, voided_at,
        extended, rework_count, recurrence_of, version, updated_at, source_system, source_reference)
      VALUES (@id, @code, @categoryId, @source, @description, @address, @longitude, @latitude, @gridId,
        @state, @departmentId, @deadlineAt, @reportedAt, @assignedAt, @acceptedAt, @rectifiedAt, @closedAt, @voidedAt,
        @extended, @reworkCount, @recurrenceOf, @version, @updatedAt, @sourceSystem, @sourceReference)`),
    event: database.prepare(`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes, note)
      VALUES (@issueId, @occurredAt, @actor, @action, @fromState, @toState, @changes, @note)`),
    savedMapping: database.prepare('SELECT mapping FROM column_mappings WHERE source_system = @sourceSystem').pluck(),
    saveMapping: database.prepare(`INSERT INTO column_mappings (source_system, mapping, saved_at, saved_by) VALUES (@sourceSystem, @mapping, @at, @by)
      ON CONFLICT (source_system) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at, saved_by = excluded.saved_by`),
  };
  return {
    alreadyImported(sourceSystem, references) {
      return statements.imported.all({ sourceSystem, references: JSON.stringify(references) }) as string[];
    },
    stage(importId, problems) {
      for (const problem of problems) statements.stage.run({ importId, row: problem.row, data: JSON.stringify(problem) });
    },
    staged(importId, afterRow, limit) {
      return (statements.staged.all({ importId, afterRow, limit }) as string[]).map((data) => JSON.parse(data) as ImportedProblem);
    },
    add(problems) {
      // Ids are the ones SQLite would give (the largest plus one), taken here so that the number
      // can carry them; the unit of work holds the write lock meanwhile.
      let nextId = (statements.lastId.get() as number) + 1;
      return problems.map((written) => {
        const { problem, events } = written;
        const { origin, ...fields } = problem;
        const source = { sourceSystem: origin?.system ?? null, sourceReference: origin?.reference ?? null };
        if (origin && statements.exists.get(source) === 1) return null;
        const issueId = nextId;
        nextId += 1;
        statements.insertIssue.run({
          ...fields, ...source, ...problemVersion(written), id: issueId, code: problemCode(issueId, problem.reportedAt), extended: problem.extended ? 1 : 0,
        });
        for (const event of events) statements.event.run({ ...event, issueId, changes: JSON.stringify(event.changes) });
        return issueId;
      });
    },
    savedMapping(sourceSystem) {
      const mapping = statements.savedMapping.get({ sourceSystem }) as string | undefined;
      return mapping ? JSON.parse(mapping) : null;
    },
    saveMapping(sourceSystem, mapping, at, by) {
      statements.saveMapping.run({ sourceSystem, mapping: JSON.stringify(mapping), at, by });
    },
  };
}
