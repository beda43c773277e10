import { addDays, DAY_MS, firstOfMonth, startOfChinaDay } from '../domain/china-time.ts';
import { windowOfDays } from '../domain/performance-window.ts';
import { DEFAULT_WORKING_SCHEDULE, workingMinutesBetween, workingMinutesPerDay } from '../domain/working-time.ts';
import { performanceByUnit, type PerformanceRow } from '../services/performance-report.ts';
import type { Repositories } from '../store/repositories.ts';
import type { District } from '../store/districts.ts';
import { bulletinOffice } from './bulletin-content.ts';
import type { DailyFigures, OverdueProblem, UnitFigures } from './daily-bulletin.ts';

const figuresOf = ({ unit, newIssues, closed, due, rectificationRate, onTimeRate, overdueOpen, grade }: PerformanceRow): UnitFigures =>
  ({ key: unit.key, name: unit.name, newIssues, closed, due, rectificationRate, onTimeRate, overdueOpen, grade });

/** Whole working days from a deadline to now. */
export const workingDaysOverdue = (deadline: number, now: number) =>
  Math.floor(workingMinutesBetween(deadline, now) / workingMinutesPerDay(DEFAULT_WORKING_SCHEDULE));

/**
 * A 日通报's figures for `day`, counted with the month to that day, as /api/performance answers
 * them for the same windows at `now`, and the open problems past their deadline by more than the
 * office's setting of working days (longOverdueWorkingDays), the longest first.
 */
export async function gatherDailyFigures(repositories: Repositories, district: District, day: string, now: number): Promise<DailyFigures> {
  const { settings } = await repositories.scoringSettings.current();
  const { longOverdueWorkingDays } = settings;
  const periodFrom = firstOfMonth(day);
  const dayWindow = windowOfDays(startOfChinaDay(day), startOfChinaDay(day) + DAY_MS);
  const period = windowOfDays(startOfChinaDay(periodFrom), startOfChinaDay(addDays(day, 1)));
  const byUnit = (kind: 'district' | 'street' | 'department' | 'grid', window = period) =>
    performanceByUnit(repositories.performance, settings, kind, window, now).then((rows) => rows.map(figuresOf));
  const [districtDay, districtPeriod, streets, departments, grids] = await Promise.all([
    byUnit('district', dayWindow), byUnit('district'), byUnit('street'), byUnit('department'), byUnit('grid'),
  ]);
  const overdueFilters = { states: ['assigned' as const, 'in_progress' as const], overdue: true };
  const overdueCount = await repositories.issues.count(overdueFilters, now);
  const overdue = await repositories.issues.list(overdueFilters, { limit: Math.max(overdueCount, 1) }, now, overdueCount);
  const longOverdue: OverdueProblem[] = overdue.items
    .map((issue) => ({ issue, days: workingDaysOverdue(Date.parse(issue.deadlineAt!), now) }))
    .filter(({ days }) => days > longOverdueWorkingDays)
    .sort((a, b) => b.days - a.days || a.issue.code.localeCompare(b.issue.code))
    .map(({ issue, days }) => ({
      code: issue.code, category: issue.category.name, address: issue.address, grid: issue.grid.name, department: issue.department?.name ?? '—', workingDaysOverdue: days,
    }));
  return {
    districtName: district.name,
    ...bulletinOffice(district),
    day,
    periodFrom,
    district: { day: districtDay[0]!, period: districtPeriod[0]! },
    streets,
    departments,
    grids,
    longOverdueWorkingDays,
    longOverdue,
  };
}
