import { describe, expect, it } from 'vitest';
import { dueWindow } from '../../server/domain/deadline-filter.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';

describe('the deadline filter', () => {
  const now = parseChinaDateTime('2026-11-20T15:00');
  const takes = (filter: Parameters<typeof dueWindow>[0], deadline: string) => {
    const { from, before } = dueWindow(filter, now);
    const instant = Date.parse(deadline);
    return instant >= from && instant < before;
  };

  it('takes what falls due by the end of the China day, or within 24 or 72 hours, never what is past', () => {
    expect(takes('today', '2026-11-20T15:59:00.000Z')).toBe(true);
    expect(takes('today', '2026-11-20T16:00:00.000Z')).toBe(false);
    expect(takes('next24', '2026-11-21T06:59:00.000Z')).toBe(true);
    expect(takes('next24', '2026-11-21T07:01:00.000Z')).toBe(false);
    expect(takes('next72', '2026-11-23T06:00:00.000Z')).toBe(true);
    expect(takes('today', '2026-11-20T06:00:00.000Z')).toBe(false);
  });
});
