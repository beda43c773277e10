import { parseBoundingBox } from '../domain/bounding-box.ts';
import { ISSUE_SOURCES, ISSUE_STATES, type IssueSource, type IssueState } from '../domain/issue-vocabulary.ts';
import { parseTimeWindow } from '../domain/time-window.ts';
import { dueWindow } from '../domain/deadline-filter.ts';
import { forbidden, invalidParameter , refusal } from '../errors.ts';
import type { ProblemScope } from '../domain/roles.ts';
import type { IssueFilters, Repositories } from '../store/repositories.ts';
import type { IssueListQuery } from '../schemas/contract.ts';

/** Turns the issue list's query parameters into repository filters, naming any bad one. */

/** A comma list's distinct values, each one of those allowed; a value named twice counts once. */
function commaList<T extends string>(parameter: string, value: string, allowed: readonly T[]): T[] {
  const values = [...new Set(value.split(',').map((part) => part.trim()))];
  for (const item of values) {
    if (!allowed.includes(item as T)) throw invalidParameter(parameter, `'${item}' is not one of ${allowed.join(', ')}`, 'not_one_of', { value: item, allowed });
  }
  return values as T[];
}

/**
 * The filters of a query, narrowed to what the account may see: a department account's to its
 * department, a grid worker's to their grids. Asking for another department or grid is refused.
 */
export async function resolveIssueFilters(
  query: Omit<IssueListQuery, 'limit' | 'cursor'>, repositories: Repositories, now: number, scope: ProblemScope, username?: string,
): Promise<IssueFilters> {
  const filters: IssueFilters = {};
  if (query.grid !== undefined) {
    filters.gridId = await repositories.grids.idByCode(query.grid);
    if (filters.gridId === undefined) throw invalidParameter('grid', `no grid has the code '${query.grid}'`, 'unknown_grid', { grid: query.grid });
    if (scope.kind === 'grids' && !scope.gridIds.includes(filters.gridId)) throw forbidden(`grid: ${query.grid} is not one of your grids`, refusal('not_your_grid', { grid: query.grid! }));
  } else if (scope.kind === 'grids') {
    filters.gridIds = [...scope.gridIds];
  }
  if (query.state !== undefined) filters.states = commaList<IssueState>('state', query.state, ISSUE_STATES);
  if (query.source !== undefined) filters.sources = commaList<IssueSource>('source', query.source, ISSUE_SOURCES);
  if (query.category !== undefined) {
    const categories = await repositories.reference.categories();
    filters.categoryIds = [...new Set(query.category.split(',').flatMap((code) => {
      const category = categories.find((c) => c.code === code.trim());
      if (!category) throw invalidParameter('category', `no category has the code '${code}'`, 'unknown_category', { category: code });
      return category.parentCode === null ? categories.filter((c) => c.parentCode === category.code).map((c) => c.id) : [category.id];
    }))].sort((a, b) => a - b);
  }
  if (query.department !== undefined) {
    if (!await repositories.reference.departmentExists(query.department)) throw invalidParameter('department', `no department has the id ${query.department}`, 'unknown_department', { id: query.department });
    filters.departmentId = query.department;
  }
  if (scope.kind === 'department') {
    if (filters.departmentId !== undefined && filters.departmentId !== scope.departmentId) throw forbidden('department: this account sees its own department\'s problems only', refusal('not_your_department', {}));
    filters.departmentId = scope.departmentId;
  }
  if (query.overdue !== undefined) filters.overdue = query.overdue;
  if (query.due !== undefined) filters.deadline = dueWindow(query.due, now);
  if (query.from !== undefined || query.to !== undefined) filters.window = parseTimeWindow(query.from, query.to);
  if (query.bbox !== undefined) filters.bbox = parseBoundingBox(query.bbox);
  if (query.reportedBy === 'me') {
    if (username === undefined) throw invalidParameter('reportedBy', 'only a signed-in account has reports of its own');
    filters.reportedBy = username;
  }
  return filters;
}

export function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(cursor)) throw invalidParameter('cursor', `'${cursor}' is not a cursor this API gave out`, 'bad_cursor', {});
  return Number(cursor);
}
