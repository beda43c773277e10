import { invalidParameter } from '../errors.ts';
import type { TimeWindow } from './time-window.ts';
import { localDateKey } from './working-time.ts';

/**
 * The window a performance figure covers: whole China days. Without bounds it is the 30 full
 * days before today (日通报 practice: a bulletin covers finished days). It never reaches past
 * today, since days to come hold only deadlines not yet reached.
 */

export const DEFAULT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface PerformanceWindow {
  /** Epoch ms of the first day's China midnight. */
  from: number;
  /** Epoch ms of the China midnight after the last day (exclusive). */
  to: number;
  firstDay: string;
  lastDay: string;
}

function chinaMidnightOf(instant: number): number {
  return Math.floor((instant + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

export function windowOfDays(from: number, to: number): PerformanceWindow {
  return { from, to, firstDay: localDateKey(from), lastDay: localDateKey(to - 1) };
}

export function resolvePerformanceWindow(requested: TimeWindow, now: number): PerformanceWindow {
  const today = chinaMidnightOf(now);
  const to = Math.min(requested.to === undefined ? (requested.from === undefined ? today : today + DAY_MS) : chinaMidnightOf(requested.to - 1) + DAY_MS, today + DAY_MS);
  const from = requested.from === undefined ? to - DEFAULT_WINDOW_DAYS * DAY_MS : chinaMidnightOf(requested.from);
  if (from >= to) throw invalidParameter('from', `${localDateKey(from)} is after today; performance windows end today at the latest`);
  return windowOfDays(from, to);
}
