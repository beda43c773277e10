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

const DAY_MS = 86_400_000;

function dayNumber(dateKey: string): number {
  return Date.parse(`${dateKey}T00:00:00Z`) / DAY_MS;
}

function dateKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The days of a window [firstDay, lastDay] cut into buckets. */
export function bucketsBetween(firstDay: string, lastDay: string, interval: TrendInterval): Bucket[] {
  const buckets: Bucket[] = [];
  const last = dayNumber(lastDay);
  for (let day = dayNumber(firstDay); day <= last;) {
    let next = day + 1;
    if (interval === 'week') next = day + (7 - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7));
    if (interval === 'month') {
      const date = new Date(day * DAY_MS);
      next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
    }
    buckets.push({ start: dateKeyOf(day), end: dateKeyOf(Math.min(next, last + 1) - 1) });
    day = next;
  }
  return buckets;
}

/** The same-length window just before [from, to), for comparing periods (黑榜 streaks). */
export function previousWindow(window: { from: number; to: number }): { from: number; to: number } {
  return { from: 2 * window.from - window.to, to: window.from };
}
