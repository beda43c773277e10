import type { Database } from 'better-sqlite3';
import {
  ContributionTotals, issueContributions, type Contribution, type PerformanceEvent, type PerformanceIssue,
} from '../domain/performance-contributions.ts';
import type { IssueAction, IssueState } from '../domain/issue-vocabulary.ts';
import type { PerformanceRollups } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';

/**
 * The daily performance counters (performance_daily), kept equal to the sum of every problem's
 * contributions. A write to a problem replaces its old contributions with its new ones in the
 * same transaction; `rebuild` recomputes everything from the problems and their histories.
 */

const ADD_SQL = `INSERT INTO performance_daily (unit_kind, unit_id, day, due, closed, closed_on_time, extended, rectify_minutes,
    new_issues, recurrences, rectifications_submitted, failed_inspections)
  VALUES (@unitKind, @unitId, @day, @due, @closed, @closedOnTime, @extended, @rectifyMinutes,
    @newIssues, @recurrences, @rectificationsSubmitted, @failedInspections)
  ON CONFLICT (unit_kind, unit_id, day) DO UPDATE SET
    due = due + excluded.due, closed = closed + excluded.closed, closed_on_time = closed_on_time + excluded.closed_on_time,
    extended = extended + excluded.extended, rectify_minutes = rectify_minutes + excluded.rectify_minutes,
    new_issues = new_issues + excluded.new_issues, recurrences = recurrences + excluded.recurrences,
    rectifications_submitted = rectifications_submitted + excluded.rectifications_submitted,
    failed_inspections = failed_inspections + excluded.failed_inspections`;

const ISSUE_FACTS_SQL = `SELECT id, grid_id AS gridId, department_id AS departmentId, state, deadline_at AS deadlineAt,
  reported_at AS reportedAt, assigned_at AS assignedAt, rectified_at AS rectifiedAt, closed_at AS closedAt, extended, recurrence_of AS recurrenceOf FROM issues`;
const EVENT_FACTS_SQL = `SELECT issue_id AS issueId, occurred_at AS occurredAt, action,
    CASE WHEN action IN ('dispatch', 'reassign') THEN json_extract(changes, '$.departmentId[1]') END AS dispatchedTo
  FROM issue_events WHERE action IN ('dispatch', 'reassign', 'submit_rectification', 'fail_inspection')`;

interface IssueFactsRow extends Omit<PerformanceIssue, 'extended'> { id: number; extended: number; state: IssueState }
interface EventFactsRow { issueId: number; occurredAt: number; action: IssueAction; dispatchedTo: number | null }

const toIssue = (row: IssueFactsRow): PerformanceIssue => ({ ...row, extended: row.extended === 1 });

export function writeTotals(database: Database, totals: ContributionTotals): void {
  const add = database.prepare(ADD_SQL);
  for (const { unitKind, unitId, day, counters } of totals.totals.values()) add.run({ unitKind, unitId, day, ...counters });
}

export function createPerformanceRollups(database: Database): Synchronous<PerformanceRollups> {
  const statements = {
    issue: database.prepare(`${ISSUE_FACTS_SQL} WHERE id = @issueId`),
    events: database.prepare(`${EVENT_FACTS_SQL} AND issue_id = @issueId ORDER BY occurred_at, id`),
  };
  /** A problem's current contributions, read from the database. */
  const contributionsOf = (issueId: number): Contribution[] => {
    const issue = statements.issue.get({ issueId }) as IssueFactsRow | undefined;
    return issue ? issueContributions(toIssue(issue), statements.events.all({ issueId }) as EventFactsRow[]) : [];
  };
  const apply = (contributions: readonly Contribution[], sign: 1 | -1) => {
    const totals = new ContributionTotals();
    totals.add(contributions, sign);
    writeTotals(database, totals);
  };

  return {
    withdrawIssue: (issueId) => apply(contributionsOf(issueId), -1),
    addIssue: (issueId) => apply(contributionsOf(issueId), 1),
    addTotals: (totals) => writeTotals(database, totals),

    /** Recomputes every counter from the problems and their histories. */
    rebuild(): void {
      database.transaction(() => {
        // performance_daily is derived data, recomputable at any time; nothing historical is lost.
        database.exec('DELETE FROM performance_daily');
        writeTotals(database, totalsFromDatabase(database));
      })();
    },
  };
}

/** Every problem's contributions summed, streaming problems and events in id order. */
export function totalsFromDatabase(database: Database): ContributionTotals {
  const totals = new ContributionTotals();
  const events = database.prepare(`${EVENT_FACTS_SQL} ORDER BY issue_id, occurred_at, id`).iterate() as IterableIterator<EventFactsRow>;
  let pending = events.next();
  for (const issue of database.prepare(`${ISSUE_FACTS_SQL} ORDER BY id`).iterate() as IterableIterator<IssueFactsRow>) {
    const own: PerformanceEvent[] = [];
    while (!pending.done && pending.value.issueId <= issue.id) {
      if (pending.value.issueId === issue.id) own.push(pending.value);
      pending = events.next();
    }
    totals.add(issueContributions(toIssue(issue), own));
  }
  return totals;
}

