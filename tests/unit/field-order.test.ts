import { describe, expect, it } from 'vitest';
import { byDistanceFrom, byWorkingTimeLeft, countdownParts, workingMinutesLeft } from '../../client/m/field-order.ts';

/** China time on a date as an ISO instant. */
const china = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
// Tuesday 2026-11-03, 10:00 China time.
const NOW = Date.parse(china('2026-11-03', '10:00'));

describe('a department\'s to-do in working time', () => {
  it('counts working time left, and past the deadline the working time since', () => {
    expect(workingMinutesLeft(china('2026-11-03', '11:30'), NOW)).toBe(90);
    // Lunch (12:00–13:30) is not working time.
    expect(workingMinutesLeft(china('2026-11-03', '14:00'), NOW)).toBe(150);
    expect(workingMinutesLeft(china('2026-11-02', '17:00'), NOW)).toBe(-(30 + 90));
    expect(workingMinutesLeft(null, NOW)).toBeNull();
  });

  it('puts the longest overdue first, then the least time left, and those without a deadline last', () => {
    const items = [
      { id: 1, deadlineAt: china('2026-11-05', '09:00') },
      { id: 2, deadlineAt: null },
      { id: 3, deadlineAt: china('2026-11-02', '17:00') },
      { id: 4, deadlineAt: china('2026-10-30', '17:00') },
      { id: 5, deadlineAt: china('2026-11-03', '11:00') },
    ];
    expect(byWorkingTimeLeft(items, NOW).map((item) => item.id)).toEqual([4, 3, 5, 1, 2]);
  });

  it('tells apart two deadlines passed overnight, when no working time has passed since either', () => {
    const evening = Date.parse(china('2026-11-03', '20:00'));
    const items = [{ id: 1, deadlineAt: china('2026-11-03', '19:00') }, { id: 2, deadlineAt: china('2026-11-03', '18:00') }];
    expect(byWorkingTimeLeft(items, evening).map((item) => [item.id, item.minutesLeft === 0 ? 0 : item.minutesLeft])).toEqual([[2, 0], [1, 0]]);
  });

  it('counts down in hours and minutes within a working day, in working days beyond', () => {
    expect(countdownParts(-125)).toEqual({ hours: 2, minutes: 5 });
    expect(countdownParts(59.9)).toEqual({ hours: 0, minutes: 59 });
    // A working day is 7.5 hours (08:30–12:00, 13:30–17:30).
    expect(countdownParts(449)).toEqual({ hours: 7, minutes: 29 });
    expect(countdownParts(-450 * 3 - 10)).toEqual({ days: 3 });
  });
});

describe('an inspector\'s re-inspections', () => {
  const items = [
    { id: 1, longitude: 120.16, latitude: 30.28 },
    { id: 2, longitude: 120.1505, latitude: 30.2805 },
    { id: 3, longitude: 120.15, latitude: 30.29 },
  ];
  it('are nearest first from where the inspector stands, with the distance', () => {
    const ordered = byDistanceFrom(items, { longitude: 120.15, latitude: 30.28 });
    expect(ordered.map((item) => item.id)).toEqual([2, 1, 3]);
    expect(ordered[0]!.distanceMetres).toBeGreaterThan(60);
    expect(ordered[0]!.distanceMetres).toBeLessThan(80);
  });
  it('keep their order when the position is not known', () => {
    expect(byDistanceFrom(items, null).map((item) => [item.id, item.distanceMetres])).toEqual([[1, null], [2, null], [3, null]]);
  });
});
