import type { IssueAction } from './issue-vocabulary.ts';

/**
 * Who may do what (等保 2.0 access control by role, with 三员分立: the administrator, the auditor
 * and those who work on problems are different people). The server enforces every rule here;
 * the client reads the same table only to hide what a role may not use.
 * `open` is for /api/health, signing in and the client's own files; `signed-in` for any account
 * or screen device (the list of districts, the client's settings); `account` for any account (its
 * own session and password).
 */

export const ROLES = ['admin', 'auditor', 'commander', 'leader', 'department', 'inspector', 'gridworker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route needs. `open`: nothing (health, signing in). `signed-in`: any account (one's own
 * session and password). The rest name the roles that hold them; a screen device holds `wall`
 * and `map` and nothing else.
 */
export const PERMISSIONS = {
  /** Grids, figures, rankings, reference data, inspection points, the base map: the district's picture. */
  map: ['admin', 'commander', 'leader', 'department', 'inspector', 'gridworker'],
  /** Problems: lists, positions, details, the live feed; department and grid worker accounts see only their own. */
  problems: ['commander', 'leader', 'department', 'inspector', 'gridworker'],
  /** The live feed of problem events (scoped as the problems are); screen devices hold it too. */
  live: ['commander', 'leader', 'department', 'inspector', 'gridworker'],
  /** Report a problem; a grid worker only inside their grids. */
  report: ['commander', 'inspector', 'gridworker'],
  /** Act on one problem; which action each role may take is `ACTIONS_BY_ROLE`'s. */
  act: ['commander', 'leader', 'department', 'inspector'],
  /** Upload photos as evidence, to give with a report or an action. */
  photos: ['commander', 'leader', 'department', 'inspector', 'gridworker'],
  /** Act on many problems at once. */
  bulk: ['commander'],
  /** The big screen's figures of the day. */
  wall: ['commander', 'leader'],
  /** Change the scoring settings. */
  settings: ['admin'],
  /** Accounts and screen devices. */
  accounts: ['admin'],
  /** Import the district's own grids, people, points and problems; edit its grids. */
  imports: ['admin'],
  /** Read and download the bulletins the office has issued. */
  bulletins: ['admin', 'commander', 'leader'],
  /** Issue a bulletin or its correction, or make a draft of one. */
  issuing: ['commander'],
  /** Read and export the audit log. */
  audit: ['auditor'],
  /** The server's Prometheus metrics; a monitoring system presents the metrics token instead. */
  monitoring: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type RolePermission = keyof typeof PERMISSIONS;
export type Permission = 'open' | 'signed-in' | 'account' | RolePermission;

/** The permissions a screen device's token carries: the wall's figures, its map and its live feed. */
export const DEVICE_PERMISSIONS: readonly Permission[] = ['signed-in', 'wall', 'map', 'live'];

/** Each role's workflow actions; a commander's are all of them. */
export const ACTIONS_BY_ROLE: Record<Role, readonly IssueAction[]> = {
  admin: [],
  auditor: [],
  commander: ['report', 'dispatch', 'reassign', 'set_deadline', 'accept', 'send_back', 'submit_rectification', 'pass_inspection', 'fail_inspection',
    'request_extension', 'approve_extension', 'refuse_extension', 'void', 'reopen', 'supervise'],
  leader: ['supervise'],
  department: ['accept', 'send_back', 'submit_rectification', 'request_extension'],
  inspector: ['report', 'pass_inspection', 'fail_inspection'],
  gridworker: ['report'],
};

export function holdsPermission(roles: readonly Role[], permission: Permission): boolean {
  if (permission === 'open' || permission === 'signed-in' || permission === 'account') return true;
  return roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));
}

export function mayTakeAction(roles: readonly Role[], action: IssueAction): boolean {
  return roles.some((role) => ACTIONS_BY_ROLE[role].includes(action));
}

/** The work that waits on an account: the department whose problems it rectifies, if any; whether it re-inspects. */
export function ownWork(account: { roles: readonly Role[]; departmentId: number | null }): { rectifiesFor: number | null; reinspects: boolean } {
  return { rectifiesFor: account.roles.includes('department') ? account.departmentId : null, reinspects: mayTakeAction(account.roles, 'pass_inspection') };
}

/**
 * Which problems an account sees: every one, its department's, or those in its grids. A role
 * that sees every problem lifts the narrower ones (a department head who is also a leader).
 */
export type ProblemScope = { kind: 'all' } | { kind: 'department'; departmentId: number } | { kind: 'grids'; gridIds: readonly number[] };

const SEES_ALL: readonly Role[] = ['commander', 'leader', 'inspector'];

export function problemScope(account: { roles: readonly Role[]; departmentId: number | null; gridIds: readonly number[] }): ProblemScope {
  if (account.roles.some((role) => SEES_ALL.includes(role))) return { kind: 'all' };
  if (account.roles.includes('department') && account.departmentId !== null) return { kind: 'department', departmentId: account.departmentId };
  return { kind: 'grids', gridIds: account.gridIds };
}

/** Whether a problem (its department and grid) is within a scope. */
export function inScope(scope: ProblemScope, issue: { departmentId: number | null; gridId: number }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'department') return issue.departmentId === scope.departmentId;
  return scope.gridIds.includes(issue.gridId);
}

/** Roles that hold no other beside them: 三员分立 keeps administration and audit apart from each other and from the work they oversee. */
const ALONE: readonly Role[] = ['admin', 'auditor'];

/**
 * Why an account's roles and assignments do not fit together, or null: admin and auditor stand
 * alone; a department account needs its department, a grid worker or leader their grids.
 */
export function accountAssignmentProblem(account: { roles: readonly Role[]; departmentId: number | null; gridIds: readonly number[] }): string | null {
  if (account.roles.length === 0) return 'roles: an account needs a role';
  const alone = account.roles.find((role) => ALONE.includes(role));
  if (alone && account.roles.length > 1) return `roles: ${alone} is held alone (三员分立); make a second account for the other role`;
  if (account.roles.includes('department') && account.departmentId === null) return 'departmentId: a department account needs its department';
  if (account.roles.includes('gridworker') && account.gridIds.length === 0) return 'gridCodes: a grid worker needs at least one grid';
  if (account.roles.includes('leader') && account.gridIds.length === 0) return 'gridCodes: a leader needs the grids they are in charge of';
  return null;
}
