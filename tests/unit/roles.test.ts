import { describe, expect, it } from 'vitest';
import { accountAssignmentProblem, holdsPermission, inScope, mayTakeAction, problemScope, ROLES } from '../../server/domain/roles.ts';
import { WORKFLOW_ACTIONS } from '../../server/domain/issue-workflow.ts';

describe('roles', () => {
  it('keep administration, audit and the work on problems apart (三员分立)', () => {
    expect(holdsPermission(['admin'], 'accounts')).toBe(true);
    expect(holdsPermission(['admin'], 'problems')).toBe(false);
    expect(holdsPermission(['admin'], 'audit')).toBe(false);
    expect(holdsPermission(['auditor'], 'audit')).toBe(true);
    expect(holdsPermission(['auditor'], 'map')).toBe(false);
    expect(holdsPermission(['commander'], 'accounts')).toBe(false);
    expect(holdsPermission(['commander'], 'bulk')).toBe(true);
    for (const role of ROLES) expect(holdsPermission([role], 'signed-in')).toBe(true);
  });

  it('give each role its part of the workflow, and the commander all of it', () => {
    expect(WORKFLOW_ACTIONS.every((action) => mayTakeAction(['commander'], action))).toBe(true);
    expect(WORKFLOW_ACTIONS.filter((action) => mayTakeAction(['department'], action)).sort()).toEqual(['accept', 'request_extension', 'send_back', 'submit_rectification']);
    expect(WORKFLOW_ACTIONS.filter((action) => mayTakeAction(['inspector'], action)).sort()).toEqual(['fail_inspection', 'pass_inspection']);
    expect(WORKFLOW_ACTIONS.filter((action) => mayTakeAction(['leader'], action))).toEqual(['supervise']);
    expect(mayTakeAction(['gridworker'], 'report')).toBe(true);
    expect(WORKFLOW_ACTIONS.some((action) => mayTakeAction(['gridworker', 'admin', 'auditor'], action))).toBe(false);
  });

  it('narrow what a department account or a grid worker sees, and not what a role that sees all does', () => {
    const department = problemScope({ roles: ['department'], departmentId: 7, gridIds: [] });
    expect(department).toEqual({ kind: 'department', departmentId: 7 });
    expect(inScope(department, { departmentId: 7, gridId: 1 })).toBe(true);
    expect(inScope(department, { departmentId: 8, gridId: 1 })).toBe(false);
    expect(inScope(department, { departmentId: null, gridId: 1 })).toBe(false);
    const worker = problemScope({ roles: ['gridworker'], departmentId: null, gridIds: [3, 4] });
    expect(inScope(worker, { departmentId: 8, gridId: 4 })).toBe(true);
    expect(inScope(worker, { departmentId: 8, gridId: 5 })).toBe(false);
    expect(problemScope({ roles: ['department', 'leader'], departmentId: 7, gridIds: [1] })).toEqual({ kind: 'all' });
  });

  it('need a department, grids, or a role held alone where the role asks for it', () => {
    expect(accountAssignmentProblem({ roles: ['department'], departmentId: null, gridIds: [] })).toMatch(/^departmentId:/);
    expect(accountAssignmentProblem({ roles: ['gridworker'], departmentId: null, gridIds: [] })).toMatch(/^gridCodes:/);
    expect(accountAssignmentProblem({ roles: ['leader'], departmentId: null, gridIds: [] })).toMatch(/^gridCodes:/);
    expect(accountAssignmentProblem({ roles: ['admin', 'commander'], departmentId: null, gridIds: [] })).toMatch(/^roles: admin is held alone/);
    expect(accountAssignmentProblem({ roles: [], departmentId: null, gridIds: [] })).toMatch(/^roles:/);
    expect(accountAssignmentProblem({ roles: ['commander', 'inspector'], departmentId: null, gridIds: [] })).toBeNull();
  });
});
