/**
 * China time: every calendar date the office reads, every day a figure covers and every time it
 * sees, on the server and in the browser alike. China Standard Time has been UTC+8 all year since
 * 1991 (no daylight saving), so a China date is the UTC date of the instant moved on eight hours.
 * Plain arithmetic rather than a time-zone database keeps the hot paths (counters over a million
 * problems, the seed's year of days) fast, and gives the same answer whatever zone the machine's
 * own clock is set to. Instants are epoch milliseconds; dates are `YYYY-MM-DD` strings.
 */

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant as China's wall clock reads it, in ISO form: `YYYY-MM-DDTHH:mm:ss.sssZ` with the Z meaning nothing. */
const chinaWallClock = (instant: number | string) =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant) + CHINA_UTC_OFFSET_MS).toISOString();

/** The China calendar date of an instant. */
export function chinaDay(instant: number): string {
  return chinaWallClock(instant).slice(0, 10);
}

/** The instant of China midnight starting the day that holds `instant`. */
export function chinaMidnight(instant: number): number {
  return Math.floor((instant + CHINA_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_UTC_OFFSET_MS;
}

/** Days since 1970-01-01 of the China date holding `instant`: a cheap key for per-day caches. */
export function chinaDayNumber(instant: number): number {
  return Math.floor((instant + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** The China midnight starting a date, or null when the text is not a real date (2026-02-30, 2026-13-01). */
export function parseChinaDay(day: string): number | null {
  if (!DATE_PATTERN.test(day)) return null;
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rejects month 13 but rolls 2026-02-30 over to March; the round trip catches both.
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) return null;
  return utcMidnight - CHINA_UTC_OFFSET_MS;
}

/** The China midnight starting a date; throws on a date that does not exist. */
export function startOfChinaDay(day: string): number {
  const midnight = parseChinaDay(day);
  if (midnight === null) throw new RangeError(`not a date: ${day}`);
  return midnight;
}

/** The date `days` after (or, negative, before) a date. */
export function addDays(day: string, days: number): string {
  return chinaDay(startOfChinaDay(day) + days * DAY_MS);
}

/** Whole days from one date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfChinaDay(to) - startOfChinaDay(from)) / DAY_MS);
}

/** The day of the week, 0 for Monday to 6 for Sunday: office weeks start on Monday. */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of the week a date falls in. */
export function mondayOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** The first day of the month a date falls in. */
export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `months` after the month a date falls in. */
export function addMonths(day: string, months: number): string {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** The China calendar year of an instant. */
export function chinaYear(instant: number): number {
  return Number(chinaDay(instant).slice(0, 4));
}

/** A China wall-clock time (`YYYY-MM-DDTHH:mm`, seconds optional) as an instant; throws when it is not one. */
export function parseChinaDateTime(local: string): number {
  const match = LOCAL_DATE_TIME_PATTERN.exec(local);
  const midnight = match ? parseChinaDay(match[1]!) : null;
  const [hours, minutes, seconds] = match ? [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)] : [];
  if (midnight === null || hours! > 23 || minutes! > 59 || seconds! > 59) throw new RangeError(`not a China date and time: ${local}`);
  return midnight + hours! * HOUR_MS + minutes! * MINUTE_MS + seconds! * 1000;
}

/** An instant as a `datetime-local` input shows it in China: `YYYY-MM-DDTHH:mm`. */
export function toChinaDateTimeInput(instant: number | string): string {
  return chinaWallClock(instant).slice(0, 16);
}

/** The office's date and time: `2026-11-20 15:00`. */
export function formatChinaDateTime(instant: number | string): string {
  return chinaWallClock(instant).slice(0, 16).replace('T', ' ');
}

/** Date and time within the year, for lists: `11-20 15:00`. */
export function formatChinaShortDateTime(instant: number | string): string {
  return chinaWallClock(instant).slice(5, 16).replace('T', ' ');
}

/** A clock's time: `15:00:07`. */
export function formatChinaTime(instant: number | string): string {
  return chinaWallClock(instant).slice(11, 19);
}

/** A stamp for file names, in China time: `20261120-150007`. */
export function formatChinaStamp(instant: number | string): string {
  const wallClock = chinaWallClock(instant);
  return `${wallClock.slice(0, 10).replaceAll('-', '')}-${wallClock.slice(11, 19).replaceAll(':', '')}`;
}

/** Hours and minutes: `15:00`. */
export function formatChinaMinute(instant: number | string): string {
  return chinaWallClock(instant).slice(11, 16);
}

/** The next instant at a China wall-clock time (`HH:mm`) after `now` (China keeps no daylight saving: a day is always 24 hours). */
export function nextDailyAt(now: number, time: string): number {
  const today = parseChinaDateTime(`${chinaDay(now)}T${time}`);
  return today > now ? today : today + DAY_MS;
}
