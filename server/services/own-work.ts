import { ownWork as workOf, type ProblemScope, type Role } from '../domain/roles.ts';
import { resolveIssueFilters } from './issue-filters.ts';
import type { Repositories } from '../store/repositories.ts';
import { OWN_WORK_LIMIT } from '../schemas/issues.ts';
import type { IssueList, IssueListQuery, OwnWork } from '../schemas/contract.ts';

/**
 * The lists of an account's work as the issue list would answer them: a department's problems
 * assigned or in progress (its own department's, even when another role lets it see more), and
 * the rectified problems awaiting re-inspection within its scope.
 */
export async function ownWork(
  repositories: Repositories, account: { roles: readonly Role[]; departmentId: number | null }, scope: ProblemScope, now: number,
): Promise<OwnWork> {
  const listed = async (query: Pick<IssueListQuery, 'state' | 'department'>): Promise<IssueList> => {
    const filters = await resolveIssueFilters(query, repositories, now, scope);
    return repositories.issues.list(filters, { limit: OWN_WORK_LIMIT }, now, await repositories.issues.count(filters, now));
  };
  const work = workOf(account);
  return {
    rectification: work.rectifiesFor !== null ? await listed({ state: 'assigned,in_progress', department: work.rectifiesFor }) : null,
    reinspection: work.reinspects ? await listed({ state: 'rectified' }) : null,
  };
}
