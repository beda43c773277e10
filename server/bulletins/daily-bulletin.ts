import type { Grade } from '../domain/scoring-settings.ts';
import { monthDay, officialDate, percentText, roundedRate, type BulletinBlock, type BulletinCell, type BulletinContent, type BulletinImage } from './bulletin-content.ts';

/**
 * The 日通报 written from its figures: the district's day and period, every street and
 * department over the period, the grids and departments with the most problems overdue, and the
 * problems overdue longest. Pure: the figures are gathered elsewhere, as /api/performance and the
 * problem list answer them.
 */

/** A unit's figures as /api/performance answers them. */
export interface UnitFigures {
  key: string;
  name: string;
  newIssues: number;
  closed: number;
  due: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  /** 超期未整改: open and past the deadline when the bulletin is made. */
  overdueOpen: number;
  /** Its grade on the composite, which colours it on the map; null when the sample is too small. */
  grade: Grade | null;
}

export interface OverdueProblem {
  code: string;
  category: string;
  address: string;
  grid: string;
  department: string;
  /** Whole working days past the deadline. */
  workingDaysOverdue: number;
}

export interface DailyFigures {
  districtName: string;
  office: string;
  recipients: string;
  /** The day reported, and the first day of the period it is counted with (YYYY-MM-DD). */
  day: string;
  periodFrom: string;
  district: { day: UnitFigures; period: UnitFigures };
  streets: readonly UnitFigures[];
  departments: readonly UnitFigures[];
  grids: readonly UnitFigures[];
  /** Problems overdue by more than this many working days are listed one by one. */
  longOverdueWorkingDays: number;
  longOverdue: readonly OverdueProblem[];
}

/** How many grids and departments the bulletin names as having the most overdue. */
export const MOST_OVERDUE_NAMED = 5;

const FIGURE_COLUMNS = ['新发现', '已整改销号', '应整改', '整改率%', '按期整改率%', '超期未整改'] as const;
const figureCells = (unit: UnitFigures): BulletinCell[] => [unit.newIssues, unit.closed, unit.due, roundedRate(unit.rectificationRate), roundedRate(unit.onTimeRate), unit.overdueOpen];

/** The units with the most overdue, most first, those with none left out. */
export function mostOverdue(units: readonly UnitFigures[], count = MOST_OVERDUE_NAMED): UnitFigures[] {
  return units.filter((unit) => unit.overdueOpen > 0).sort((a, b) => b.overdueOpen - a.overdueOpen || a.key.localeCompare(b.key)).slice(0, count);
}

const named = (units: readonly UnitFigures[]) => units.map((unit) => `${unit.name}（${unit.overdueOpen}件）`).join('、');

/** The grids coloured by their grade over the period (see grid-map.ts). */
export function dailyBulletin(figures: DailyFigures, gradeMap: BulletinImage, issue: Pick<BulletinContent, 'number' | 'year' | 'issuedOn' | 'corrects'>): BulletinContent {
  const { district, day, periodFrom } = figures;
  const period = periodFrom === day ? monthDay(day) : `${monthDay(periodFrom)}至${monthDay(day)}`;
  const overdueGrids = mostOverdue(figures.grids);
  const overdueDepartments = mostOverdue(figures.departments);
  const blocks: BulletinBlock[] = [
    { kind: 'heading', level: 1, text: '一、总体情况' },
    {
      kind: 'paragraph',
      text: `${monthDay(day)}，全区新发现问题${district.day.newIssues}件，整改销号${district.day.closed}件。${period}，全区累计新发现问题${district.period.newIssues}件，`
        + `应整改${district.period.due}件，已整改销号${district.period.closed}件，整改率${percentText(district.period.rectificationRate)}，`
        + `按期整改率${percentText(district.period.onTimeRate)}；截至通报时，超期未整改${district.period.overdueOpen}件。`,
    },
    {
      kind: 'table',
      table: {
        title: '全区整改情况',
        columns: ['统计范围', ...FIGURE_COLUMNS],
        rows: [[`当日（${monthDay(day)}）`, ...figureCells(district.day)], [`本期（${period}）`, ...figureCells(district.period)]],
      },
    },
    { kind: 'figure', caption: `图1  各网格综合指数等级（${period}）`, image: gradeMap },
    { kind: 'heading', level: 1, text: '二、各街道整改情况' },
    { kind: 'table', table: { title: `各街道整改情况（${period}）`, columns: ['街道', ...FIGURE_COLUMNS], rows: figures.streets.map((unit) => [unit.name, ...figureCells(unit)]) } },
    { kind: 'heading', level: 1, text: '三、各责任部门整改情况' },
    { kind: 'table', table: { title: `各责任部门整改情况（${period}）`, columns: ['责任部门', ...FIGURE_COLUMNS], rows: figures.departments.map((unit) => [unit.name, ...figureCells(unit)]) } },
    { kind: 'heading', level: 1, text: '四、超期未整改较多的网格和部门' },
    {
      kind: 'paragraph',
      text: overdueGrids.length === 0 && overdueDepartments.length === 0 ? '截至通报时，全区无超期未整改问题。'
        : `超期未整改问题较多的网格：${named(overdueGrids) || '无'}；责任部门：${named(overdueDepartments) || '无'}。请相关包片领导督促责任部门加快整改。`,
    },
    { kind: 'heading', level: 1, text: `五、超期${figures.longOverdueWorkingDays}个工作日以上未整改问题` },
    {
      kind: 'paragraph',
      text: figures.longOverdue.length === 0 ? `截至通报时，无超期${figures.longOverdueWorkingDays}个工作日以上未整改问题。`
        : `截至通报时，超期${figures.longOverdueWorkingDays}个工作日以上未整改问题${figures.longOverdue.length}件，清单如下。请责任部门立即整改，整改完成后及时提交复查。`,
    },
    ...(figures.longOverdue.length === 0 ? [] : [{
      kind: 'table' as const,
      table: {
        title: `超期${figures.longOverdueWorkingDays}个工作日以上未整改问题清单`,
        columns: ['序号', '问题编号', '问题类别', '地址', '网格', '责任部门', '超期工作日'],
        rows: figures.longOverdue.map((problem, index) => [index + 1, problem.code, problem.category, problem.address, problem.grid, problem.department, problem.workingDaysOverdue]),
      },
    }]),
  ];
  return {
    series: 'daily',
    office: figures.office,
    recipients: figures.recipients,
    title: `${figures.districtName}创城问题整改情况日通报`,
    subtitle: `（${officialDate(day)}）`,
    blocks,
    ...issue,
  };
}
