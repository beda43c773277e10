import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, chinaDay, chinaMidnight, chinaYear, daysBetween, firstOfMonth, formatChinaDateTime, formatChinaMinute,
  formatChinaShortDateTime, formatChinaTime, mondayOf, parseChinaDateTime, parseChinaDay, startOfChinaDay, toChinaDateTimeInput, weekdayOf,
} from '../../server/domain/china-time.ts';

describe('China time', () => {
  it('puts an instant on the China calendar, eight hours ahead of UTC', () => {
    expect(chinaDay(Date.parse('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20');
    expect(chinaDay(Date.parse('2026-11-20T16:00:00Z'))).toBe('2026-11-21');
    expect(chinaMidnight(Date.parse('2026-11-21T03:00:00Z'))).toBe(Date.parse('2026-11-20T16:00:00Z'));
    expect(chinaYear(Date.parse('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('reads dates and wall-clock times, refusing ones that do not exist', () => {
    expect(parseChinaDay('2026-10-01')).toBe(Date.parse('2026-10-01T00:00:00+08:00'));
    expect(parseChinaDay('2026-02-30')).toBeNull();
    expect(parseChinaDay('2026-13-01')).toBeNull();
    expect(parseChinaDay('20261001')).toBeNull();
    expect(() => startOfChinaDay('2026-02-29')).toThrow(RangeError);
    expect(parseChinaDateTime('2026-10-09T17:00')).toBe(Date.parse('2026-10-09T17:00:00+08:00'));
    expect(parseChinaDateTime('2026-10-09T17:00:30')).toBe(Date.parse('2026-10-09T17:00:30+08:00'));
    expect(() => parseChinaDateTime('2026-10-09T24:00')).toThrow(RangeError);
    expect(() => parseChinaDateTime('2026-10-09 17:00')).toThrow(RangeError);
  });

  it('counts calendar days, Monday-started weeks and months', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
    expect(weekdayOf('2026-11-23')).toBe(0);
    expect(weekdayOf('2026-11-22')).toBe(6);
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(firstOfMonth('2026-11-20')).toBe('2026-11-01');
    expect(addMonths('2026-11-20', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('shows instants as the office reads them, whatever zone the machine is in', () => {
    const instant = '2026-11-20T07:05:09.000Z';
    expect(formatChinaDateTime(instant)).toBe('2026-11-20 15:05');
    expect(formatChinaShortDateTime(Date.parse(instant))).toBe('11-20 15:05');
    expect(formatChinaTime(instant)).toBe('15:05:09');
    expect(formatChinaMinute(instant)).toBe('15:05');
    expect(toChinaDateTimeInput(instant)).toBe('2026-11-20T15:05');
  });
});
