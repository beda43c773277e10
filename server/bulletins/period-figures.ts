import { DAY_MS, startOfChinaDay } from '../domain/china-time.ts';
import { windowOfDays } from '../domain/performance-window.ts';
import { byRankThenKey } from '../domain/rankings.ts';
import type { Grade } from '../domain/scoring-settings.ts';
import { performanceByUnit, rankingsFor, type PerformanceRow } from '../services/performance-report.ts';
import type { Rankings } from '../schemas/contract.ts';
import type { Repositories } from '../store/repositories.ts';
import type { District } from '../store/districts.ts';
import type { BulletinPeriod, PeriodSeries } from './bulletin-period.ts';
import { bulletinOffice } from './bulletin-content.ts';

/** The kinds of unit a 周通报 or 月通报 ranks, in the order it ranks them. */
export const RANKED_KINDS = ['grid', 'leader', 'department'] as const;
export type RankedKind = (typeof RANKED_KINDS)[number];

/** A unit's place over the period, as /api/performance answers it, and its place over the period before. */
export interface RankedUnitFigures {
  key: string;
  name: string;
  rank: number | null;
  composite: number | null;
  grade: Grade | null;
  rectificationRate: number | null;
  onTimeRate: number | null;
  due: number;
  closed: number;
  overdueOpen: number;
  previousRank: number | null;
}

export interface DistrictPeriodFigures {
  newIssues: number;
  due: number;
  closed: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  composite: number | null;
  overdueOpen: number;
}

export interface PeriodFigures {
  series: PeriodSeries;
  districtName: string;
  office: string;
  recipients: string;
  period: BulletinPeriod;
  district: { current: DistrictPeriodFigures; previous: DistrictPeriodFigures };
  /** Every unit of each kind, ranked ones first by rank, then the rest by key. */
  units: Record<RankedKind, RankedUnitFigures[]>;
  /** The 红黑榜 of each kind as /api/rankings answers it for the period. */
  rankings: Record<RankedKind, Rankings>;
}

const districtFigures = ({ newIssues, due, closed, rectificationRate, onTimeRate, composite, overdueOpen }: PerformanceRow): DistrictPeriodFigures =>
  ({ newIssues, due, closed, rectificationRate, onTimeRate, composite, overdueOpen });

/** A 周通报's or 月通报's figures, as /api/performance and /api/rankings answer them at `now` for its days and the days before. */
export async function gatherPeriodFigures(
  repositories: Repositories, district: District, series: PeriodSeries, period: BulletinPeriod, now: number,
): Promise<PeriodFigures> {
  const { settings } = await repositories.scoringSettings.current();
  const current = windowOfDays(startOfChinaDay(period.firstDay), startOfChinaDay(period.lastDay) + DAY_MS);
  const previous = windowOfDays(startOfChinaDay(period.previousFirstDay), startOfChinaDay(period.previousLastDay) + DAY_MS);
  const ranked = async (kind: RankedKind) => {
    const [rows, earlier] = await Promise.all([
      performanceByUnit(repositories.performance, settings, kind, current, now),
      performanceByUnit(repositories.performance, settings, kind, previous, now, false),
    ]);
    const rankings = await rankingsFor(repositories.performance, settings, kind, current, now, rows);
    const previousRanks = new Map(earlier.map((row) => [row.unit.key, row.rank]));
    const units = [...rows].sort(byRankThenKey).map((row): RankedUnitFigures => ({
      key: row.unit.key, name: row.unit.name, rank: row.rank, composite: row.composite, grade: row.grade,
      rectificationRate: row.rectificationRate, onTimeRate: row.onTimeRate, due: row.due, closed: row.closed, overdueOpen: row.overdueOpen,
      previousRank: previousRanks.get(row.unit.key) ?? null,
    }));
    return { units, rankings };
  };
  const [districtCurrent, districtPrevious, grids, leaders, departments] = await Promise.all([
    performanceByUnit(repositories.performance, settings, 'district', current, now),
    performanceByUnit(repositories.performance, settings, 'district', previous, now),
    ranked('grid'), ranked('leader'), ranked('department'),
  ]);
  return {
    series,
    districtName: district.name,
    ...bulletinOffice(district),
    period,
    district: { current: districtFigures(districtCurrent[0]!), previous: districtFigures(districtPrevious[0]!) },
    units: { grid: grids.units, leader: leaders.units, department: departments.units },
    rankings: { grid: grids.rankings, leader: leaders.rankings, department: departments.rankings },
  };
}
