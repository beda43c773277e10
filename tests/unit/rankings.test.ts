import { describe, expect, it } from 'vitest';
import { rankUnits } from '../../server/domain/rankings.ts';
import { consecutivePeriods, escalationFor, redBlackLists, type ListCandidate } from '../../server/domain/red-black-lists.ts';
import { DEFAULT_SCORING_SETTINGS, scoringSettingsProblems, type ScoringSettings } from '../../server/domain/scoring-settings.ts';
import { bucketsBetween, previousWindow } from '../../server/domain/time-buckets.ts';

const settings = DEFAULT_SCORING_SETTINGS;

describe('rankings', () => {
  it('share a rank between ties and skip the next ("1224"), stating how many share it', () => {
    const places = rankUnits([
      { key: 'a', composite: 80, sampleSufficient: true },
      { key: 'b', composite: 75, sampleSufficient: true },
      { key: 'c', composite: 75, sampleSufficient: true },
      { key: 'd', composite: 70, sampleSufficient: true },
    ]);
    expect([...places]).toEqual([
      ['a', { rank: 1, tiedWith: 0 }], ['b', { rank: 2, tiedWith: 1 }], ['c', { rank: 2, tiedWith: 1 }], ['d', { rank: 4, tiedWith: 0 }],
    ]);
  });

  it('never rank a unit under the minimum sample, however well it scores', () => {
    const places = rankUnits([
      { key: 'fixed-one-report', composite: 100, sampleSufficient: false },
      { key: 'busy', composite: 70, sampleSufficient: true },
      { key: 'unmeasured', composite: null, sampleSufficient: true },
    ]);
    expect(places.get('fixed-one-report')).toEqual({ rank: null, tiedWith: 0 });
    expect(places.get('busy')).toEqual({ rank: 1, tiedWith: 0 });
    expect(places.get('unmeasured')).toEqual({ rank: null, tiedWith: 0 });
  });
});

const candidate = (key: string, rank: number | null, rectificationRate: number | null, sampleSufficient = true): ListCandidate => ({
  key, rank, sampleSufficient, values: { rectificationRate, onTimeRate: null, composite: null },
});

describe('红黑榜 in rank mode', () => {
  const rankMode = (red: number, black: number): ScoringSettings => ({
    ...settings, lists: { ...settings.lists, mode: 'rank', rank: { red: { ...settings.lists.rank.red, grid: red }, black: { ...settings.lists.rank.black, grid: black } } },
  });

  it('puts the top N on the 红榜 and the bottom N on the 黑榜, worst first', () => {
    const units = [1, 2, 3, 4, 5, 6].map((rank) => candidate(`g${rank}`, rank, null));
    expect(redBlackLists(units, 'grid', rankMode(2, 2))).toEqual({ red: ['g1', 'g2'], black: ['g6', 'g5'] });
  });

  it('takes in every unit tied with the last place', () => {
    const units = [candidate('a', 1, null), candidate('b', 2, null), candidate('c', 2, null), candidate('d', 4, null), candidate('e', 5, null), candidate('f', 5, null)];
    expect(redBlackLists(units, 'grid', rankMode(2, 1))).toEqual({ red: ['a', 'b', 'c'], black: ['f', 'e'] });
  });

  it('leaves out unranked units and never lets the lists overlap', () => {
    const units = [candidate('a', 1, null), candidate('b', 2, null), candidate('c', 3, null), candidate('small', null, null, false)];
    expect(redBlackLists(units, 'grid', rankMode(2, 3))).toEqual({ red: ['a', 'b'], black: ['c'] });
  });
});

describe('红黑榜 in threshold mode', () => {
  const thresholdMode: ScoringSettings = { ...settings, lists: { ...settings.lists, mode: 'threshold', threshold: { metric: 'rectificationRate', red: 90, black: 85 } } };

  it('lists 整改率 ≥ 90% red and < 85% black, leaving the middle and the small samples off', () => {
    const units = [
      candidate('excellent', 1, 95), candidate('just-red', 2, 90), candidate('middle', 3, 88),
      candidate('just-black', 4, 84.99), candidate('poor', 5, 60), candidate('tiny', null, 10, false), candidate('none', 6, null),
    ];
    expect(redBlackLists(units, 'grid', thresholdMode)).toEqual({ red: ['excellent', 'just-red'], black: ['poor', 'just-black'] });
  });
});

describe('escalation for repeated 黑榜', () => {
  it('counts the consecutive periods from the newest back', () => {
    const lists = [['a', 'b'], ['a'], ['a', 'c'], ['b']];
    expect(consecutivePeriods(lists, 'a')).toBe(3);
    expect(consecutivePeriods(lists, 'b')).toBe(1);
    expect(consecutivePeriods(lists, 'c')).toBe(0);
  });

  it('climbs 约谈 → 组织部约谈 → 问责 at 2, 3 and 4 periods by default', () => {
    expect([1, 2, 3, 4, 9].map((periods) => escalationFor(periods, settings))).toEqual([null, 'interview', 'organization_interview', 'accountability', 'accountability']);
  });
});

describe('scoring settings validation', () => {
  it('accepts the defaults', () => {
    expect(scoringSettingsProblems(settings)).toEqual([]);
  });

  it('names every problem', () => {
    const broken: ScoringSettings = {
      ...settings,
      weights: { rectificationRate: 30, onTimeRate: 30, reworkRate: 15, evaluationScoreRate: 20 },
      scales: { ...settings.scales, onTimeRate: { zero: 60, full: 60 } },
      gradeThresholds: { A: 90, B: 75, C: 80, D: 40 },
      lists: { ...settings.lists, threshold: { metric: 'rectificationRate', red: 80, black: 85 } },
      escalation: { interview: 3, organizationInterview: 3, accountability: 4 },
    };
    expect(scoringSettingsProblems(broken)).toEqual([
      'weights: must sum to 100, they sum to 95',
      'scales.onTimeRate: zero and full must differ, both are 60',
      'gradeThresholds: must fall from A to D, got A 90, B 75, C 80, D 40',
      'lists.threshold: red (80) must be above black (85)',
      'escalation: periods must rise from interview to accountability, got 3, 3, 4',
    ]);
  });
});

describe('trend buckets', () => {
  it('step back by the window\'s own length for earlier periods', () => {
    expect(previousWindow({ from: 100, to: 130 })).toEqual({ from: 70, to: 100 });
  });

  it('cut months and Monday-started weeks, clipped to the window', () => {
    expect(bucketsBetween('2026-09-15', '2026-11-10', 'month')).toEqual([
      { start: '2026-09-15', end: '2026-09-30' }, { start: '2026-10-01', end: '2026-10-31' }, { start: '2026-11-01', end: '2026-11-10' },
    ]);
    expect(bucketsBetween('2026-10-07', '2026-10-20', 'week')).toEqual([
      { start: '2026-10-07', end: '2026-10-11' }, { start: '2026-10-12', end: '2026-10-18' }, { start: '2026-10-19', end: '2026-10-20' },
    ]);
    expect(bucketsBetween('2026-10-30', '2026-11-01', 'day').map((bucket) => bucket.start)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01']);
  });
});
