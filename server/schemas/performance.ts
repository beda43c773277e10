import { Type } from 'typebox';
import { COMPOSITE_COMPONENTS, GRADES, LIST_METRICS, PERFORMANCE_UNIT_KINDS } from '../domain/scoring-settings.ts';
import { Instant, PerformanceWindowQuery, WindowDays } from './common.ts';

const Rate = (description: string) => Type.Union([Type.Number({ description: `${description}, percent` }), Type.Null()]);

export const UnitKind = Type.Enum(PERFORMANCE_UNIT_KINDS);
export const UnitKindOrDistrict = Type.Enum([...PERFORMANCE_UNIT_KINDS, 'district']);
export const Grade = Type.Union([Type.Enum(GRADES), Type.Null()], { description: 'null when the sample is too small (样本不足)' });

export const Unit = Type.Object({
  kind: UnitKindOrDistrict,
  id: Type.Integer(),
  key: Type.String({ description: 'grid or street code; leader or department id' }),
  name: Type.String(),
});

const metricProperties = {
  due: Type.Integer({ description: '应整改数: problems due in the window' }),
  closed: Type.Integer({ description: '已销号数' }),
  rectificationRate: Rate('整改率 = closed ÷ due'),
  onTimeRate: Rate('按期整改率 = closed with the rectification submitted by the deadline ÷ (due − extended)'),
  closedOnTime: Type.Integer(),
  extended: Type.Integer({ description: '缓办: due problems with an approved extension' }),
  reworkRate: Rate('返工率 = failed re-inspections ÷ rectifications submitted'),
  failedInspections: Type.Integer(),
  rectificationsSubmitted: Type.Integer(),
  meanRectifyHours: Type.Union([Type.Number(), Type.Null()], { description: '平均整改时长 in working hours, dispatch to closing' }),
  evaluationScoreRate: Rate('测评得分率: mean score rate of field evaluations in the window'),
  evaluations: Type.Integer(),
  recurrences: Type.Integer({ description: '反弹数' }),
  newIssues: Type.Integer({ description: 'problems reported in the window' }),
};

const scoreProperties = {
  composite: Type.Union([Type.Number(), Type.Null()], { description: 'composite index 0–100' }),
  grade: Grade,
  sampleSize: Type.Integer({ description: 'problems due in the window' }),
  sampleSufficient: Type.Boolean(),
};

export const PerformanceRow = Type.Object({
  unit: Unit,
  ...metricProperties,
  overdueOpen: Type.Integer({ description: '超期未整改数: open and past the deadline now' }),
  openIssues: Type.Integer(),
  ...scoreProperties,
  rank: Type.Union([Type.Integer(), Type.Null()], { description: 'null when not ranked' }),
  tiedWith: Type.Integer({ description: 'how many other units share this rank' }),
});


export const PerformanceList = Type.Object({ window: WindowDays, rows: Type.Array(PerformanceRow) });

export const PerformanceQuery = Type.Object({ unit: UnitKindOrDistrict, ...PerformanceWindowQuery });

export const TrendQuery = Type.Object({
  unit: UnitKindOrDistrict,
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'the unit key; omitted for the district' })),
  interval: Type.Enum(['day', 'week', 'month'], { default: 'month' }),
  ...PerformanceWindowQuery,
});

export const TrendPoint = Type.Object({
  start: Type.String({ format: 'date' }),
  end: Type.String({ format: 'date' }),
  ...metricProperties,
  ...scoreProperties,
});
export const Trend = Type.Object({ unit: Unit, interval: Type.String(), window: WindowDays, points: Type.Array(TrendPoint) });

export const RankingsQuery = Type.Object({ unit: UnitKind, ...PerformanceWindowQuery });

export const ListedUnit = Type.Object({
  unit: Unit,
  composite: Type.Union([Type.Number(), Type.Null()]),
  rank: Type.Union([Type.Integer(), Type.Null()]),
  tiedWith: Type.Integer(),
  rectificationRate: Rate('整改率'),
  onTimeRate: Rate('按期整改率'),
});

export const Rankings = Type.Object({
  mode: Type.Enum(['rank', 'threshold']),
  window: WindowDays,
  red: Type.Array(ListedUnit),
  black: Type.Array(ListedUnit),
  consecutiveBlack: Type.Record(Type.String(), Type.Object({
    periods: Type.Integer({ description: 'windows of this length in a row on the 黑榜, this one included' }),
    escalation: Type.Union([Type.Enum(['interview', 'organization_interview', 'accountability']), Type.Null()]),
  })),
});

const Percent = Type.Number({ minimum: 0, maximum: 100 });
const Count = Type.Integer({ minimum: 0 });
const RateBands = (metric: string) => Type.Tuple([Percent, Percent, Percent, Percent], { description: `${metric}: the lowest value of bands 1–4 (green to orange); below the last is red` });
const Scale = Type.Object({ zero: Percent, full: Percent }, { additionalProperties: false });
const perUnitKind = (description: string) => Type.Object(
  Object.fromEntries(PERFORMANCE_UNIT_KINDS.map((kind) => [kind, Type.Integer({ minimum: 0, maximum: 100 })])) as Record<(typeof PERFORMANCE_UNIT_KINDS)[number], ReturnType<typeof Type.Integer>>,
  { description, additionalProperties: false },
);

export const ScoringSettings = Type.Object({
  weights: Type.Object(
    Object.fromEntries(COMPOSITE_COMPONENTS.map((component) => [component, Percent])) as Record<(typeof COMPOSITE_COMPONENTS)[number], typeof Percent>,
    { description: 'points per component, summing to 100', additionalProperties: false },
  ),
  scales: Type.Object(
    Object.fromEntries(COMPOSITE_COMPONENTS.map((component) => [component, Scale])) as Record<(typeof COMPOSITE_COMPONENTS)[number], typeof Scale>,
    { description: 'per component, the value scoring 0 and the value scoring 100 (linear between, clamped)', additionalProperties: false },
  ),
  gradeThresholds: Type.Object({ A: Percent, B: Percent, C: Percent, D: Percent }, { additionalProperties: false }),
  minimumSample: Type.Integer({ minimum: 0, description: 'fewest problems due for a unit to be graded and ranked' }),
  lists: Type.Object({
    mode: Type.Enum(['rank', 'threshold']),
    rank: Type.Object({ red: perUnitKind('units on the 红榜'), black: perUnitKind('units on the 黑榜') }, { additionalProperties: false }),
    threshold: Type.Object({ metric: Type.Enum(LIST_METRICS), red: Percent, black: Percent }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  escalation: Type.Object({
    interview: Type.Integer({ minimum: 1 }),
    organizationInterview: Type.Integer({ minimum: 1 }),
    accountability: Type.Integer({ minimum: 1 }),
  }, { description: 'consecutive 黑榜 periods for 约谈, 组织部约谈 and 问责', additionalProperties: false }),
  colourBands: Type.Object({
    rectificationRate: RateBands('整改率'),
    onTimeRate: RateBands('按期整改率'),
    evaluationScoreRate: RateBands('测评得分率'),
    overdueIssues: Type.Tuple([Count, Count, Count, Count], { description: '超期未整改数: the most overdue problems of bands 1–4 (green to orange); above the last is red' }),
  }, { description: 'how the map colours grids on each metric besides the composite, which is coloured by grade', additionalProperties: false }),
  longOverdueWorkingDays: Type.Integer({ minimum: 0, maximum: 250, description: 'a 日通报 lists one by one the problems overdue by more than this many working days' }),
}, { additionalProperties: false });

export const ScoringSettingsChange = Type.Object({
  id: Type.Integer(),
  settings: ScoringSettings,
  changedAt: Instant,
  changedBy: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const ScoringSettingsResponse = Type.Object({
  settings: ScoringSettings,
  change: Type.Union([ScoringSettingsChange, Type.Null()], { description: 'the change that set them; null for the defaults' }),
  history: Type.Array(ScoringSettingsChange, { description: 'every change, newest first' }),
});

export const ScoringSettingsUpdate = Type.Object({
  settings: ScoringSettings,
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
