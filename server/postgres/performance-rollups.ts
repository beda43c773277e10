import {
  ContributionTotals, issueContributions, type Contribution, type PerformanceEvent, type PerformanceIssue,
} from '../domain/performance-contributions.ts';
import type { IssueAction, IssueState } from '../domain/issue-vocabulary.ts';
import type { PerformanceRollups } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

/**
 * The daily performance counters, kept as the SQLite repository keeps them: a problem's old
 * contributions withdrawn and its new ones added in the command's transaction, each unit's day
 * upserted with an increment so concurrent writers add rather than overwrite.
 */

interface IssueFactsRow extends Omit<PerformanceIssue, 'extended'> { id: number; extended: number; state: IssueState }
interface EventFactsRow { issueId: number; occurredAt: number; action: IssueAction; dispatchedTo: number | null }

const toIssue = (row: IssueFactsRow): PerformanceIssue => ({ ...row, extended: row.extended === 1 });

const issueFacts = (sql: Queryable) => sql`SELECT id, grid_id AS "gridId", department_id AS "departmentId", state, deadline_at AS "deadlineAt",
  reported_at AS "reportedAt", assigned_at AS "assignedAt", rectified_at AS "rectifiedAt", closed_at AS "closedAt", extended,
  recurrence_of AS "recurrenceOf" FROM issues`;
const eventFacts = (sql: Queryable) => sql`SELECT id, issue_id AS "issueId", occurred_at AS "occurredAt", action,
    CASE WHEN action IN ('dispatch', 'reassign') THEN (changes->'departmentId'->>1)::int END AS "dispatchedTo"
  FROM issue_events WHERE action IN ('dispatch', 'reassign', 'submit_rectification', 'fail_inspection')`;

/** Adds the totals to the stored counters, one statement for them all. */
export async function writeTotals(sql: Queryable, totals: ContributionTotals): Promise<void> {
  const rows = [...totals.totals.values()].map(({ unitKind, unitId, day, counters }) => ({ unitKind, unitId, day, ...counters }));
  if (rows.length === 0) return;
  const column = <K extends keyof (typeof rows)[number]>(name: K) => rows.map((row) => row[name]);
  await sql`INSERT INTO performance_daily (unit_kind, unit_id, day, due, closed, closed_on_time, extended, rectify_minutes,
      new_issues, recurrences, rectifications_submitted, failed_inspections)
    SELECT * FROM unnest(${column('unitKind')}::text[], ${column('unitId')}::int[], ${column('day')}::date[], ${column('due')}::int[],
      ${column('closed')}::int[], ${column('closedOnTime')}::int[], ${column('extended')}::int[], ${column('rectifyMinutes')}::float8[],
      ${column('newIssues')}::int[], ${column('recurrences')}::int[], ${column('rectificationsSubmitted')}::int[], ${column('failedInspections')}::int[])
    ON CONFLICT (unit_kind, unit_id, day) DO UPDATE SET
      due = performance_daily.due + excluded.due, closed = performance_daily.closed + excluded.closed,
      closed_on_time = performance_daily.closed_on_time + excluded.closed_on_time, extended = performance_daily.extended + excluded.extended,
      rectify_minutes = performance_daily.rectify_minutes + excluded.rectify_minutes, new_issues = performance_daily.new_issues + excluded.new_issues,
      recurrences = performance_daily.recurrences + excluded.recurrences,
      rectifications_submitted = performance_daily.rectifications_submitted + excluded.rectifications_submitted,
      failed_inspections = performance_daily.failed_inspections + excluded.failed_inspections`;
}

/** Every problem's contributions summed, reading problems and their events a batch at a time in id order. */
export async function totalsFromPostgres(sql: Queryable, batch = 20_000): Promise<ContributionTotals> {
  const totals = new ContributionTotals();
  for (let after = 0; ;) {
    const issues = await sql<IssueFactsRow[]>`${issueFacts(sql)} WHERE id > ${after} ORDER BY id LIMIT ${batch}`;
    if (issues.length === 0) return totals;
    const last = issues.at(-1)!.id;
    const events = await sql<EventFactsRow[]>`${eventFacts(sql)} AND issue_id > ${after} AND issue_id <= ${last} ORDER BY issue_id, occurred_at, id`;
    const byIssue = new Map<number, PerformanceEvent[]>();
    for (const event of events) byIssue.set(event.issueId, [...(byIssue.get(event.issueId) ?? []), event]);
    for (const issue of issues) totals.add(issueContributions(toIssue(issue), byIssue.get(issue.id) ?? []));
    after = last;
  }
}

/**
 * A unit of work's rollups: contributions withdrawn and added are summed in memory and written
 * in one statement when the unit commits (`flush`), not one per problem, since a bulk of 500
 * would otherwise make a thousand round trips for them. Nothing in a command reads the counters.
 */
export function createPerformanceRollups(sql: Queryable): PerformanceRollups & { flush(): Promise<void> } {
  let pending = new ContributionTotals();
  /** A problem's facts and the events that count, in one round trip. */
  const contributionsOf = async (issueId: number): Promise<Contribution[]> => {
    const [issue] = await sql<Array<IssueFactsRow & { events: EventFactsRow[] }>>`SELECT facts.*, coalesce((
        SELECT json_agg(json_build_object('issueId', e."issueId", 'occurredAt', e."occurredAt", 'action', e.action, 'dispatchedTo', e."dispatchedTo")
          ORDER BY e."occurredAt", e.id)
        FROM (${eventFacts(sql)} AND issue_id = ${issueId}) e), '[]') AS events
      FROM (${issueFacts(sql)} WHERE id = ${issueId}) facts`;
    return issue ? issueContributions(toIssue(issue), issue.events) : [];
  };
  const apply = async (issueId: number, sign: 1 | -1) => pending.add(await contributionsOf(issueId), sign);
  return {
    withdrawIssue: (issueId) => apply(issueId, -1),
    addIssue: (issueId) => apply(issueId, 1),
    async addTotals(totals) {
      for (const { unitKind, unitId, day, counters } of totals.totals.values()) pending.add([{ unitKind, unitId, day, counters }]);
    },
    async flush() {
      const totals = pending;
      pending = new ContributionTotals();
      await writeTotals(sql, totals);
    },
    async rebuild() {
      // performance_daily is derived data, recomputable at any time; nothing historical is lost.
      await sql`DELETE FROM performance_daily`;
      await writeTotals(sql, await totalsFromPostgres(sql));
    },
  };
}
