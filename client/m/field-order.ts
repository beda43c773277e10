import { DEFAULT_WORKING_SCHEDULE, workingMinutesBetween, workingMinutesPerDay } from '../../server/domain/working-time.ts';
import { photoDistanceMetres } from '../../server/domain/photo-evidence.ts';

/**
 * How the phone app orders its lists: a department's to-do by the working time it has left
 * (overdue first, the longest overdue at the top), an inspector's re-inspections by distance.
 */

/** Working minutes left until a deadline; negative when past it (the working minutes since); null without one. */
export function workingMinutesLeft(deadlineAt: string | null, now: number): number | null {
  if (deadlineAt === null) return null;
  const deadline = Date.parse(deadlineAt);
  return deadline >= now ? workingMinutesBetween(now, deadline) : -workingMinutesBetween(deadline, now);
}

/**
 * Problems with the working time each has left, least first. Two past their deadline are told
 * apart by how long ago it was even when no working time has passed since (a night, a weekend).
 */
export function byWorkingTimeLeft<T extends { id: number; deadlineAt: string | null }>(items: readonly T[], now: number): Array<T & { minutesLeft: number | null }> {
  return items
    .map((item) => ({ ...item, minutesLeft: workingMinutesLeft(item.deadlineAt, now) }))
    .sort((a, b) => {
      if (a.minutesLeft === null || b.minutesLeft === null) return (a.minutesLeft === null ? 1 : 0) - (b.minutesLeft === null ? 1 : 0) || a.id - b.id;
      return a.minutesLeft - b.minutesLeft || Date.parse(a.deadlineAt!) - Date.parse(b.deadlineAt!) || a.id - b.id;
    });
}

/** Problems with their distance in metres from a position, nearest first; in their own order when the position is not known. */
export function byDistanceFrom<T extends { id: number; longitude: number; latitude: number }>(
  items: readonly T[], position: { longitude: number; latitude: number } | null,
): Array<T & { distanceMetres: number | null }> {
  const measured = items.map((item) => ({ ...item, distanceMetres: position ? photoDistanceMetres(position, item) : null }));
  return position ? measured.sort((a, b) => a.distanceMetres! - b.distanceMetres! || a.id - b.id) : measured;
}

/** A span of working time for a countdown: whole working days once it is a day or more, else hours and minutes. */
export function countdownParts(minutes: number): { days: number } | { hours: number; minutes: number } {
  const whole = Math.floor(Math.abs(minutes));
  const day = workingMinutesPerDay(DEFAULT_WORKING_SCHEDULE);
  if (whole >= day) return { days: Math.floor(whole / day) };
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}
