import { workingMinutesBetween, DEFAULT_WORKING_SCHEDULE, type WorkingSchedule } from './working-time.ts';
import { chinaDay } from './china-time.ts';
import type { IssueAction, IssueState } from './issue-vocabulary.ts';

/**
 * What one problem adds to the daily performance counters of its grid and its department.
 * Every counter is a pure function of the problem and its history, so the stored daily sums can
 * be kept up to date by subtracting a problem's old contributions and adding its new ones, and
 * checked against a recomputation from scratch. The rules are documented in docs/metrics.md.
 */

export interface PerformanceCounters {
  /** Problems due on the day: the day of their deadline, or of their closing if that came first. */
  due: number;
  /** Of those, closed (已销号) — at any time up to now. */
  closed: number;
  /**
   * Of the due problems without an extension, closed ones whose accepted rectification was
   * submitted by the deadline (the re-inspection's own delay is not the department's).
   */
  closedOnTime: number;
  /** Of the due problems, those with an approved extension (缓办). */
  extended: number;
  /** Working minutes from dispatch (交办) to closing (销号), summed over the closed ones. */
  rectifyMinutes: number;
  /** Problems reported on the day (voided ones excepted). */
  newIssues: number;
  /** Of those, recurrences of a closed problem (反弹). */
  recurrences: number;
  /** Rectifications submitted for re-inspection on the day. */
  rectificationsSubmitted: number;
  /** Re-inspections failed on the day (返工). */
  failedInspections: number;
}

export const COUNTER_NAMES = [
  'due', 'closed', 'closedOnTime', 'extended', 'rectifyMinutes', 'newIssues', 'recurrences',
  'rectificationsSubmitted', 'failedInspections',
] as const satisfies readonly (keyof PerformanceCounters)[];

export function emptyCounters(): PerformanceCounters {
  return { due: 0, closed: 0, closedOnTime: 0, extended: 0, rectifyMinutes: 0, newIssues: 0, recurrences: 0, rectificationsSubmitted: 0, failedInspections: 0 };
}

export function addCounters(target: PerformanceCounters, source: Partial<PerformanceCounters>, sign: 1 | -1 = 1): PerformanceCounters {
  for (const name of COUNTER_NAMES) target[name] += sign * (source[name] ?? 0);
  return target;
}

export type RollupUnitKind = 'grid' | 'department';

export interface Contribution {
  unitKind: RollupUnitKind;
  unitId: number;
  /** China-time calendar day, YYYY-MM-DD. */
  day: string;
  counters: Partial<PerformanceCounters>;
}

/** The fields of a problem the counters depend on. */
export interface PerformanceIssue {
  gridId: number;
  departmentId: number | null;
  state: IssueState;
  deadlineAt: number | null;
  reportedAt: number;
  assignedAt: number | null;
  /** When the last rectification was submitted; for a closed problem, the one that passed. */
  rectifiedAt: number | null;
  closedAt: number | null;
  extended: boolean;
  recurrenceOf: number | null;
}

export interface PerformanceEvent {
  occurredAt: number;
  action: IssueAction;
  /** For a dispatch or reassignment, the department the problem went to. */
  dispatchedTo: number | null;
}

/** The dispatch target recorded in an event's changes ({ departmentId: [before, after] }). */
export function dispatchedTo(changes: Record<string, unknown[]>): number | null {
  const after = changes.departmentId?.[1];
  return typeof after === 'number' ? after : null;
}

/** The contributions of one problem, given its events in the order they happened. */
export function issueContributions(
  issue: PerformanceIssue,
  events: readonly PerformanceEvent[],
  schedule: WorkingSchedule = DEFAULT_WORKING_SCHEDULE,
): Contribution[] {
  if (issue.state === 'void') return [];
  const contributions: Contribution[] = [];
  const credit = (departmentId: number | null, day: string, counters: Partial<PerformanceCounters>) => {
    contributions.push({ unitKind: 'grid', unitId: issue.gridId, day, counters });
    if (departmentId !== null) contributions.push({ unitKind: 'department', unitId: departmentId, day, counters });
  };

  credit(issue.departmentId, chinaDay(issue.reportedAt), { newIssues: 1, recurrences: issue.recurrenceOf === null ? 0 : 1 });

  if (issue.deadlineAt !== null) {
    const closed = issue.state === 'closed' && issue.closedAt !== null;
    const dueAt = closed ? Math.min(issue.deadlineAt, issue.closedAt!) : issue.deadlineAt;
    credit(issue.departmentId, chinaDay(dueAt), {
      due: 1,
      closed: closed ? 1 : 0,
      closedOnTime: closed && !issue.extended && issue.rectifiedAt !== null && issue.rectifiedAt <= issue.deadlineAt ? 1 : 0,
      extended: issue.extended ? 1 : 0,
      rectifyMinutes: closed && issue.assignedAt !== null ? workingMinutesBetween(issue.assignedAt, issue.closedAt!, schedule) : 0,
    });
  }

  // Rework is the department's that held the problem when it happened, so follow the dispatches.
  let departmentId: number | null = null;
  for (const event of events) {
    if (event.action === 'dispatch' || event.action === 'reassign') departmentId = event.dispatchedTo ?? departmentId;
    else if (event.action === 'submit_rectification') credit(departmentId, chinaDay(event.occurredAt), { rectificationsSubmitted: 1 });
    else if (event.action === 'fail_inspection') credit(departmentId, chinaDay(event.occurredAt), { failedInspections: 1 });
  }
  return contributions;
}

/** Daily counters keyed by unit and day, summed from many problems' contributions. */
export class ContributionTotals {
  readonly totals = new Map<string, { unitKind: RollupUnitKind; unitId: number; day: string; counters: PerformanceCounters }>();

  add(contributions: readonly Contribution[], sign: 1 | -1 = 1): void {
    for (const { unitKind, unitId, day, counters } of contributions) {
      const key = `${unitKind}:${unitId}:${day}`;
      let entry = this.totals.get(key);
      if (!entry) {
        entry = { unitKind, unitId, day, counters: emptyCounters() };
        this.totals.set(key, entry);
      }
      addCounters(entry.counters, counters, sign);
    }
  }
}
