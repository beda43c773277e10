import type { IssueAction, IssueSource, IssueState } from '../domain/issue-vocabulary.ts';
import type { ProblemEvent, ProblemWithHistory } from '../domain/problem-record.ts';
import type { ImportedProblem } from './problem-import.ts';

/**
 * The history an imported problem starts with: the steps its source system's times attest,
 * each by the import (who did them there is not in the export). A problem from another system
 * thus reads, and counts in the figures, as one that went through CivGrid's own workflow.
 */
export function importedProblemHistory(problem: ImportedProblem, actor: string, note: string): ProblemEvent[] {
  const events: ProblemEvent[] = [];
  let state: IssueState | null = null;
  const step = (occurredAt: number, action: IssueAction, toState: IssueState, changes: ProblemEvent['changes'] = {}, stepNote: string | null = null) => {
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

export interface ProblemOrigin {
  /** The system exported from (12345, 数字城管), which also names the import in the history. */
  sourceSystem: string;
  /** How the district counts problems of this system among its sources. */
  issueSource: IssueSource;
}

/** A row of an export as the problem, with its history, that every source's problems are written as. */
export function importedProblemRecord(problem: ImportedProblem, { sourceSystem, issueSource }: ProblemOrigin, importedBy: string): ProblemWithHistory {
  const events = importedProblemHistory(problem, `${sourceSystem}导入`, `${sourceSystem} ${problem.sourceReference}，${importedBy}导入`);
  const { row: _row, sourceReference, ...fields } = problem;
  return {
    problem: {
      ...fields, source: issueSource, acceptedAt: events.find((event) => event.action === 'accept')?.occurredAt ?? null,
      extended: false, reworkCount: 0, recurrenceOf: null, origin: { system: sourceSystem, reference: sourceReference },
    },
    events,
  };
}
