import { describe, expect, it } from 'vitest';
import { resolveBulletinPeriod, sameDaysAs } from '../../server/bulletins/bulletin-period.ts';
import { pointsChange, rankMove } from '../../server/bulletins/period-bulletin.ts';

describe('the days a 周通报 or 月通报 covers', () => {
  it('is the last whole week, Monday to Sunday, against the week before, when no day is given', () => {
    // 2026-11-20 is a Friday.
    expect(resolveBulletinPeriod('weekly', {}, '2026-11-20')).toEqual({
      firstDay: '2026-11-09', lastDay: '2026-11-15', previousFirstDay: '2026-11-02', previousLastDay: '2026-11-08', names: { current: '本周', previous: '上周' },
    });
    // On a Sunday the week just ending is still to come; the last whole one is the week before.
    expect(resolveBulletinPeriod('weekly', {}, '2026-11-22').firstDay).toBe('2026-11-09');
    expect(resolveBulletinPeriod('weekly', { date: '2026-11-22' }, '2026-11-22').lastDay).toBe('2026-11-22');
  });

  it('is the whole month a day falls in, against the calendar month before (of another length), across a year', () => {
    expect(resolveBulletinPeriod('monthly', { date: '2026-03-15' }, '2026-11-20')).toMatchObject({
      firstDay: '2026-03-01', lastDay: '2026-03-31', previousFirstDay: '2026-02-01', previousLastDay: '2026-02-28',
    });
    expect(resolveBulletinPeriod('monthly', {}, '2027-01-05')).toMatchObject({ firstDay: '2026-12-01', lastDay: '2026-12-31', previousFirstDay: '2026-11-01' });
  });

  it('is chosen days against as many days before them', () => {
    expect(resolveBulletinPeriod('weekly', { from: '2026-11-10', to: '2026-11-19' }, '2026-11-20')).toEqual({
      firstDay: '2026-11-10', lastDay: '2026-11-19', previousFirstDay: '2026-10-31', previousLastDay: '2026-11-09', names: { current: '本期', previous: '上期' },
    });
  });

  it('refuses a period not yet over, days out of order, half a range, both kinds at once, and what is not a date, naming the parameter', () => {
    const refusal = (request: Parameters<typeof resolveBulletinPeriod>[1], series: 'weekly' | 'monthly' = 'weekly') => {
      try {
        resolveBulletinPeriod(series, request, '2026-11-20');
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(refusal({ date: '2026-11-18' })).toMatch(/^date: .*has not ended/);
    expect(refusal({ date: '2026-11-01' }, 'monthly')).toMatch(/^date: /);
    expect(refusal({ from: '2026-11-10', to: '2026-11-09' })).toMatch(/^to: .*comes before/);
    expect(refusal({ from: '2026-11-10' })).toMatch(/^to: /);
    expect(refusal({ date: '2026-11-02', from: '2026-11-01', to: '2026-11-02' })).toMatch(/^date: /);
    expect(refusal({ date: '2026-02-30' })).toMatch(/^date: '2026-02-30' is not a date/);
    expect(refusal({ from: '2020-01-01', to: '2026-11-01' })).toMatch(/^from: .*at most/);
    expect(refusal({ from: '2026-11-01', to: '2026-11-20' })).toBeNull();
  });
});

describe('a correction\'s days', () => {
  it('are the corrected bulletin\'s: its day, its week or month, or its chosen days, which resolve to the same period again', () => {
    expect(sameDaysAs('daily', '2026-11-01', '2026-11-19')).toEqual({ date: '2026-11-19' });
    expect(sameDaysAs('weekly', '2026-11-09', '2026-11-15')).toEqual({ date: '2026-11-09' });
    expect(sameDaysAs('monthly', '2026-02-01', '2026-02-28')).toEqual({ date: '2026-02-01' });
    expect(sameDaysAs('weekly', '2026-11-10', '2026-11-19')).toEqual({ from: '2026-11-10', to: '2026-11-19' });
    expect(sameDaysAs('monthly', '2026-02-01', '2026-02-27')).toEqual({ from: '2026-02-01', to: '2026-02-27' });
    for (const [series, firstDay, lastDay] of [['weekly', '2026-11-09', '2026-11-15'], ['monthly', '2026-10-01', '2026-10-31'], ['weekly', '2026-11-10', '2026-11-19']] as const) {
      expect(resolveBulletinPeriod(series, sameDaysAs(series, firstDay, lastDay), '2026-11-20')).toMatchObject({ firstDay, lastDay });
    }
  });
});

describe('a 周通报\'s comparisons', () => {
  it('changes rates by the points between them as printed, each rounded first', () => {
    expect(pointsChange(98.55, 98.44)).toBe(0.2);
    expect(pointsChange(61, 64.1)).toBe(-3.1);
    expect(pointsChange(null, 64.1)).toBeNull();
  });

  it('moves a unit up or down by the places between its ranks, and says nothing when it was unranked in either', () => {
    expect([rankMove({ rank: 3, previousRank: 7 }), rankMove({ rank: 7, previousRank: 3 }), rankMove({ rank: 5, previousRank: 5 })]).toEqual(['↑4', '↓4', '持平']);
    expect([rankMove({ rank: null, previousRank: 2 }), rankMove({ rank: 2, previousRank: null })]).toEqual(['—', '—']);
  });
});
