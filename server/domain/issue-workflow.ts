import { ISSUE_ACTIONS, type IssueAction, type IssueState } from './issue-vocabulary.ts';

/**
 * The problem workflow as one pure state machine (domain reference: "Issue lifecycle"):
 * 待交办 → 已交办 → 整改中 → 待复查 → 已销号, with 退回, 改派, 改期限, 申请/批准/驳回延期,
 * 复查不通过 (one rework) and 作废. Given a problem as it is and a command, it answers the
 * problem's new fields and the event to record, or why the command cannot be done.
 */

/** Every action but 'report', which creates a problem rather than moving one. */
export type WorkflowAction = Exclude<IssueAction, 'report'>;
export const WORKFLOW_ACTIONS = ISSUE_ACTIONS.filter((action): action is WorkflowAction => action !== 'report');


/** What the machine needs to know of a problem. */
export interface WorkflowIssue {
  state: IssueState;
  departmentId: number | null;
  deadlineAt: number | null;
  /** A pending extension request: the deadline asked for. */
  requestedDeadlineAt: number | null;
  extended: boolean;
  reworkCount: number;
}

export type WorkflowCommand =
  | { action: 'dispatch' | 'reassign'; departmentId: number; deadlineAt: number; note?: string }
  | { action: 'set_deadline'; deadlineAt: number; note?: string }
  | { action: 'request_extension'; deadlineAt: number; note: string }
  | { action: 'send_back' | 'void' | 'supervise'; note: string }
  | { action: 'accept' | 'submit_rectification' | 'pass_inspection' | 'fail_inspection' | 'approve_extension' | 'refuse_extension' | 'reopen'; note?: string };

/** The fields a command changes; `at` fields take the command's time. */
export interface WorkflowChanges {
  state?: IssueState;
  departmentId?: number | null;
  deadlineAt?: number | null;
  requestedDeadlineAt?: number | null;
  extended?: boolean;
  reworkCount?: number;
  assignedAt?: number | null;
  acceptedAt?: number | null;
  rectifiedAt?: number | null;
  closedAt?: number;
  voidedAt?: number;
}

export type WorkflowOutcome =
  | { ok: true; toState: IssueState; changes: WorkflowChanges }
  | { ok: false; kind: 'illegal'; message: string; allowed: WorkflowAction[] }
  | { ok: false; kind: 'invalid'; field: string; message: string; code: InvalidCommandCode };

/** Why a command's own values are refused (codes of schemas/refusal-codes.ts). */
export type InvalidCommandCode = 'deadline_not_future' | 'already_with_department' | 'note_required' | 'extension_not_later';

/** Which actions each state allows; some also depend on the problem (see `allowedActions`). */
const ACTIONS_BY_STATE: Record<IssueState, readonly WorkflowAction[]> = {
  reported: ['dispatch', 'void', 'supervise'],
  assigned: ['reassign', 'set_deadline', 'accept', 'send_back', 'request_extension', 'approve_extension', 'refuse_extension', 'void', 'supervise'],
  in_progress: ['reassign', 'set_deadline', 'submit_rectification', 'send_back', 'request_extension', 'approve_extension', 'refuse_extension', 'void', 'supervise'],
  rectified: ['pass_inspection', 'fail_inspection', 'void', 'supervise'],
  closed: ['reopen'],
  void: [],
};

const DECIDES_EXTENSION: readonly WorkflowAction[] = ['approve_extension', 'refuse_extension'];

export function allowedActions(issue: WorkflowIssue): WorkflowAction[] {
  return ACTIONS_BY_STATE[issue.state].filter((action) => {
    if (DECIDES_EXTENSION.includes(action)) return issue.requestedDeadlineAt !== null;
    if (action === 'request_extension') return issue.requestedDeadlineAt === null;
    return true;
  });
}

const invalid = (field: string, message: string, code: InvalidCommandCode): WorkflowOutcome => ({ ok: false, kind: 'invalid', field, message, code });

export function applyWorkflowCommand(issue: WorkflowIssue, command: WorkflowCommand, now: number): WorkflowOutcome {
  const allowed = allowedActions(issue);
  if (!allowed.includes(command.action)) {
    return {
      ok: false,
      kind: 'illegal',
      message: `cannot ${command.action} a problem that is ${issue.state}${issue.requestedDeadlineAt !== null ? ' with an extension request pending' : ''}`
        + (allowed.length > 0 ? `; it allows ${allowed.join(', ')}` : '; it allows no action'),
      allowed,
    };
  }
  const done = (toState: IssueState, changes: WorkflowChanges): WorkflowOutcome => ({ ok: true, toState, changes: { ...changes, state: toState } });
  const note = command.note?.trim() ?? '';

  switch (command.action) {
    case 'dispatch':
    case 'reassign':
      if (command.deadlineAt <= now) return invalid('deadlineAt', 'the deadline must be in the future', 'deadline_not_future');
      if (command.action === 'reassign' && command.departmentId === issue.departmentId) {
        return invalid('departmentId', 'the problem is already with that department', 'already_with_department');
      }
      // A new department starts afresh: it has not accepted, and any extension request lapses.
      return done('assigned', { departmentId: command.departmentId, deadlineAt: command.deadlineAt, assignedAt: now, acceptedAt: null, requestedDeadlineAt: null });
    case 'set_deadline':
      if (command.deadlineAt <= now) return invalid('deadlineAt', 'the deadline must be in the future', 'deadline_not_future');
      return done(issue.state, { deadlineAt: command.deadlineAt });
    case 'accept':
      return done('in_progress', { acceptedAt: now });
    case 'send_back':
      if (!note) return invalid('note', 'a reason is required to send a problem back', 'note_required');
      return done('reported', { departmentId: null, deadlineAt: null, assignedAt: null, acceptedAt: null, requestedDeadlineAt: null });
    case 'submit_rectification':
      if (!note) return invalid('note', 'say what was done: a rectification needs a note', 'note_required');
      return done('rectified', { rectifiedAt: now });
    case 'pass_inspection':
      return done('closed', { closedAt: now });
    case 'fail_inspection':
      if (!note) return invalid('note', 'say what is still wrong: a failed re-inspection needs a note', 'note_required');
      return done('in_progress', { reworkCount: issue.reworkCount + 1, rectifiedAt: null });
    case 'request_extension':
      if (!note) return invalid('note', 'a reason is required to ask for more time', 'note_required');
      if (issue.deadlineAt !== null && command.deadlineAt <= issue.deadlineAt) return invalid('deadlineAt', 'an extension must end after the current deadline', 'extension_not_later');
      return done(issue.state, { requestedDeadlineAt: command.deadlineAt });
    case 'approve_extension':
      // 缓办: an extended problem leaves the on-time denominator.
      return done(issue.state, { deadlineAt: issue.requestedDeadlineAt, extended: true, requestedDeadlineAt: null });
    case 'refuse_extension':
      return done(issue.state, { requestedDeadlineAt: null });
    case 'void':
      if (!note) return invalid('note', 'a reason is required to void a problem', 'note_required');
      return done('void', { voidedAt: now, requestedDeadlineAt: null });
    case 'supervise':
      // 督办: a leader's note pressing for the rectification; the problem itself does not move.
      if (!note) return invalid('note', 'say what is to be done: a 督办 needs a note', 'note_required');
      return done(issue.state, {});
    case 'reopen':
      // The closed problem stays closed (its rectification happened); the recurrence is a new,
      // linked problem that the caller creates.
      return done('closed', {});
  }
}
