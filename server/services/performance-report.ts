import { scoreUnit, type Scored } from '../domain/composite-index.ts';
import { addCounters, emptyCounters, type PerformanceCounters } from '../domain/performance-contributions.ts';
import { computeMetrics, type PerformanceMetrics, type UnitSnapshot } from '../domain/performance-metrics.ts';
import { windowOfDays, type PerformanceWindow } from '../domain/performance-window.ts';
import { rankUnits } from '../domain/rankings.ts';
import { consecutivePeriods, escalationFor, redBlackLists } from '../domain/red-black-lists.ts';
import type { PerformanceUnitKind, ScoringSettings } from '../domain/scoring-settings.ts';
import { bucketsBetween, previousWindow, type TrendInterval } from '../domain/time-buckets.ts';
import type { PerformanceRepository, PerformanceUnit, UnitKindOrDistrict } from '../store/repositories.ts';
import type { ListedUnit, Rankings } from '../schemas/contract.ts';

/** Puts the stored counters and the pure scoring rules together into the API's figures. */

export interface PerformanceRow extends PerformanceMetrics, Scored {
  unit: PerformanceUnit & { kind: UnitKindOrDistrict };
  rank: number | null;
  tiedWith: number;
}

const byUnitId = <T extends { unitId: number }>(rows: T[]) => new Map(rows.map((row) => [row.unitId, row]));

export async function performanceByUnit(
  repository: PerformanceRepository,
  settings: ScoringSettings,
  kind: UnitKindOrDistrict,
  window: PerformanceWindow,
  now: number,
  /** Whether to count open and overdue problems now; scores and ranks do not depend on them. */
  withPresent = true,
): Promise<PerformanceRow[]> {
  const [counters, present, evaluations, units] = await Promise.all([
    repository.countersByUnit(kind, window.firstDay, window.lastDay).then(byUnitId),
    (withPresent ? repository.presentByUnit(kind, now) : Promise.resolve([])).then(byUnitId),
    repository.evaluationsByUnit(kind, window.firstDay, window.lastDay).then(byUnitId),
    repository.units(kind),
  ]);
  const rows = units.map((unit) => {
    const snapshot: UnitSnapshot = {
      openIssues: present.get(unit.id)?.openIssues ?? 0,
      overdueOpen: present.get(unit.id)?.overdueOpen ?? 0,
      evaluationScoreSum: evaluations.get(unit.id)?.evaluationScoreSum ?? 0,
      evaluations: evaluations.get(unit.id)?.evaluations ?? 0,
    };
    const metrics = computeMetrics(counters.get(unit.id) ?? emptyCounters(), snapshot);
    return { unit: { kind, ...unit }, ...metrics, ...scoreUnit(metrics, settings) };
  });
  const places = rankUnits(rows.map((row) => ({ key: row.unit.key, composite: row.composite, sampleSufficient: row.sampleSufficient })));
  return rows.map((row) => ({ ...row, ...places.get(row.unit.key)! }));
}

function listsFor(rows: PerformanceRow[], kind: PerformanceUnitKind, settings: ScoringSettings) {
  return redBlackLists(rows.map((row) => ({
    key: row.unit.key,
    rank: row.rank,
    sampleSufficient: row.sampleSufficient,
    values: { rectificationRate: row.rectificationRate, onTimeRate: row.onTimeRate, composite: row.composite },
  })), kind, settings);
}

/** The 红黑榜 for a window, with each black-listed unit's streak over the windows before it. */
export async function rankingsFor(
  repository: PerformanceRepository,
  settings: ScoringSettings,
  kind: PerformanceUnitKind,
  window: PerformanceWindow,
  now: number,
  /** The window's rows when the caller has them already, so they are not counted twice. */
  currentRows?: PerformanceRow[],
): Promise<Rankings> {
  const rows = currentRows ?? await performanceByUnit(repository, settings, kind, window, now);
  const lists = listsFor(rows, kind, settings);
  const byKey = new Map(rows.map((row) => [row.unit.key, row]));
  const listed = (key: string): ListedUnit => {
    const { unit, composite, rank, tiedWith, rectificationRate, onTimeRate } = byKey.get(key)!;
    return { unit, composite, rank, tiedWith, rectificationRate, onTimeRate };
  };

  // Look back only as far as the ladder reaches, and stop once no streak is still running.
  const blackListsNewestFirst: string[][] = [lists.black];
  let earlier: { from: number; to: number } = window;
  while (blackListsNewestFirst.length < settings.escalation.accountability
    && lists.black.some((key) => consecutivePeriods(blackListsNewestFirst, key) === blackListsNewestFirst.length)) {
    earlier = previousWindow(earlier);
    const earlierWindow = windowOfDays(earlier.from, earlier.to);
    blackListsNewestFirst.push(listsFor(await performanceByUnit(repository, settings, kind, earlierWindow, now, false), kind, settings).black);
  }
  const consecutiveBlack = Object.fromEntries(lists.black.map((key) => {
    const periods = consecutivePeriods(blackListsNewestFirst, key);
    return [key, { periods, escalation: escalationFor(periods, settings) }];
  }));
  return {
    mode: settings.lists.mode,
    window: { from: window.firstDay, to: window.lastDay },
    red: lists.red.map(listed),
    black: lists.black.map(listed),
    consecutiveBlack,
  };
}

export interface TrendPoint extends Omit<PerformanceMetrics, 'openIssues' | 'overdueOpen'>, Scored {
  start: string;
  end: string;
}

/** One unit's metrics and composite per day, week or month of the window. */
export async function performanceTrend(
  repository: PerformanceRepository,
  settings: ScoringSettings,
  kind: UnitKindOrDistrict,
  unitId: number,
  interval: TrendInterval,
  window: PerformanceWindow,
): Promise<TrendPoint[]> {
  const [days, evaluations] = await Promise.all([
    repository.countersByDay(kind, unitId, window.firstDay, window.lastDay),
    repository.evaluationsByDay(kind, unitId, window.firstDay, window.lastDay),
  ]);
  return bucketsBetween(window.firstDay, window.lastDay, interval).map((bucket) => {
    const inBucket = ({ day }: { day: string }) => day >= bucket.start && day <= bucket.end;
    const counters = days.filter(inBucket).reduce<PerformanceCounters>((sum, day) => addCounters(sum, day), emptyCounters());
    const evaluated = evaluations.filter(inBucket);
    // Open and overdue counts describe the present, not a past bucket; a trend leaves them out.
    const metrics = computeMetrics(counters, {
      openIssues: 0,
      overdueOpen: 0,
      evaluationScoreSum: evaluated.reduce((sum, day) => sum + day.evaluationScoreSum, 0),
      evaluations: evaluated.reduce((sum, day) => sum + day.evaluations, 0),
    });
    const { openIssues: _openIssues, overdueOpen: _overdueOpen, ...pastMetrics } = metrics;
    return { start: bucket.start, end: bucket.end, ...pastMetrics, ...scoreUnit(metrics, settings) };
  });
}
