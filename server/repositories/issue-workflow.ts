import type { Database } from 'better-sqlite3';
import { chinaYear } from '../domain/china-time.ts';
import type { IssueEventRecord, IssueRecord } from '../seed/issues.ts';
import type { WorkflowChanges, WorkflowIssue } from '../domain/issue-workflow.ts';
import { statementCache } from './statement-cache.ts';

/** The workflow's writes: problems' changed fields, their events, refused attempts, and routing. */

/** What a report gives a new problem; the rest starts as every problem does. */
export type NewIssue = Pick<IssueRecord, 'categoryId' | 'source' | 'description' | 'address' | 'longitude' | 'latitude' | 'gridId' | 'recurrenceOf'>;

export interface WorkflowIssueRow extends WorkflowIssue, Omit<NewIssue, 'recurrenceOf'> {
  id: number;
  version: number;
}

/** Each workflow field and its column. */
const COLUMNS: Record<keyof WorkflowChanges, string> = {
  state: 'state',
  departmentId: 'department_id',
  deadlineAt: 'deadline_at',
  requestedDeadlineAt: 'requested_deadline_at',
  extended: 'extended',
  reworkCount: 'rework_count',
  assignedAt: 'assigned_at',
  acceptedAt: 'accepted_at',
  rectifiedAt: 'rectified_at',
  closedAt: 'closed_at',
  voidedAt: 'voided_at',
};

export type IssueWorkflowRepository = ReturnType<typeof createIssueWorkflowRepository>;

export function createIssueWorkflowRepository(database: Database) {
  const prepare = statementCache(database);
  const statements = {
    issue: database.prepare(`SELECT id, state, department_id AS departmentId, deadline_at AS deadlineAt,
        requested_deadline_at AS requestedDeadlineAt, extended, rework_count AS reworkCount, version, grid_id AS gridId,
        category_id AS categoryId, source, description, address, longitude, latitude
      FROM issues WHERE id = @id`),
    event: database.prepare(`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes, note)
      VALUES (@issueId, @occurredAt, @actor, @action, @fromState, @toState, @changes, @note)`),
    refusal: database.prepare(`INSERT INTO issue_refusals (issue_id, attempted_at, actor, action, version, reason)
      VALUES (@issueId, @attemptedAt, @actor, @action, @version, @reason)`),
    routing: database.prepare('SELECT department_id FROM routing_rules WHERE grid_id = @gridId AND category_id = @categoryId').pluck(),
    nextId: database.prepare('SELECT coalesce(max(id), 0) + 1 FROM issues').pluck(),
    insertIssue: database.prepare(`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id,
        state, reported_at, recurrence_of, version, updated_at)
      VALUES (@id, @code, @categoryId, @source, @description, @address, @longitude, @latitude, @gridId,
        'reported', @now, @recurrenceOf, 1, @now)`),
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
      const assignments = fields.map((field) => `${COLUMNS[field]} = @${field}`);
      const statement = prepare(`UPDATE issues SET ${[...assignments, 'version = version + 1', 'updated_at = @now'].join(', ')}
        WHERE id = @id AND version = @version`);
      const values = Object.fromEntries(fields.map((field) => [field, typeof changes[field] === 'boolean' ? Number(changes[field]) : changes[field]]));
      return statement.run({ ...values, id, version, now }).changes === 1;
    },

    /** Records an event; its id orders every change in the district (the live stream's event id). */
    recordEvent(event: IssueEventRecord): number {
      return Number(statements.event.run({ ...event, changes: JSON.stringify(event.changes) }).lastInsertRowid);
    },

    recordRefusal(refusal: { issueId: number; attemptedAt: number; actor: string; action: string; version: number; reason: string }): void {
      statements.refusal.run(refusal);
    },

    /** The department the routing table proposes for a kind of problem in a grid. */
    suggestedDepartment(gridId: number, categoryId: number): number | null {
      return (statements.routing.get({ gridId, categoryId }) as number | undefined) ?? null;
    },

    /** The id the next new problem takes; read and used in one transaction. */
    nextIssueId: () => statements.nextId.get() as number,

    create(id: number, issue: NewIssue, now: number): void {
      const year = chinaYear(now);
      statements.insertIssue.run({ ...issue, id, code: `CC-${year}-${String(id).padStart(7, '0')}`, now });
    },
  };
}
