import type { Queryable } from './connect.ts';
import { AWAITING_RECTIFICATION_SQL, OPEN_STATES_SQL } from '../store/issue-state-sql.ts';

/**
 * The state lists as literals, not parameters: the planner can only use the partial indexes of
 * open problems when it sees the very list of their predicate.
 */
export const openStates = (sql: Queryable) => sql.unsafe(OPEN_STATES_SQL);
export const awaitingRectification = (sql: Queryable) => sql.unsafe(AWAITING_RECTIFICATION_SQL);
