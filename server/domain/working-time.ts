import chineseDays from 'chinese-days';
import { chinaDay, chinaDayNumber, chinaMidnight, DAY_MS, MINUTE_MS } from './china-time.ts';

/**
 * Working time on the official Chinese calendar (holidays and make-up working days from
 * `chinese-days`), in China time. All instants are epoch milliseconds.
 */

/** One working period of a day, as minutes after local midnight. */
export interface WorkingPeriod {
  startMinute: number;
  endMinute: number;
}

/** The office's working periods (configurable); defaults to 08:30–12:00 and 13:30–17:30. */
export interface WorkingSchedule {
  periods: WorkingPeriod[];
}

export const DEFAULT_WORKING_SCHEDULE: WorkingSchedule = {
  periods: [
    { startMinute: 8 * 60 + 30, endMinute: 12 * 60 },
    { startMinute: 13 * 60 + 30, endMinute: 17 * 60 + 30 },
  ],
};

export type DeadlineUnit = 'working_day' | 'working_hour' | 'hour';

export interface DeadlineRule {
  amount: number;
  unit: DeadlineUnit;
}

export function workingMinutesPerDay(schedule: WorkingSchedule): number {
  return schedule.periods.reduce((sum, period) => sum + period.endMinute - period.startMinute, 0);
}

const workdayByDateKey = new Map<string, boolean>();

/** Whether a local calendar date (YYYY-MM-DD) is a working day, make-up Saturdays included. */
export function isWorkingDate(dateKey: string): boolean {
  let working = workdayByDateKey.get(dateKey);
  if (working === undefined) {
    working = chineseDays.isWorkday(dateKey);
    workdayByDateKey.set(dateKey, working);
  }
  return working;
}

const workdayByDayNumber = new Map<number, boolean>();

/**
 * Whether the local day starting at `midnight` is a working day. Keyed by day number because
 * formatting a date key for every day walked was most of a large seed's time.
 */
function isWorkingDay(midnight: number): boolean {
  const dayNumber = chinaDayNumber(midnight);
  let working = workdayByDayNumber.get(dayNumber);
  if (working === undefined) {
    working = isWorkingDate(chinaDay(midnight));
    workdayByDayNumber.set(dayNumber, working);
  }
  return working;
}

/** Adds `minutes` of working time to `start`; a result at a period's end stays there. */
export function addWorkingMinutes(
  start: number,
  minutes: number,
  schedule: WorkingSchedule = DEFAULT_WORKING_SCHEDULE,
): number {
  if (minutes < 0) throw new RangeError('working minutes to add must not be negative');
  let remaining = minutes * MINUTE_MS;
  let midnight = chinaMidnight(start);
  let cursor = start;
  // A year without working days would be a calendar error; stop rather than loop forever.
  for (let day = 0; day < 3660; day += 1, midnight += DAY_MS) {
    if (isWorkingDay(midnight)) {
      for (const period of schedule.periods) {
        const periodStart = Math.max(midnight + period.startMinute * MINUTE_MS, cursor);
        const periodEnd = midnight + period.endMinute * MINUTE_MS;
        if (periodStart >= periodEnd) continue;
        if (remaining <= periodEnd - periodStart) return periodStart + remaining;
        remaining -= periodEnd - periodStart;
      }
    }
    cursor = midnight + DAY_MS;
  }
  throw new RangeError('no working time found within ten years');
}

/** Working minutes between two instants (0 when `end` is not after `start`). */
export function workingMinutesBetween(
  start: number,
  end: number,
  schedule: WorkingSchedule = DEFAULT_WORKING_SCHEDULE,
): number {
  if (end <= start) return 0;
  let total = 0;
  for (let midnight = chinaMidnight(start); midnight < end; midnight += DAY_MS) {
    if (!isWorkingDay(midnight)) continue;
    for (const period of schedule.periods) {
      const from = Math.max(midnight + period.startMinute * MINUTE_MS, start);
      const to = Math.min(midnight + period.endMinute * MINUTE_MS, end);
      if (to > from) total += to - from;
    }
  }
  return total / MINUTE_MS;
}

/**
 * The deadline for a rule counted from `start`. A working day is one day's worth of working
 * time, so "1 working day" from 10:00 on a Friday ends at 10:00 on the next working day.
 * Plain hours (urgent cases) run around the clock.
 */
export function deadlineFrom(
  start: number,
  rule: DeadlineRule,
  schedule: WorkingSchedule = DEFAULT_WORKING_SCHEDULE,
): number {
  switch (rule.unit) {
    case 'hour':
      return start + rule.amount * 60 * MINUTE_MS;
    case 'working_hour':
      return addWorkingMinutes(start, rule.amount * 60, schedule);
    case 'working_day':
      return addWorkingMinutes(start, rule.amount * workingMinutesPerDay(schedule), schedule);
  }
}
