import { describe, expect, it } from 'vitest';
import { ISSUE_STATES, type IssueState } from '../../server/domain/issue-vocabulary.ts';
import {
  allowedActions, applyWorkflowCommand, WORKFLOW_ACTIONS, type WorkflowAction, type WorkflowCommand, type WorkflowIssue,
} from '../../server/domain/issue-workflow.ts';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const HOUR = 3_600_000;

function issueIn(state: IssueState, overrides: Partial<WorkflowIssue> = {}): WorkflowIssue {
  const dispatched = state !== 'reported';
  return {
    state, departmentId: dispatched ? 7 : null, deadlineAt: dispatched ? NOW + 24 * HOUR : null,
    requestedDeadlineAt: null, extended: false, reworkCount: 0, ...overrides,
  };
}

/** A well-formed command for each action, so only legality decides the outcome. */
const COMMANDS: Record<WorkflowAction, WorkflowCommand> = {
  dispatch: { action: 'dispatch', departmentId: 9, deadlineAt: NOW + 48 * HOUR },
  reassign: { action: 'reassign', departmentId: 9, deadlineAt: NOW + 48 * HOUR },
  set_deadline: { action: 'set_deadline', deadlineAt: NOW + 72 * HOUR },
  accept: { action: 'accept' },
  send_back: { action: 'send_back', note: '不属于本单位职责' },
  submit_rectification: { action: 'submit_rectification', note: '已清理' },
  pass_inspection: { action: 'pass_inspection' },
  fail_inspection: { action: 'fail_inspection', note: '仍有残留' },
  request_extension: { action: 'request_extension', deadlineAt: NOW + 240 * HOUR, note: '需采购材料' },
  approve_extension: { action: 'approve_extension' },
  refuse_extension: { action: 'refuse_extension' },
  void: { action: 'void', note: '重复上报' },
  reopen: { action: 'reopen' },
  supervise: { action: 'supervise', note: '请于本周内整改到位' },
};

/** The whole transition table: where each allowed action leads from each state (no pending request). */
const EXPECTED: Record<IssueState, Partial<Record<WorkflowAction, IssueState>>> = {
  reported: { dispatch: 'assigned', void: 'void', supervise: 'reported' },
  assigned: { reassign: 'assigned', set_deadline: 'assigned', accept: 'in_progress', send_back: 'reported', request_extension: 'assigned', void: 'void', supervise: 'assigned' },
  in_progress: {
    reassign: 'assigned', set_deadline: 'in_progress', submit_rectification: 'rectified', send_back: 'reported', request_extension: 'in_progress', void: 'void', supervise: 'in_progress',
  },
  rectified: { pass_inspection: 'closed', fail_inspection: 'in_progress', void: 'void', supervise: 'rectified' },
  closed: { reopen: 'closed' },
  void: {},
};

describe('the workflow state machine', () => {
  for (const state of ISSUE_STATES) {
    for (const action of WORKFLOW_ACTIONS) {
      const target = EXPECTED[state][action];
      it(`${target ? 'allows' : 'refuses'} ${action} from ${state}${target ? ` → ${target}` : ''}`, () => {
        const outcome = applyWorkflowCommand(issueIn(state), COMMANDS[action], NOW);
        if (target) {
          expect(outcome).toMatchObject({ ok: true, toState: target });
        } else {
          expect(outcome).toMatchObject({ ok: false, kind: 'illegal', allowed: Object.keys(EXPECTED[state]) });
          if (!outcome.ok) expect(outcome.message).toContain(`cannot ${action} a problem that is ${state}`);
        }
      });
    }
  }

  it('decides an extension only while one is asked for, and takes no second request meanwhile', () => {
    const pending = issueIn('in_progress', { requestedDeadlineAt: NOW + 240 * HOUR });
    expect(allowedActions(pending)).toEqual(expect.arrayContaining(['approve_extension', 'refuse_extension']));
    expect(allowedActions(pending)).not.toContain('request_extension');
    expect(applyWorkflowCommand(pending, COMMANDS.request_extension, NOW)).toMatchObject({ ok: false, kind: 'illegal' });
    expect(applyWorkflowCommand(pending, COMMANDS.approve_extension, NOW)).toEqual({
      ok: true, toState: 'in_progress', changes: { state: 'in_progress', deadlineAt: NOW + 240 * HOUR, extended: true, requestedDeadlineAt: null },
    });
    expect(applyWorkflowCommand(pending, COMMANDS.refuse_extension, NOW)).toEqual({
      ok: true, toState: 'in_progress', changes: { state: 'in_progress', requestedDeadlineAt: null },
    });
  });
});

describe('what each action changes', () => {
  it('dispatch sets the department, the deadline and when it was assigned', () => {
    expect(applyWorkflowCommand(issueIn('reported'), COMMANDS.dispatch, NOW)).toMatchObject({
      changes: { state: 'assigned', departmentId: 9, deadlineAt: NOW + 48 * HOUR, assignedAt: NOW, acceptedAt: null },
    });
  });

  it('reassigning starts the new department afresh, and a pending extension request lapses', () => {
    const outcome = applyWorkflowCommand(issueIn('in_progress', { requestedDeadlineAt: NOW + 100 * HOUR }), COMMANDS.reassign, NOW);
    expect(outcome).toMatchObject({ ok: true, toState: 'assigned', changes: { departmentId: 9, acceptedAt: null, requestedDeadlineAt: null } });
  });

  it('send back returns the problem to the dispatcher without a department or deadline', () => {
    expect(applyWorkflowCommand(issueIn('assigned'), COMMANDS.send_back, NOW)).toMatchObject({
      changes: { state: 'reported', departmentId: null, deadlineAt: null, assignedAt: null },
    });
  });

  it('a failed re-inspection counts one rework and goes back to 整改中', () => {
    expect(applyWorkflowCommand(issueIn('rectified', { reworkCount: 1 }), COMMANDS.fail_inspection, NOW)).toMatchObject({
      toState: 'in_progress', changes: { reworkCount: 2, rectifiedAt: null },
    });
  });

  it('a 督办 note leaves the problem where it is', () => {
    expect(applyWorkflowCommand(issueIn('in_progress'), COMMANDS.supervise, NOW)).toEqual({ ok: true, toState: 'in_progress', changes: { state: 'in_progress' } });
  });

  it('passing re-inspection closes the problem (销号) at that time', () => {
    expect(applyWorkflowCommand(issueIn('rectified'), COMMANDS.pass_inspection, NOW)).toMatchObject({ toState: 'closed', changes: { closedAt: NOW } });
  });
});

describe('commands that are legal but not well-formed', () => {
  it.each([
    ['send_back', { action: 'send_back', note: '  ' }, 'assigned', 'note'],
    ['void', { action: 'void', note: '' }, 'reported', 'note'],
    ['supervise', { action: 'supervise', note: ' ' }, 'in_progress', 'note'],
    ['submit_rectification', { action: 'submit_rectification' }, 'in_progress', 'note'],
    ['fail_inspection', { action: 'fail_inspection' }, 'rectified', 'note'],
    ['request_extension without a reason', { action: 'request_extension', deadlineAt: NOW + 240 * HOUR, note: '' }, 'in_progress', 'note'],
    ['request_extension ending before the deadline', { action: 'request_extension', deadlineAt: NOW + HOUR, note: '需要时间' }, 'in_progress', 'deadlineAt'],
    ['dispatch with a past deadline', { action: 'dispatch', departmentId: 9, deadlineAt: NOW - HOUR }, 'reported', 'deadlineAt'],
    ['set_deadline in the past', { action: 'set_deadline', deadlineAt: NOW }, 'assigned', 'deadlineAt'],
    ['reassign to the same department', { action: 'reassign', departmentId: 7, deadlineAt: NOW + HOUR }, 'assigned', 'departmentId'],
  ] as const)('%s is refused, naming the field', (_name, command, state, field) => {
    expect(applyWorkflowCommand(issueIn(state), command as WorkflowCommand, NOW)).toMatchObject({ ok: false, kind: 'invalid', field });
  });
});
