import { createHash } from 'node:crypto';
import { chinaYear } from '../domain/china-time.ts';
import type { WorkflowChanges } from '../domain/issue-workflow.ts';
import type { IssueWorkflowRepository, WorkflowIssueRow } from '../store/repositories.ts';
import { WORKFLOW_COLUMNS } from '../store/workflow-columns.ts';
import type { Queryable } from './connect.ts';

/** The workflow's writes: problems' changed fields, their events, refused attempts, and routing. */
export function createIssueWorkflowRepository(sql: Queryable): IssueWorkflowRepository {
  return {
    async issue(id) {
      const [row] = await sql<Array<Omit<WorkflowIssueRow, 'extended'> & { extended: number }>>`SELECT id, state, department_id AS "departmentId",
          deadline_at AS "deadlineAt", requested_deadline_at AS "requestedDeadlineAt", extended, rework_count AS "reworkCount", version,
          grid_id AS "gridId", category_id AS "categoryId", source, description, address, longitude, latitude, assigned_at::float8 AS "dispatchedAt"
        FROM issues WHERE id = ${id}`;
      return row && { ...row, extended: row.extended === 1 };
    },

    async update(id, version, changes, now) {
      const fields = (Object.keys(changes) as (keyof WorkflowChanges)[]).sort();
      const values = Object.fromEntries(fields.map((field) => [WORKFLOW_COLUMNS[field], typeof changes[field] === 'boolean' ? Number(changes[field]) : changes[field]]));
      const result = await sql`UPDATE issues SET ${sql(values as Record<string, string | number | null>)}, version = version + 1, updated_at = ${now}
        WHERE id = ${id} AND version = ${version}`;
      return result.count === 1;
    },

    async recordEvent(event) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes, note)
        VALUES (${event.issueId}, ${event.occurredAt}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState},
          ${sql.json(event.changes as never)}, ${event.note}) RETURNING id`;
      return row!.id;
    },

    async recordRefusal(refusal, repeatsFrom) {
      const [kept] = await sql<{ id: number }[]>`INSERT INTO issue_refusals (issue_id, attempted_at, actor, action, version, reason)
        SELECT ${refusal.issueId}, ${refusal.attemptedAt}, ${refusal.actor}, ${refusal.action}, ${refusal.version}, ${refusal.reason}
        WHERE NOT EXISTS (SELECT 1 FROM issue_refusals WHERE issue_id = ${refusal.issueId} AND attempted_at >= ${repeatsFrom}
          AND actor = ${refusal.actor} AND action = ${refusal.action} AND version = ${refusal.version} AND reason = ${refusal.reason})
        RETURNING id`;
      return kept !== undefined;
    },

    async recordBulkRefusal(refusal, repeatsFrom) {
      // The same digest of the same items as SQLite's, so a refused bulk repeated is recognised after a move between them.
      const items = JSON.stringify(Object.fromEntries(refusal.items.map(({ issueId, version, reason }) => [issueId, { version, reason }])));
      const digest = createHash('sha256').update(JSON.stringify([refusal.actor, refusal.action, refusal.bulkSize, items])).digest('hex');
      const [kept] = await sql<{ id: number }[]>`INSERT INTO bulk_refusals (attempted_at, actor, action, bulk_size, items, digest)
        SELECT ${refusal.attemptedAt}, ${refusal.actor}, ${refusal.action}, ${refusal.bulkSize}, ${items}::jsonb, ${digest}
        WHERE NOT EXISTS (SELECT 1 FROM bulk_refusals WHERE digest = ${digest} AND attempted_at >= ${repeatsFrom})
        RETURNING id`;
      if (!kept) return false;
      await sql`INSERT INTO bulk_refusal_issues (issue_id, refusal_id)
        SELECT unnest(${refusal.items.map((item) => item.issueId)}::bigint[]), ${kept.id}`;
      return true;
    },

    async suggestedDepartment(gridId, categoryId) {
      const [row] = await sql<{ departmentId: number }[]>`SELECT department_id AS "departmentId" FROM routing_rules
        WHERE grid_id = ${gridId} AND category_id = ${categoryId}`;
      return row?.departmentId ?? null;
    },

    async create(issue, now) {
      // The id comes from the identity column's sequence first, so that the code can carry it.
      const [row] = await sql<{ id: number }[]>`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id,
          state, reported_at, recurrence_of, version, updated_at)
        SELECT next.id, 'CC-' || ${chinaYear(now)} || '-' || lpad(next.id::text, greatest(7, length(next.id::text)), '0'), ${issue.categoryId}, ${issue.source}, ${issue.description},
          ${issue.address}, ${issue.longitude}, ${issue.latitude}, ${issue.gridId}, 'reported', ${now}, ${issue.recurrenceOf}, 1, ${now}
        FROM (SELECT nextval(pg_get_serial_sequence('issues', 'id')) AS id) next
        RETURNING id`;
      return row!.id;
    },
  };
}
