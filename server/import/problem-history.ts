import type { IssueAction, IssueState } from '../domain/issue-vocabulary.ts';
import { issueContributions, type Contribution } from '../domain/performance-contributions.ts';
import type { IssueEventRecord } from '../store/repositories.ts';
import type { ImportedProblem } from './problem-import.ts';

/**
 * The history an imported problem starts with: the steps its source system's times attest,
 * each by the import (who did them there is not in the export). A problem from another system
 * thus reads, and counts in the figures, as one that went through CivGrid's own workflow.
 */
export type ImportedEvent = Omit<IssueEventRecord, 'issueId'>;

export function importedProblemHistory(problem: ImportedProblem, actor: string, note: string): ImportedEvent[] {
  const events: ImportedEvent[] = [];
  let state: IssueState | null = null;
  const step = (occurredAt: number, action: IssueAction, toState: IssueState, changes: IssueEventRecord['changes'] = {}, stepNote: string | null = null) => {
    events.push({ occurredAt, actor, action, fromState: state, toState, changes, note: stepNote });
    state = toState;
  };
  step(problem.reportedAt, 'report', 'reported', {}, note);
  if (problem.departmentId !== null && problem.assignedAt !== null) {
    step(problem.assignedAt, 'dispatch', 'assigned', { departmentId: [null, problem.departmentId], deadlineAt: [null, problem.deadlineAt] });
    if (problem.state !== 'assigned' && problem.state !== 'void') step(problem.assignedAt, 'accept', 'in_progress');
  }
  if (problem.rectifiedAt !== null) {
    if (problem.departmentId !== null) step(problem.rectifiedAt, 'submit_rectification', 'rectified');
    if (problem.closedAt !== null) step(problem.closedAt, 'pass_inspection', 'closed');
  }
  if (problem.voidedAt !== null) step(problem.voidedAt, 'void', 'void');
  return events;
}

/** What the problem adds to the daily counters, as a problem with this history would. */
export function importedProblemContributions(problem: ImportedProblem, events: readonly ImportedEvent[]): Contribution[] {
  return issueContributions({ ...problem, extended: false, recurrenceOf: null }, events.map((event) => ({
    occurredAt: event.occurredAt, action: event.action,
    dispatchedTo: event.action === 'dispatch' ? problem.departmentId : null,
  })));
}
