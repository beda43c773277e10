import type { DayWindow } from './api/client.ts';
import { chinaDate } from './china-time.ts';

/** The periods a leader picks from: the N full days before today, in China time. */
export const WINDOW_DAYS = [7, 30, 90, 365] as const;
export type WindowDays = (typeof WINDOW_DAYS)[number];

export const isWindowDays = (value: number): value is WindowDays => WINDOW_DAYS.includes(value as WindowDays);

const DAY_MS = 86_400_000;

export function lastFullDays(days: WindowDays, now: number): DayWindow {
  const today = Date.parse(`${chinaDate(now)}T00:00:00+08:00`);
  return { from: chinaDate(today - days * DAY_MS), to: chinaDate(today - DAY_MS) };
}
