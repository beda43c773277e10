import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chinaYear } from '../domain/china-time.ts';
import type { WorkflowChanges } from '../domain/issue-workflow.ts';
import type { BulkRefusalRecord, IssueEventRecord, IssueWorkflowRepository, NewIssue, RefusalRecord, WorkflowIssueRow } from '../store/repositories.ts';
import { WORKFLOW_COLUMNS } from '../store/workflow-columns.ts';
import { statementCache } from './statement-cache.ts';
import type { Synchronous } from './synchronous.ts';

/** The workflow's writes: problems' changed fields, their events, refused attempts, and routing. */

export function createIssueWorkflowRepository(database: Database): Synchronous<IssueWorkflowRepository> {
  const prepare = statementCache(database);
  const statements = {
    issue: database.prepare(`SELECT id, state, department_id AS departmentId, deadline_at AS deadlineAt,
        requested_deadline_at AS requestedDeadlineAt, extended, rework_count AS reworkCount, version, grid_id AS gridId,
        category_id AS categoryId, source, description, address, longitude, latitude, assigned_at AS dispatchedAt
      FROM issues WHERE id = @id`),
    event: database.prepare(`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes, note)
      VALUES (@issueId, @occurredAt, @actor, @action, @fromState, @toState, @changes, @note)`),
    refusal: database.prepare(`INSERT INTO issue_refusals (issue_id, attempted_at, actor, action, version, reason)
      VALUES (@issueId, @attemptedAt, @actor, @action, @version, @reason)`),
    sameRefusalSince: database.prepare(`SELECT EXISTS (SELECT 1 FROM issue_refusals WHERE issue_id = @issueId AND attempted_at >= @since
      AND actor = @actor AND action = @action AND version = @version AND reason = @reason)`).pluck(),
    bulkRefusal: database.prepare(`INSERT INTO bulk_refusals (attempted_at, actor, action, bulk_size, items, digest)
      VALUES (@attemptedAt, @actor, @action, @bulkSize, @items, @digest)`),
    bulkRefusalIssue: database.prepare('INSERT INTO bulk_refusal_issues (issue_id, refusal_id) VALUES (@issueId, @refusalId)'),
    sameBulkRefusalSince: database.prepare('SELECT EXISTS (SELECT 1 FROM bulk_refusals WHERE digest = @digest AND attempted_at >= @since)').pluck(),
    routing: database.prepare('SELECT department_id FROM routing_rules WHERE grid_id = @gridId AND category_id = @categoryId').pluck(),
    // The id is the rowid SQLite would give (the largest plus one), named in the same statement
    // so that the code can carry it; a unit of work holds the write lock while it runs.
    insertIssue: database.prepare(`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id,
        state, reported_at, recurrence_of, version, updated_at)
      SELECT next.id, printf('CC-%d-%07d', @year, next.id), @categoryId, @source, @description, @address, @longitude, @latitude, @gridId,
        'reported', @now, @recurrenceOf, 1, @now
      FROM (SELECT coalesce(max(id), 0) + 1 AS id FROM issues) AS next
      RETURNING id`).pluck(),
  };

  return {
    issue(id: number): WorkflowIssueRow | undefined {
      const row = statements.issue.get({ id }) as (Omit<WorkflowIssueRow, 'extended'> & { extended: number }) | undefined;
      return row && { ...row, extended: row.extended === 1 };
    },

    /**
     * Writes the changed fields if the problem is still at `version`, moving it to the next
     * version. False when another write came first.
     */
    update(id: number, version: number, changes: WorkflowChanges, now: number): boolean {
      const fields = (Object.keys(changes) as (keyof WorkflowChanges)[]).sort();
      const assignments = fields.map((field) => `${WORKFLOW_COLUMNS[field]} = @${field}`);
      const statement = prepare(`UPDATE issues SET ${[...assignments, 'version = version + 1', 'updated_at = @now'].join(', ')}
        WHERE id = @id AND version = @version`);
      const values = Object.fromEntries(fields.map((field) => [field, typeof changes[field] === 'boolean' ? Number(changes[field]) : changes[field]]));
      return statement.run({ ...values, id, version, now }).changes === 1;
    },

    /** Records an event; its id orders every change in the district (the live stream's event id). */
    recordEvent(event: IssueEventRecord): number {
      return Number(statements.event.run({ ...event, changes: JSON.stringify(event.changes) }).lastInsertRowid);
    },

    /** Keeps a refused attempt, unless the same one was kept since `repeatsFrom`; whether it was kept. */
    recordRefusal(refusal: RefusalRecord, repeatsFrom: number): boolean {
      if (statements.sameRefusalSince.get({ ...refusal, since: repeatsFrom }) === 1) return false;
      statements.refusal.run(refusal);
      return true;
    },

    /** Keeps a refused bulk action as one record of its refused items, unless the same one was kept since `repeatsFrom`. */
    recordBulkRefusal(refusal: BulkRefusalRecord, repeatsFrom: number): boolean {
      const items = Object.fromEntries(refusal.items.map(({ issueId, version, reason }) => [issueId, { version, reason }]));
      const fields = { attemptedAt: refusal.attemptedAt, actor: refusal.actor, action: refusal.action, bulkSize: refusal.bulkSize, items: JSON.stringify(items) };
      const digest = createHash('sha256').update(JSON.stringify([fields.actor, fields.action, fields.bulkSize, fields.items])).digest('hex');
      if (statements.sameBulkRefusalSince.get({ digest, since: repeatsFrom }) === 1) return false;
      const refusalId = Number(statements.bulkRefusal.run({ ...fields, digest }).lastInsertRowid);
      for (const { issueId } of refusal.items) statements.bulkRefusalIssue.run({ issueId, refusalId });
      return true;
    },

    /** The department the routing table proposes for a kind of problem in a grid. */
    suggestedDepartment(gridId: number, categoryId: number): number | null {
      return (statements.routing.get({ gridId, categoryId }) as number | undefined) ?? null;
    },

    create(issue: NewIssue, now: number): number {
      return statements.insertIssue.get({ ...issue, year: chinaYear(now), now }) as number;
    },
  };
}
