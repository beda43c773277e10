import { describe, expect, it } from 'vitest';
import { resolvePerformanceWindow } from '../../server/domain/performance-window.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';

// A Friday afternoon; 00:30 on the Monday after is still Sunday in UTC.
const now = parseChinaDateTime('2026-11-20T15:00');
const days = (window: { firstDay: string; lastDay: string }) => [window.firstDay, window.lastDay];

describe('performance windows', () => {
  it('default to the 30 full days before today', () => {
    expect(days(resolvePerformanceWindow({}, now))).toEqual(['2026-10-21', '2026-11-19']);
  });

  it('take whole days and stop at today', () => {
    expect(days(resolvePerformanceWindow({ from: '2026-10-01', to: '2026-12-01' }, now))).toEqual(['2026-10-01', '2026-11-20']);
    expect(days(resolvePerformanceWindow({ from: '2026-11-01' }, now))).toEqual(['2026-11-01', '2026-11-20']);
    expect(days(resolvePerformanceWindow({ from: '2026-11-01T09:30:00+08:00' }, now))).toEqual(['2026-11-01', '2026-11-20']);
  });

  it('refuse a window that starts after today, naming from', () => {
    expect(() => resolvePerformanceWindow({ from: '2026-12-01' }, now)).toThrow(/^from: 2026-12-01 is after today/);
  });

  it('count N full days back from the server\'s today, in China time', () => {
    expect(days(resolvePerformanceWindow({ days: 7 }, now))).toEqual(['2026-11-13', '2026-11-19']);
    expect(days(resolvePerformanceWindow({ days: 365 }, now))).toEqual(['2025-11-20', '2026-11-19']);
    // 01:00 on 21 November in China is still 20 November in UTC.
    expect(days(resolvePerformanceWindow({ days: 1 }, parseChinaDateTime('2026-11-21T01:00')))).toEqual(['2026-11-20', '2026-11-20']);
  });

  it('move days back by offsetDays, for the figure as it stood yesterday', () => {
    expect(days(resolvePerformanceWindow({ days: 30, offsetDays: 1 }, now))).toEqual(['2026-10-20', '2026-11-18']);
  });

  it('give the latest full Monday–Sunday week, also on a Monday just after midnight and on a Sunday', () => {
    expect(days(resolvePerformanceWindow({ period: 'last-week' }, now))).toEqual(['2026-11-09', '2026-11-15']);
    expect(days(resolvePerformanceWindow({ period: 'last-week' }, parseChinaDateTime('2026-11-23T00:30')))).toEqual(['2026-11-16', '2026-11-22']);
    expect(days(resolvePerformanceWindow({ period: 'last-week' }, parseChinaDateTime('2026-11-22T23:30')))).toEqual(['2026-11-09', '2026-11-15']);
    expect(days(resolvePerformanceWindow({ period: 'last-week', offsetDays: 7 }, now))).toEqual(['2026-11-02', '2026-11-08']);
  });

  it('give the latest full calendar month, across a year\'s end', () => {
    expect(days(resolvePerformanceWindow({ period: 'last-month' }, now))).toEqual(['2026-10-01', '2026-10-31']);
    expect(days(resolvePerformanceWindow({ period: 'last-month' }, parseChinaDateTime('2027-01-01T00:10')))).toEqual(['2026-12-01', '2026-12-31']);
    expect(days(resolvePerformanceWindow({ period: 'last-month' }, parseChinaDateTime('2028-03-15T12:00')))).toEqual(['2028-02-01', '2028-02-29']);
  });

  it('refuse relative days mixed with dates, or an offset with nothing to move, naming the parameter', () => {
    expect(() => resolvePerformanceWindow({ days: 7, from: '2026-10-01' }, now)).toThrow(/^from: cannot be combined with days/);
    expect(() => resolvePerformanceWindow({ period: 'last-week', to: '2026-10-01' }, now)).toThrow(/^to: cannot be combined with period/);
    expect(() => resolvePerformanceWindow({ days: 7, period: 'last-week' }, now)).toThrow(/^period: cannot be combined with days/);
    expect(() => resolvePerformanceWindow({ offsetDays: 1 }, now)).toThrow(/^offsetDays: /);
  });
});
