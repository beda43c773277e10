import { describe, expect, it } from 'vitest';
import type { CityDistrict } from '../../../server/schemas/contract.ts';
import { cityTotals } from '../../../client/city-totals.ts';

const district = (code: string, counts: Partial<CityDistrict['performance']>): CityDistrict => ({
  district: { code, name: code },
  performance: {
    unit: { kind: 'district', id: 0, key: 'district', name: '全区' }, due: 0, closed: 0, rectificationRate: null, onTimeRate: null, closedOnTime: 0,
    extended: 0, reworkRate: null, failedInspections: 0, rectificationsSubmitted: 0, meanRectifyHours: null, evaluationScoreRate: null,
    evaluations: 0, recurrences: 0, newIssues: 0, overdueOpen: 0, openIssues: 0, composite: null, grade: null, sampleSize: 0,
    sampleSufficient: false, rank: null, tiedWith: 0, ...counts,
  },
});

describe('the city view\'s 全市 row', () => {
  it('takes the rates over all the districts\' problems together, not as an average of their rates', () => {
    const totals = cityTotals([
      district('a', { due: 100, closed: 90, closedOnTime: 40, extended: 20, openIssues: 12, overdueOpen: 3, newIssues: 80 }),
      district('b', { due: 10, closed: 5, closedOnTime: 5, extended: 0, openIssues: 7, overdueOpen: 4, newIssues: 9 }),
    ]);
    // (90 + 5) ÷ (100 + 10), and (40 + 5) ÷ (110 − 20); the mean of 90% and 50% would say 70%.
    expect(totals).toEqual({ rectificationRate: 86.36, onTimeRate: 50, openIssues: 19, overdueOpen: 7, newIssues: 89 });
  });

  it('has no rate where nothing fell due', () => {
    expect(cityTotals([district('a', { openIssues: 2 })])).toEqual({ rectificationRate: null, onTimeRate: null, openIssues: 2, overdueOpen: 0, newIssues: 0 });
  });
});
