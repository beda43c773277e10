import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, deadlineFrom, isWorkingDate, workingMinutesBetween, workingMinutesPerDay, DEFAULT_WORKING_SCHEDULE } from '../../server/domain/working-time.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';

const iso = (instant: number) => new Date(instant).toISOString();

describe('working calendar', () => {
  it('knows national holidays and make-up working days', () => {
    expect(isWorkingDate('2026-10-01')).toBe(false); // National Day
    expect(isWorkingDate('2026-10-07')).toBe(false);
    expect(isWorkingDate('2026-10-08')).toBe(true);
    expect(isWorkingDate('2026-10-10')).toBe(true); // a make-up Saturday
    expect(isWorkingDate('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorkingDate('2026-10-12')).toBe(true);
  });

  it('has 7.5 working hours a day by default (08:30–12:00, 13:30–17:30)', () => {
    expect(workingMinutesPerDay(DEFAULT_WORKING_SCHEDULE)).toBe(450);
  });
});

describe('deadlines', () => {
  it('counts working hours within the day and across lunch', () => {
    expect(iso(deadlineFrom(parseChinaDateTime('2026-11-18T10:00'), { amount: 4, unit: 'working_hour' }))).toBe(iso(parseChinaDateTime('2026-11-18T15:30')));
  });

  it('carries working hours over a weekend', () => {
    // Friday 16:30 + 4 working hours: 1 h on Friday, then 3 h from Monday 08:30.
    expect(iso(deadlineFrom(parseChinaDateTime('2026-11-20T16:30'), { amount: 4, unit: 'working_hour' }))).toBe(iso(parseChinaDateTime('2026-11-23T11:30')));
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Dispatched Wednesday 30 Sep 10:00; 1–7 Oct are holidays; Thu 8, Fri 9 and Sat 10 Oct are working days.
    const dispatched = parseChinaDateTime('2026-09-30T10:00');
    expect(iso(deadlineFrom(dispatched, { amount: 1, unit: 'working_day' }))).toBe(iso(parseChinaDateTime('2026-10-08T10:00')));
    expect(iso(deadlineFrom(dispatched, { amount: 3, unit: 'working_day' }))).toBe(iso(parseChinaDateTime('2026-10-10T10:00')));
    expect(iso(deadlineFrom(dispatched, { amount: 4, unit: 'working_day' }))).toBe(iso(parseChinaDateTime('2026-10-12T10:00')));
  });

  it('starts the clock at the next working period when reported out of hours', () => {
    // Saturday 21 Nov: the clock starts Monday 08:30; a full working day ends Monday 17:30.
    expect(iso(deadlineFrom(parseChinaDateTime('2026-11-21T09:00'), { amount: 1, unit: 'working_day' }))).toBe(iso(parseChinaDateTime('2026-11-23T17:30')));
  });

  it('runs plain hours around the clock for urgent cases', () => {
    expect(iso(deadlineFrom(parseChinaDateTime('2026-10-01T22:00'), { amount: 2, unit: 'hour' }))).toBe(iso(parseChinaDateTime('2026-10-02T00:00')));
  });

  it('ends at the close of a period rather than the next morning', () => {
    expect(iso(addWorkingMinutes(parseChinaDateTime('2026-11-18T17:00'), 30))).toBe(iso(parseChinaDateTime('2026-11-18T17:30')));
  });

  it('refuses to add negative time', () => {
    expect(() => addWorkingMinutes(parseChinaDateTime('2026-11-18T10:00'), -1)).toThrow(RangeError);
  });
});

describe('working time between instants', () => {
  it('counts only working periods on working days', () => {
    expect(workingMinutesBetween(parseChinaDateTime('2026-11-20T16:30'), parseChinaDateTime('2026-11-23T11:30'))).toBe(240);
    expect(workingMinutesBetween(parseChinaDateTime('2026-09-30T10:00'), parseChinaDateTime('2026-10-10T10:00'))).toBe(360 + 450 + 450 + 90);
  });

  it('is the inverse of adding working time', () => {
    const start = parseChinaDateTime('2026-09-28T09:15');
    for (const minutes of [1, 95, 450, 1000, 4321]) {
      expect(workingMinutesBetween(start, addWorkingMinutes(start, minutes))).toBeCloseTo(minutes, 6);
    }
  });

  it('is zero for an empty or reversed span', () => {
    expect(workingMinutesBetween(parseChinaDateTime('2026-11-18T10:00'), parseChinaDateTime('2026-11-18T10:00'))).toBe(0);
    expect(workingMinutesBetween(parseChinaDateTime('2026-11-18T11:00'), parseChinaDateTime('2026-11-18T10:00'))).toBe(0);
  });
});
