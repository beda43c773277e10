import { ISSUE_STATES, OPEN_STATES, type IssueState } from '../server/domain/issue-vocabulary.ts';
import type { IssuePositionsQuery } from '../server/schemas/contract.ts';

/**
 * Which problems the map draws, as kept in the page's URL: a state choice ('open' by default,
 * 'overdue', or one state), a category code and a source. Unknown values fall back to all.
 */

export const ISSUE_STATE_CHOICES = ['open', 'overdue', ...ISSUE_STATES.filter((state) => state !== 'void')] as const;
export type IssueStateChoice = (typeof ISSUE_STATE_CHOICES)[number];

export interface IssueLayerFilter {
  state: IssueStateChoice;
  category: string | null;
  source: string | null;
}

export function readIssueLayerFilter(parameters: URLSearchParams): IssueLayerFilter {
  const state = parameters.get('state');
  return {
    state: ISSUE_STATE_CHOICES.includes(state as IssueStateChoice) ? (state as IssueStateChoice) : 'open',
    category: parameters.get('category') || null,
    source: parameters.get('source') || null,
  };
}

/** The positions endpoint's query for a filter. */
export function issuePositionQuery(filter: IssueLayerFilter): IssuePositionsQuery {
  const states: readonly IssueState[] = filter.state === 'open' || filter.state === 'overdue' ? OPEN_STATES : [filter.state];
  return {
    state: states.join(','),
    overdue: filter.state === 'overdue' ? true : undefined,
    category: filter.category ?? undefined,
    source: filter.source ?? undefined,
  };
}
