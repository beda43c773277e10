/**
 * How units are scored, graded, ranked and listed. Every number here is configurable by the
 * office without code (PUT /api/districts/<code>/settings/scoring); these are the defaults documented in
 * docs/metrics.md.
 */

export const PERFORMANCE_UNIT_KINDS = ['grid', 'leader', 'department', 'street'] as const;
export type PerformanceUnitKind = (typeof PERFORMANCE_UNIT_KINDS)[number];

/** The metrics the composite index is built from; each scores 0–100, higher is better. */
export const COMPOSITE_COMPONENTS = ['rectificationRate', 'onTimeRate', 'reworkRate', 'evaluationScoreRate'] as const;
export type CompositeComponent = (typeof COMPOSITE_COMPONENTS)[number];

/** Metrics a threshold-based list can be drawn on (percentages). */
export const LIST_METRICS = ['rectificationRate', 'onTimeRate', 'composite'] as const;
export type ListMetric = (typeof LIST_METRICS)[number];

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * The settings' shape is the API's (see ScoringSettings in server/schemas/performance.ts, whose
 * descriptions document each field). A component's value becomes a 0–100 score linearly from
 * the value scoring 0 to the value scoring 100, clamped outside (as 金华's "≥70% full marks,
 * minus 1 per point short"); for 返工率 the full-marks value is the lower one. The map colours a
 * grid by its grade on the composite, and on each other metric by the colour bands here.
 */
import type { ScoringSettings } from '../schemas/contract.ts';

export type { ScoringSettings };
export type ComponentScale = ScoringSettings['scales'][CompositeComponent];

/** The metrics besides the composite that colour the map, and whether more is better. */
export const BANDED_METRICS = { rectificationRate: 'higher', onTimeRate: 'higher', evaluationScoreRate: 'higher', overdueIssues: 'lower' } as const;
export type BandedMetric = keyof typeof BANDED_METRICS;

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  weights: { rectificationRate: 30, onTimeRate: 35, reworkRate: 15, evaluationScoreRate: 20 },
  scales: {
    rectificationRate: { zero: 70, full: 100 },
    onTimeRate: { zero: 40, full: 95 },
    reworkRate: { zero: 25, full: 0 },
    evaluationScoreRate: { zero: 50, full: 90 },
  },
  gradeThresholds: { A: 90, B: 75, C: 60, D: 40 },
  minimumSample: 10,
  lists: {
    mode: 'rank',
    rank: {
      red: { grid: 5, leader: 3, department: 5, street: 1 },
      black: { grid: 3, leader: 3, department: 3, street: 1 },
    },
    threshold: { metric: 'rectificationRate', red: 90, black: 85 },
  },
  escalation: { interview: 2, organizationInterview: 3, accountability: 4 },
  colourBands: {
    rectificationRate: [98, 95, 90, 85],
    onTimeRate: [90, 75, 60, 45],
    evaluationScoreRate: [85, 80, 75, 70],
    overdueIssues: [0, 1, 3, 5],
  },
  longOverdueWorkingDays: 5,
};

/**
 * Settings as stored by an earlier version, with what it did not know filled in from the
 * defaults (colour bands and the 日通报's overdue threshold were added after the first settings were recorded).
 */
export function withSettingsDefaults(stored: Omit<ScoringSettings, 'colourBands' | 'longOverdueWorkingDays'> & Partial<Pick<ScoringSettings, 'colourBands' | 'longOverdueWorkingDays'>>): ScoringSettings {
  return {
    ...stored,
    colourBands: stored.colourBands ?? DEFAULT_SCORING_SETTINGS.colourBands,
    longOverdueWorkingDays: stored.longOverdueWorkingDays ?? DEFAULT_SCORING_SETTINGS.longOverdueWorkingDays,
  };
}

/**
 * What is wrong with a settings object whose shape is already valid, one message per problem,
 * each naming the field. Empty when the settings can be stored.
 */
export function scoringSettingsProblems(settings: ScoringSettings): string[] {
  const problems: string[] = [];
  const weightSum = COMPOSITE_COMPONENTS.reduce((sum, component) => sum + settings.weights[component], 0);
  if (Math.abs(weightSum - 100) > 1e-9) problems.push(`weights: must sum to 100, they sum to ${weightSum}`);
  for (const component of COMPOSITE_COMPONENTS) {
    const { zero, full } = settings.scales[component];
    if (zero === full) problems.push(`scales.${component}: zero and full must differ, both are ${zero}`);
  }
  const { A, B, C, D } = settings.gradeThresholds;
  if (!(A > B && B > C && C > D)) problems.push(`gradeThresholds: must fall from A to D, got A ${A}, B ${B}, C ${C}, D ${D}`);
  const { red, black } = settings.lists.threshold;
  if (red <= black) problems.push(`lists.threshold: red (${red}) must be above black (${black})`);
  const { interview, organizationInterview, accountability } = settings.escalation;
  if (!(interview < organizationInterview && organizationInterview < accountability)) {
    problems.push(`escalation: periods must rise from interview to accountability, got ${interview}, ${organizationInterview}, ${accountability}`);
  }
  for (const [metric, direction] of Object.entries(BANDED_METRICS) as [BandedMetric, 'higher' | 'lower'][]) {
    const bounds = settings.colourBands[metric];
    const inOrder = bounds.every((bound, index) => index === 0 || (direction === 'higher' ? bound < bounds[index - 1]! : bound > bounds[index - 1]!));
    if (!inOrder) problems.push(`colourBands.${metric}: bounds must ${direction === 'higher' ? 'fall' : 'rise'} from the best band to the worst, got ${bounds.join(', ')}`);
  }
  return problems;
}
