import { addDays, addMonths, daysBetween, weekdayOf } from './china-time.ts';

/**
 * Calendar buckets in China time for trends. Weeks start on Monday, as office weeks do; the
 * first and last bucket are clipped to the window.
 */

export type TrendInterval = 'day' | 'week' | 'month';

export interface Bucket {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

function nextBucketStart(day: string, interval: TrendInterval): string {
  if (interval === 'day') return addDays(day, 1);
  if (interval === 'week') return addDays(day, 7 - weekdayOf(day));
  return addMonths(day, 1);
}

/** The days of a window [firstDay, lastDay] cut into buckets. */
export function bucketsBetween(firstDay: string, lastDay: string, interval: TrendInterval): Bucket[] {
  const buckets: Bucket[] = [];
  for (let day = firstDay; daysBetween(day, lastDay) >= 0;) {
    const next = nextBucketStart(day, interval);
    buckets.push({ start: day, end: daysBetween(next, lastDay) >= 0 ? addDays(next, -1) : lastDay });
    day = next;
  }
  return buckets;
}

/** The same-length window just before [from, to), for comparing periods (黑榜 streaks). */
export function previousWindow(window: { from: number; to: number }): { from: number; to: number } {
  return { from: 2 * window.from - window.to, to: window.from };
}
