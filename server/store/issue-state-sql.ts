import { AWAITING_RECTIFICATION_STATES, OPEN_STATES } from '../domain/issue-vocabulary.ts';

/** SQL lists of states. OPEN_STATES_SQL must read exactly as the issues_open_by_grid index's WHERE so queries can use it. */
const sqlList = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(', ')})`;

export const OPEN_STATES_SQL = sqlList(OPEN_STATES);
export const AWAITING_RECTIFICATION_SQL = sqlList(AWAITING_RECTIFICATION_STATES);
