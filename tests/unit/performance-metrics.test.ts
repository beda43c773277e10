import { describe, expect, it } from 'vitest';
import { compositeIndex, componentScore, gradeOf, scoreUnit } from '../../server/domain/composite-index.ts';
import {
  ContributionTotals, addCounters, emptyCounters, issueContributions, type PerformanceCounters,
} from '../../server/domain/performance-contributions.ts';
import { computeMetrics, type PerformanceMetrics } from '../../server/domain/performance-metrics.ts';
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from '../../server/domain/scoring-settings.ts';
import { deadlineFrom } from '../../server/domain/working-time.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_EVALUATIONS } from '../support/worked-example.ts';

const settings = DEFAULT_SCORING_SETTINGS;

function contributionsOf(label: string) {
  const { issue, events } = WORKED_EXAMPLE.find((entry) => entry.label.startsWith(label))!;
  return issueContributions(issue, events);
}

/** Sums one unit's contributions between two days. */
function countersFor(unitKind: 'grid' | 'department', unitId: number, firstDay: string, lastDay: string): PerformanceCounters {
  const totals = new ContributionTotals();
  for (const { issue, events } of WORKED_EXAMPLE) totals.add(issueContributions(issue, events));
  const counters = emptyCounters();
  for (const entry of totals.totals.values()) {
    if (entry.unitKind === unitKind && entry.unitId === unitId && entry.day >= firstDay && entry.day <= lastDay) addCounters(counters, entry.counters);
  }
  return counters;
}

describe('what one problem contributes', () => {
  it('puts a problem due across National Day on its deadline day, late, with working time skipping the holiday', () => {
    // The deadline itself: 2 working days from 16:00 on 30 September skip 1–7 October.
    expect(deadlineFrom(parseChinaDateTime('2026-09-30T16:00'), { amount: 2, unit: 'working_day' })).toBe(parseChinaDateTime('2026-10-09T16:00'));
    const grid = contributionsOf('P1').filter((entry) => entry.unitKind === 'grid');
    const due = grid.find((entry) => entry.counters.due === 1)!;
    expect(due.day).toBe('2026-10-09');
    expect(due.counters).toMatchObject({ closed: 1, closedOnTime: 0, extended: 0 });
    // 1.5 h on 30 Sep + 7.5 h on 8 Oct + 7.5 h on 9 Oct + 2 h on Saturday 10 Oct (a make-up working day).
    expect(due.counters.rectifyMinutes).toBe(18.5 * 60);
  });

  it('puts a problem closed before its deadline on its closing day, on time', () => {
    const due = contributionsOf('P2').find((entry) => entry.unitKind === 'grid' && entry.counters.due === 1)!;
    expect(due.day).toBe('2026-10-12');
    expect(due.counters).toMatchObject({ closed: 1, closedOnTime: 1, rectifyMinutes: 360 });
  });

  it('counts an extended problem as extended and never as on time', () => {
    const due = contributionsOf('P3').find((entry) => entry.unitKind === 'grid' && entry.counters.due === 1)!;
    expect(due.counters).toMatchObject({ closed: 1, closedOnTime: 0, extended: 1, rectifyMinutes: 5010 });
  });

  it('counts each submitted rectification and each failed re-inspection on its day, for grid and department', () => {
    const rework = contributionsOf('P4').filter((entry) => entry.counters.rectificationsSubmitted || entry.counters.failedInspections);
    expect(rework.map(({ unitKind, unitId, day, counters }) => [unitKind, unitId, day, counters])).toEqual([
      ['grid', 1, '2026-10-21', { rectificationsSubmitted: 1 }], ['department', 5, '2026-10-21', { rectificationsSubmitted: 1 }],
      ['grid', 1, '2026-10-21', { failedInspections: 1 }], ['department', 5, '2026-10-21', { failedInspections: 1 }],
      ['grid', 1, '2026-10-22', { rectificationsSubmitted: 1 }], ['department', 5, '2026-10-22', { rectificationsSubmitted: 1 }],
    ]);
  });

  it('credits rework to the department that held the problem then, not the one it was reassigned to', () => {
    const { issue } = WORKED_EXAMPLE[3]!;
    const events = [
      { occurredAt: parseChinaDateTime('2026-10-20T09:00'), action: 'dispatch' as const, dispatchedTo: 5 },
      { occurredAt: parseChinaDateTime('2026-10-21T10:00'), action: 'submit_rectification' as const, dispatchedTo: null },
      { occurredAt: parseChinaDateTime('2026-10-21T14:00'), action: 'fail_inspection' as const, dispatchedTo: null },
      { occurredAt: parseChinaDateTime('2026-10-21T16:00'), action: 'dispatch' as const, dispatchedTo: 9 },
      { occurredAt: parseChinaDateTime('2026-10-22T11:00'), action: 'submit_rectification' as const, dispatchedTo: null },
    ];
    const departments = issueContributions({ ...issue, departmentId: 9 }, events)
      .filter((entry) => entry.unitKind === 'department' && (entry.counters.failedInspections || entry.counters.rectificationsSubmitted));
    expect(departments.map((entry) => [entry.unitId, entry.counters])).toEqual([
      [5, { rectificationsSubmitted: 1 }], [5, { failedInspections: 1 }], [9, { rectificationsSubmitted: 1 }],
    ]);
  });

  it('counts an open problem past its deadline as due and not closed', () => {
    const due = contributionsOf('P5').find((entry) => entry.unitKind === 'grid' && entry.counters.due === 1)!;
    expect(due.day).toBe('2026-10-27');
    expect(due.counters).toMatchObject({ closed: 0, closedOnTime: 0, rectifyMinutes: 0 });
  });

  it('gives a voided problem no contribution at all', () => {
    expect(contributionsOf('P6')).toEqual([]);
  });

  it('counts a recurrence as new and as 反弹 on its report day, for the grid only while undispatched', () => {
    expect(contributionsOf('P7')).toEqual([{ unitKind: 'grid', unitId: 1, day: '2026-10-25', counters: { newIssues: 1, recurrences: 1 } }]);
  });
});

describe('the worked example of docs/metrics.md', () => {
  const counters = countersFor('grid', 1, '2026-10-01', '2026-10-31');
  const evaluationScoreSum = WORKED_EXAMPLE_EVALUATIONS.reduce((sum, rate) => sum + rate, 0);
  const metrics = computeMetrics(counters, { openIssues: 2, overdueOpen: 1, evaluationScoreSum, evaluations: WORKED_EXAMPLE_EVALUATIONS.length });

  it('sums the grid\'s October counters', () => {
    expect(counters).toEqual({
      due: 5, closed: 4, closedOnTime: 1, extended: 1, rectifyMinutes: 1110 + 360 + 5010 + 1170,
      newIssues: 5, recurrences: 1, rectificationsSubmitted: 5, failedInspections: 1,
    });
  });

  it('computes every metric', () => {
    expect(metrics).toEqual<PerformanceMetrics>({
      due: 5, closed: 4, rectificationRate: 80, onTimeRate: 25, closedOnTime: 1, extended: 1,
      reworkRate: 20, failedInspections: 1, rectificationsSubmitted: 5, overdueOpen: 1, meanRectifyHours: 31.88,
      evaluationScoreRate: 75, evaluations: 2, recurrences: 1, newIssues: 5, openIssues: 2,
    });
  });

  it('scores 25.5, an E, but shows 样本不足 because 5 problems are under the minimum sample of 10', () => {
    expect(compositeIndex(metrics, settings)).toBe(25.5);
    expect(gradeOf(25.5, settings)).toBe('E');
    expect(scoreUnit(metrics, settings)).toEqual({ composite: 25.5, grade: null, sampleSize: 5, sampleSufficient: false });
    expect(scoreUnit(metrics, { ...settings, minimumSample: 5 }).grade).toBe('E');
  });

  it('leaves September\'s counters out of October', () => {
    expect(countersFor('grid', 1, '2026-09-01', '2026-09-30')).toMatchObject({ due: 0, newIssues: 1 });
  });
});

describe('composite index', () => {
  const metrics = (overrides: Partial<PerformanceMetrics>): PerformanceMetrics => ({
    ...computeMetrics(emptyCounters(), { openIssues: 0, overdueOpen: 0, evaluationScoreSum: 0, evaluations: 0 }),
    due: 40, rectificationRate: 94, onTimeRate: 73, reworkRate: 5, evaluationScoreRate: 80, ...overrides,
  });

  it('scores each component linearly between its zero and full-marks values, clamped', () => {
    expect(componentScore(94, { zero: 70, full: 100 })).toBeCloseTo(80);
    expect(componentScore(5, { zero: 25, full: 0 })).toBeCloseTo(80);
    expect(componentScore(30, { zero: 40, full: 95 })).toBe(0);
    expect(componentScore(100, { zero: 40, full: 95 })).toBe(100);
    expect(componentScore(null, { zero: 40, full: 95 })).toBeNull();
  });

  it('weighs the component scores: 30 × 80 + 35 × 60 + 15 × 80 + 20 × 75 = 72.0, a C', () => {
    expect(compositeIndex(metrics({}), settings)).toBe(72);
    expect(scoreUnit(metrics({}), settings)).toEqual({ composite: 72, grade: 'C', sampleSize: 40, sampleSufficient: true });
  });

  it('gives a missing component\'s weight to the others: (2400 + 2100 + 1200) ÷ 80 = 71.25 → 71.3', () => {
    expect(compositeIndex(metrics({ evaluationScoreRate: null }), settings)).toBe(71.3);
  });

  it('has no composite when nothing could be measured', () => {
    const nothing = metrics({ rectificationRate: null, onTimeRate: null, reworkRate: null, evaluationScoreRate: null });
    expect(compositeIndex(nothing, settings)).toBeNull();
    expect(scoreUnit(nothing, settings).grade).toBeNull();
  });

  it('grades at the thresholds: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below', () => {
    expect([90, 89.9, 75, 60, 59.9, 40, 39.9, 0].map((composite) => gradeOf(composite, settings))).toEqual(['A', 'B', 'B', 'C', 'D', 'D', 'E', 'E']);
  });

  it('follows changed weights', () => {
    const onlyRectification: ScoringSettings = { ...settings, weights: { rectificationRate: 100, onTimeRate: 0, reworkRate: 0, evaluationScoreRate: 0 } };
    expect(compositeIndex(metrics({}), onlyRectification)).toBe(80);
  });
});
