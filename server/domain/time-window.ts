import { invalidParameter } from '../errors.ts';
import { DAY_MS, parseChinaDay } from './china-time.ts';

/**
 * Window boundaries from query parameters. A bare date means a whole day in China time, so
 * `from=2026-10-01&to=2026-10-07` covers the National Day week end to end; a date-time is taken
 * as the exact instant. Returned instants are epoch ms; `to` is exclusive.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseBoundary(parameter: string, value: string, endOfDay: boolean): number {
  if (DATE.test(value)) {
    const midnight = parseChinaDay(value);
    if (midnight === null) throw invalidParameter(parameter, `${value} is not a date`, 'not_a_date', { value });
    return endOfDay ? midnight + DAY_MS : midnight;
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw invalidParameter(parameter, `${value} is not a date (YYYY-MM-DD) or an ISO 8601 date-time`, 'not_a_date', { value });
  }
  return instant;
}

export interface TimeWindow {
  from?: number;
  to?: number;
}

export function parseTimeWindow(from: string | undefined, to: string | undefined): TimeWindow {
  const window: TimeWindow = {};
  if (from !== undefined) window.from = parseBoundary('from', from, false);
  if (to !== undefined) window.to = parseBoundary('to', to, true);
  if (window.from !== undefined && window.to !== undefined && window.from >= window.to) {
    throw invalidParameter('to', `${to} is not after from (${from})`, 'window_reversed', {});
  }
  return window;
}
