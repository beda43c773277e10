import { invalidParameter } from '../errors.ts';
import { addDays, addMonths, chinaDay, chinaMidnight, DAY_MS, firstOfMonth, mondayOf, startOfChinaDay } from './china-time.ts';
import { parseTimeWindow } from './time-window.ts';

/**
 * The window a performance figure covers: whole China days, resolved on the server's clock, so
 * every client (a wall PC whose clock is days off included) sees the same days. A client asks for
 * explicit dates (`from`, `to`) or for days relative to today: `days=30` (the 30 full days before
 * today, as a 日通报 covers finished days), `period=last-week` (Monday to Sunday) or
 * `period=last-month`, each moved `offsetDays` back (`offsetDays=1`: as it stood a day earlier).
 * Without bounds it is the 30 full days before today. It never reaches past today, since days to
 * come hold only deadlines not yet reached.
 */

export const DEFAULT_WINDOW_DAYS = 30;
/** The longest window a figure may cover: a request for decades held the server for a minute. */
export const MAXIMUM_WINDOW_DAYS = 1096;
export const RELATIVE_PERIODS = ['last-week', 'last-month'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export interface PerformanceWindow {
  /** Epoch ms of the first day's China midnight. */
  from: number;
  /** Epoch ms of the China midnight after the last day (exclusive). */
  to: number;
  firstDay: string;
  lastDay: string;
}

/** A window's query parameters as the API takes them. */
export interface WindowQuery {
  from?: string;
  to?: string;
  days?: number;
  period?: RelativePeriod;
  offsetDays?: number;
}

export function windowOfDays(from: number, to: number): PerformanceWindow {
  return { from, to, firstDay: chinaDay(from), lastDay: chinaDay(to - 1) };
}

const windowBetween = (firstDay: string, lastDay: string) => windowOfDays(startOfChinaDay(firstDay), startOfChinaDay(lastDay) + DAY_MS);

/** Whole days relative to `today`, or null when the query names none. */
function relativeWindow(query: WindowQuery, today: string): PerformanceWindow | null {
  const relative = query.days !== undefined || query.period !== undefined;
  if (!relative) {
    if (query.offsetDays !== undefined) throw invalidParameter('offsetDays', 'moves days or a period back, and neither was given');
    return null;
  }
  const mixed = query.from !== undefined ? 'from' : query.to !== undefined ? 'to' : null;
  if (mixed) throw invalidParameter(mixed, `cannot be combined with ${query.days !== undefined ? 'days' : 'period'}; give dates or days relative to today, not both`, 'parameters_exclusive', { other: query.days !== undefined ? 'days' : 'period' });
  if (query.days !== undefined && query.period !== undefined) throw invalidParameter('period', 'cannot be combined with days', 'parameters_exclusive', { other: 'days' });
  const day = addDays(today, -(query.offsetDays ?? 0));
  if (query.days !== undefined) return windowBetween(addDays(day, -query.days), addDays(day, -1));
  if (query.period === 'last-week') {
    const monday = mondayOf(day);
    return windowBetween(addDays(monday, -7), addDays(monday, -1));
  }
  const first = firstOfMonth(day);
  return windowBetween(addMonths(first, -1), addDays(first, -1));
}

/** The window a query asks for, on the server's clock; refused (400 naming the parameter) when longer than `maximumDays`. */
export function resolvePerformanceWindow(query: WindowQuery, now: number, maximumDays = MAXIMUM_WINDOW_DAYS): PerformanceWindow {
  const window = requestedWindow(query, now);
  const days = Math.round((window.to - window.from) / DAY_MS);
  if (days > maximumDays) {
    throw invalidParameter(query.days === undefined ? 'from' : 'days', `a window covers at most ${maximumDays} days; this one covers ${days}`, 'window_too_long', { maximumDays, days });
  }
  return window;
}

function requestedWindow(query: WindowQuery, now: number): PerformanceWindow {
  const relative = relativeWindow(query, chinaDay(now));
  if (relative) return relative;
  const requested = parseTimeWindow(query.from, query.to);
  const today = chinaMidnight(now);
  const to = Math.min(requested.to === undefined ? (requested.from === undefined ? today : today + DAY_MS) : chinaMidnight(requested.to - 1) + DAY_MS, today + DAY_MS);
  const from = requested.from === undefined ? to - DEFAULT_WINDOW_DAYS * DAY_MS : chinaMidnight(requested.from);
  if (from >= to) throw invalidParameter('from', `${chinaDay(from)} is after today; performance windows end today at the latest`, 'date_in_future', { today: chinaDay(now) });
  return windowOfDays(from, to);
}
