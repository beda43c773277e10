import type { DayWindow } from './api/client.ts';

/** The periods a leader picks from: the N full days before today, in China time. */
export const WINDOW_DAYS = [7, 30, 90, 365] as const;
export type WindowDays = (typeof WINDOW_DAYS)[number];

export const isWindowDays = (value: number): value is WindowDays => WINDOW_DAYS.includes(value as WindowDays);

const DAY_MS = 86_400_000;
const chinaDate = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);

export function lastFullDays(days: WindowDays, now: number): DayWindow {
  const today = Date.parse(`${chinaDate(now)}T00:00:00+08:00`);
  return { from: chinaDate(today - days * DAY_MS), to: chinaDate(today - DAY_MS) };
}
