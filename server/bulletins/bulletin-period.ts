import { addDays, addMonths, daysBetween, firstOfMonth, mondayOf, parseChinaDay } from '../domain/china-time.ts';
import { MAXIMUM_WINDOW_DAYS } from '../domain/performance-window.ts';
import { invalidParameter } from '../errors.ts';

/**
 * The days a 周通报 or 月通报 covers and the period it is compared with. A week runs Monday to
 * Sunday and is compared with the week before; a month with the month before. Without a date it
 * is the last whole week or month; with `date`, the week or month that day falls in; with `from`
 * and `to`, those days, compared with as many days before them. It never reaches past today.
 */

export type PeriodSeries = 'weekly' | 'monthly';

export interface BulletinPeriod {
  firstDay: string;
  lastDay: string;
  previousFirstDay: string;
  previousLastDay: string;
  /** How the text names it and the one before: 本周/上周, 本月/上月, or 本期/上期 for chosen days. */
  names: { current: string; previous: string };
}

export interface PeriodRequest {
  date?: string;
  from?: string;
  to?: string;
}

function checkedDay(field: string, day: string): string {
  if (parseChinaDay(day) === null) throw invalidParameter(field, `'${day}' is not a date (YYYY-MM-DD)`, 'not_a_date', { value: day });
  return day;
}

export function resolveBulletinPeriod(series: PeriodSeries, request: PeriodRequest, today: string): BulletinPeriod {
  const { date, from, to } = request;
  if ((from === undefined) !== (to === undefined)) throw invalidParameter(from === undefined ? 'from' : 'to', 'from and to are given together', 'parameters_exclusive', { other: from === undefined ? 'to' : 'from' });
  if (date !== undefined && from !== undefined) throw invalidParameter('date', 'cannot be combined with from and to; give a day of the period or its first and last day', 'parameters_exclusive', { other: 'from' });
  let period: BulletinPeriod;
  if (from !== undefined && to !== undefined) {
    const [firstDay, lastDay] = [checkedDay('from', from), checkedDay('to', to)];
    const days = daysBetween(firstDay, lastDay) + 1;
    if (days < 1) throw invalidParameter('to', `${lastDay} comes before ${firstDay}`, 'window_reversed', {});
    if (days > MAXIMUM_WINDOW_DAYS) throw invalidParameter('from', `a bulletin covers at most ${MAXIMUM_WINDOW_DAYS} days; this one covers ${days}`, 'window_too_long', { maximumDays: MAXIMUM_WINDOW_DAYS, days });
    period = { firstDay, lastDay, previousFirstDay: addDays(firstDay, -days), previousLastDay: addDays(firstDay, -1), names: { current: '本期', previous: '上期' } };
  } else if (series === 'weekly') {
    const monday = date === undefined ? addDays(mondayOf(today), -7) : mondayOf(checkedDay('date', date));
    period = { firstDay: monday, lastDay: addDays(monday, 6), previousFirstDay: addDays(monday, -7), previousLastDay: addDays(monday, -1), names: { current: '本周', previous: '上周' } };
  } else {
    const first = date === undefined ? addMonths(firstOfMonth(today), -1) : firstOfMonth(checkedDay('date', date));
    const previous = addMonths(first, -1);
    period = { firstDay: first, lastDay: addDays(addMonths(first, 1), -1), previousFirstDay: previous, previousLastDay: addDays(first, -1), names: { current: '本月', previous: '上月' } };
  }
  if (period.lastDay > today) {
    throw invalidParameter(date !== undefined ? 'date' : 'to', `the period ${period.firstDay} to ${period.lastDay} has not ended (today is ${today}); a bulletin reports finished days`, 'period_not_over', { firstDay: period.firstDay, lastDay: period.lastDay, today });
  }
  return period;
}

/** The request that covers the same days as an issued bulletin: what a correction of it asks for when it names no days. */
export function sameDaysAs(series: PeriodSeries | 'daily', firstDay: string, lastDay: string): PeriodRequest {
  if (series === 'daily') return { date: lastDay };
  const whole = series === 'weekly'
    ? firstDay === mondayOf(firstDay) && lastDay === addDays(firstDay, 6)
    : firstDay === firstOfMonth(firstDay) && lastDay === addDays(addMonths(firstDay, 1), -1);
  return whole ? { date: firstDay } : { from: firstDay, to: lastDay };
}
