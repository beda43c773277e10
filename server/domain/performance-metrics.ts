import type { PerformanceCounters } from './performance-contributions.ts';

/**
 * The bulletin metrics of one unit over one window (formulas in docs/metrics.md). Rates are
 * percentages rounded to two decimals, or null when their denominator is zero.
 */
export interface PerformanceMetrics {
  /** 应整改数: problems due in the window. */
  due: number;
  /** 已销号数: of those, closed. */
  closed: number;
  /** 整改率 = closed ÷ due. */
  rectificationRate: number | null;
  /** 按期整改率 = closed on time ÷ (due − extended). */
  onTimeRate: number | null;
  closedOnTime: number;
  extended: number;
  /** 返工率 = failed re-inspections ÷ rectifications submitted in the window. */
  reworkRate: number | null;
  failedInspections: number;
  rectificationsSubmitted: number;
  /** 超期未整改数: open and past the deadline now, whatever the window. */
  overdueOpen: number;
  /** 平均整改时长: mean working hours from dispatch to closing over the closed problems. */
  meanRectifyHours: number | null;
  /** 测评得分率: mean 得分率 of the unit's inspection points evaluated in the window. */
  evaluationScoreRate: number | null;
  evaluations: number;
  /** 反弹数: problems reported in the window that recur after a closing. */
  recurrences: number;
  /** Problems reported in the window. */
  newIssues: number;
  /** Problems open now. */
  openIssues: number;
}

/** Facts that are not daily counters: the present state of the unit and its field evaluations. */
export interface UnitSnapshot {
  openIssues: number;
  overdueOpen: number;
  evaluationScoreSum: number;
  evaluations: number;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function percentage(numerator: number, denominator: number): number | null {
  return denominator > 0 ? roundTo((100 * numerator) / denominator, 2) : null;
}

export function computeMetrics(counters: PerformanceCounters, snapshot: UnitSnapshot): PerformanceMetrics {
  return {
    due: counters.due,
    closed: counters.closed,
    rectificationRate: percentage(counters.closed, counters.due),
    onTimeRate: percentage(counters.closedOnTime, counters.due - counters.extended),
    closedOnTime: counters.closedOnTime,
    extended: counters.extended,
    reworkRate: percentage(counters.failedInspections, counters.rectificationsSubmitted),
    failedInspections: counters.failedInspections,
    rectificationsSubmitted: counters.rectificationsSubmitted,
    overdueOpen: snapshot.overdueOpen,
    meanRectifyHours: counters.closed > 0 ? roundTo(counters.rectifyMinutes / counters.closed / 60, 2) : null,
    evaluationScoreRate: snapshot.evaluations > 0 ? roundTo(snapshot.evaluationScoreSum / snapshot.evaluations, 2) : null,
    evaluations: snapshot.evaluations,
    recurrences: counters.recurrences,
    newIssues: counters.newIssues,
    openIssues: snapshot.openIssues,
  };
}
