import type { GridCollection, InspectionPointSummary } from '../server/schemas/contract.ts';
import { addDays } from '../server/domain/china-time.ts';
import type { IssueSource } from '../server/domain/issue-vocabulary.ts';

/** Pure figures of the big screen, worked out from what the API answers. */

/** A rate's change in percentage points, one decimal; null when either side is unknown. */
export function rateChange(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : Math.round((now - before) * 10) / 10;
}

export interface PointTypeScore {
  code: string;
  name: string;
  points: number;
  /** Mean 得分率 of the type's points in their latest evaluation. */
  meanScoreRate: number;
}

/**
 * The latest inspection round by point type: each point's latest evaluation on or after the
 * round's first day (the newest evaluation date less `roundDays`), averaged by type.
 */
export function latestRoundByType(points: readonly InspectionPointSummary[], roundDays = 92): PointTypeScore[] {
  const evaluated = points.filter((point) => point.latestEvaluation !== null);
  if (evaluated.length === 0) return [];
  const newest = evaluated.map((point) => point.latestEvaluation!.evaluatedOn).sort().at(-1)!;
  const roundStart = addDays(newest, -roundDays);
  const byType = new Map<string, { name: string; sum: number; points: number }>();
  for (const point of evaluated) {
    if (point.latestEvaluation!.evaluatedOn <= roundStart) continue;
    const entry = byType.get(point.type.code) ?? { name: point.type.name, sum: 0, points: 0 };
    entry.sum += point.latestEvaluation!.scoreRate;
    entry.points += 1;
    byType.set(point.type.code, entry);
  }
  return [...byType.entries()]
    .map(([code, entry]) => ({ code, name: entry.name, points: entry.points, meanScoreRate: Math.round((entry.sum / entry.points) * 10) / 10 }))
    .sort((a, b) => a.meanScoreRate - b.meanScoreRate || a.code.localeCompare(b.code));
}

/** The grids the auto tour visits: the lowest composite first, grids too small to judge left out. */
export function worstGrids(grids: GridCollection, count: number): string[] {
  return grids.features
    .filter((feature) => feature.properties.performance.composite !== null)
    .sort((a, b) => a.properties.performance.composite! - b.properties.performance.composite! || a.properties.code.localeCompare(b.properties.code))
    .slice(0, count)
    .map((feature) => feature.properties.code);
}

/**
 * How many rows each list on the wall shows. A wide wall's side panels stand two to a column
 * instead of four, so they hold twice the rows; the live feed has a column to itself.
 */
export function panelRows(wide: boolean) {
  return wide
    ? { categories: 8, redBlack: 8, leadersTop: 5, leadersBottom: 5, inspection: 8, feed: 28 }
    : { categories: 4, redBlack: 5, leadersTop: 3, leadersBottom: 2, inspection: 4, feed: 12 };
}

/** The wall's design height in CSS pixels: what its fonts and panels are drawn for. */
const DESIGN_HEIGHT = 1080;

/**
 * How a wall of this size stands to the design: taller walls scale everything up, so a 4K wall
 * without operating-system scaling reads as a 1080p one; wider than 24:9 takes a second column
 * of panels on each side.
 */
export function wallShape(width: number, height: number): { scale: number; wide: boolean } {
  return { scale: height / DESIGN_HEIGHT, wide: width / height >= 24 / 9 };
}

/**
 * When the wall was last known to be current, in the server's time: when its figures were
 * computed, or, while the live feed is connected, when it last spoke (a change missed would have
 * come through it). Null until either is known.
 */
export function currentAsOf(figuresAt: string | undefined, live: boolean, feedHeardAt: number | null): number | null {
  const times = [figuresAt === undefined ? null : Date.parse(figuresAt), live ? feedHeardAt : null].filter((time): time is number => time !== null);
  return times.length === 0 ? null : Math.max(...times);
}

/** Whether what is shown is older than the limit, both times on the server's clock; unknown counts as old. */
export const isStale = (currentAt: number | null, serverNow: number | null, limitMs: number) =>
  currentAt === null || serverNow === null || serverNow - currentAt > limitMs;

/** The wall's source groups: the 四查 (four kinds of inspection) together, then each outside source. */
export const SOURCE_GROUPS = {
  fourInspections: ['leader_supervision', 'regulator_joint_inspection', 'grid_patrol', 'territorial_survey'],
  city_feedback: ['city_feedback'],
  third_party_evaluation: ['third_party_evaluation'],
  citizen_report: ['citizen_report'],
  supervision_bulletin: ['supervision_bulletin'],
} as const satisfies Record<string, readonly IssueSource[]>;

export type SourceGroup = keyof typeof SOURCE_GROUPS;

export function openBySourceGroup(bySource: readonly { source: IssueSource; open: number }[]): Array<{ group: SourceGroup; open: number }> {
  return (Object.keys(SOURCE_GROUPS) as SourceGroup[]).map((group) => ({
    group,
    open: bySource.filter((row) => (SOURCE_GROUPS[group] as readonly IssueSource[]).includes(row.source)).reduce((sum, row) => sum + row.open, 0),
  }));
}
