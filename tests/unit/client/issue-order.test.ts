import { describe, expect, it } from 'vitest';
import type { IssueList } from '../../../server/schemas/contract.ts';
import { chaseOrder } from '../../../client/issue-order.ts';

type Issue = IssueList['items'][number];
const issue = (id: number, overdue: boolean, deadlineAt: string | null) => ({ id, overdue, deadlineAt }) as Issue;

describe('the order open problems are chased in', () => {
  it('puts overdue ones first, then the nearest deadline, and undispatched ones last', () => {
    const issues = [
      issue(1, false, null), issue(2, false, '2026-11-25T01:00:00.000Z'), issue(3, true, '2026-11-10T01:00:00.000Z'),
      issue(4, false, '2026-11-21T01:00:00.000Z'), issue(5, true, '2026-11-01T01:00:00.000Z'), issue(6, false, null),
    ];
    expect([...issues].sort(chaseOrder).map((entry) => entry.id)).toEqual([5, 3, 4, 2, 6, 1]);
  });
});
