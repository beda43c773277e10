import { chinaMidnight, DAY_MS, HOUR_MS } from './china-time.ts';

/**
 * The dispatcher's deadline filter, judged on the server's clock: problems falling due by the
 * end of today in China time, or within the next 24 or 72 hours. A deadline already past is
 * not "due" but overdue, which has its own filter.
 */

export const DUE_FILTERS = ['today', 'next24', 'next72'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** The deadlines a filter takes, as instants: from `now` (inclusive) to `before` (exclusive). */
export function dueWindow(filter: DueFilter, now: number): { from: number; before: number } {
  if (filter === 'today') return { from: now, before: chinaMidnight(now) + DAY_MS };
  return { from: now, before: now + (filter === 'next24' ? 24 : 72) * HOUR_MS };
}
