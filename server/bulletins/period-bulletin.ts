import { ESCALATION_NAMES, UNIT_KIND_NAMES } from '../export/performance-workbook.ts';
import type { ListedUnit, Rankings } from '../schemas/contract.ts';
import { chineseNumber, monthDay, officialDate, percentText, roundedRate, type BulletinBlock, type BulletinCell, type BulletinContent, type BulletinImage } from './bulletin-content.ts';
import type { DistrictPeriodFigures, PeriodFigures, RankedKind, RankedUnitFigures } from './period-figures.ts';
import { RANKED_KINDS } from './period-figures.ts';

/**
 * The 周通报 and 月通报 written from their figures: the district's period against the one before,
 * the rankings of grids, leaders and departments with each one's move since the period before,
 * the map of grids by grade, and the 红黑榜 with each black-listed unit's run and the step of the
 * 约谈 → 组织部约谈 → 问责 ladder it has reached. Pure, as the 日通报.
 */

const RANKING_HEADINGS: Record<RankedKind, string> = { grid: '各网格排名', leader: '各包片县级领导排名', department: '各责任部门排名' };

/** A change in percentage points between two rates as printed (each rounded first), or null when either is missing. */
export function pointsChange(current: number | null, previous: number | null): number | null {
  const [now, before] = [roundedRate(current), roundedRate(previous)];
  return now === null || before === null ? null : Math.round((now - before) * 10) / 10;
}

/** Rates change by percentage points, the composite by points (分). */
const changeText = (change: number | null, previousName: string, unit = '个百分点') => {
  if (change === null) return '';
  if (change === 0) return `，与${previousName}持平`;
  return `，较${previousName}${change > 0 ? '上升' : '下降'}${Math.abs(change)}${unit}`;
};

const signed = (value: number | null) => (value === null ? null : value > 0 ? `+${value}` : String(value));

/** A unit's move since the period before: ↑3, ↓2, 持平, or — when it was not ranked in one of them. */
export function rankMove(unit: Pick<RankedUnitFigures, 'rank' | 'previousRank'>): string {
  if (unit.rank === null || unit.previousRank === null) return '—';
  const move = unit.previousRank - unit.rank;
  return move === 0 ? '持平' : move > 0 ? `↑${move}` : `↓${-move}`;
}

const periodText = (figures: PeriodFigures) => {
  const { period, series } = figures;
  if (series === 'monthly' && period.names.current === '本月') return officialDate(period.firstDay).replace(/\d+日$/, '');
  return `${officialDate(period.firstDay)}至${period.firstDay.slice(0, 4) === period.lastDay.slice(0, 4) ? monthDay(period.lastDay) : officialDate(period.lastDay)}`;
};

function overview(figures: PeriodFigures): BulletinBlock[] {
  const { current, previous } = figures.district;
  const { names } = figures.period;
  const cells = (unit: DistrictPeriodFigures): BulletinCell[] =>
    [unit.newIssues, unit.closed, unit.due, roundedRate(unit.rectificationRate), roundedRate(unit.onTimeRate), roundedRate(unit.composite)];
  return [
    {
      kind: 'paragraph',
      text: `${names.current}，全区新发现问题${current.newIssues}件，应整改${current.due}件，已整改销号${current.closed}件；`
        + `整改率${percentText(current.rectificationRate)}${changeText(pointsChange(current.rectificationRate, previous.rectificationRate), names.previous)}，`
        + `按期整改率${percentText(current.onTimeRate)}${changeText(pointsChange(current.onTimeRate, previous.onTimeRate), names.previous)}，`
        + `综合指数${roundedRate(current.composite) ?? '—'}${changeText(pointsChange(current.composite, previous.composite), names.previous, '分')}；`
        + `截至通报时，超期未整改${current.overdueOpen}件。`,
    },
    {
      kind: 'table',
      table: {
        title: '全区整改情况',
        columns: ['统计范围', '新发现', '已整改销号', '应整改', '整改率%', '按期整改率%', '综合指数'],
        rows: [
          [`${names.current}（${monthDay(figures.period.firstDay)}至${monthDay(figures.period.lastDay)}）`, ...cells(current)],
          [`${names.previous}（${monthDay(figures.period.previousFirstDay)}至${monthDay(figures.period.previousLastDay)}）`, ...cells(previous)],
          ['变化', ...[
            current.newIssues - previous.newIssues, current.closed - previous.closed, current.due - previous.due,
            pointsChange(current.rectificationRate, previous.rectificationRate), pointsChange(current.onTimeRate, previous.onTimeRate), pointsChange(current.composite, previous.composite),
          ].map(signed)],
        ],
      },
    },
  ];
}

function rankingTable(kind: RankedKind, units: readonly RankedUnitFigures[], previousName: string): BulletinBlock {
  return {
    kind: 'table',
    table: {
      title: `${RANKING_HEADINGS[kind]}`,
      columns: ['排名', UNIT_KIND_NAMES[kind], '综合指数', '等级', '整改率%', '按期整改率%', '应整改', '已整改销号', '超期未整改', `较${previousName}`],
      rows: units.map((unit) => [
        unit.rank ?? '样本不足', unit.name, roundedRate(unit.composite), unit.grade, roundedRate(unit.rectificationRate), roundedRate(unit.onTimeRate),
        unit.due, unit.closed, unit.overdueOpen, rankMove(unit),
      ]),
    },
  };
}

function listsOf(kind: RankedKind, rankings: Rankings): BulletinBlock[] {
  const names = (units: readonly ListedUnit[]) => units.map((listed) => listed.unit.name).join('、') || '无';
  const row = (list: '红榜' | '黑榜', listed: ListedUnit): BulletinCell[] => {
    const streak = list === '黑榜' ? rankings.consecutiveBlack[listed.unit.key] : undefined;
    return [list, listed.unit.name, listed.rank, roundedRate(listed.composite), roundedRate(listed.rectificationRate), roundedRate(listed.onTimeRate),
      streak ? streak.periods : null, streak?.escalation ? ESCALATION_NAMES[streak.escalation] : null];
  };
  const escalated = rankings.black.filter((listed) => rankings.consecutiveBlack[listed.unit.key]?.escalation);
  return [
    {
      kind: 'paragraph',
      text: `红榜：${names(rankings.red)}。黑榜：${names(rankings.black)}。`
        + (escalated.length === 0 ? '' : `其中${escalated.map((listed) => {
          const streak = rankings.consecutiveBlack[listed.unit.key]!;
          return `${listed.unit.name}连续${streak.periods}期上黑榜，予以${ESCALATION_NAMES[streak.escalation!]}`;
        }).join('；')}。`),
    },
    ...(rankings.red.length + rankings.black.length === 0 ? [] : [{
      kind: 'table' as const,
      table: {
        title: `${UNIT_KIND_NAMES[kind]}红黑榜`,
        columns: ['榜', UNIT_KIND_NAMES[kind], '排名', '综合指数', '整改率%', '按期整改率%', '连续上黑榜期数', '处置'],
        rows: [...rankings.red.map((listed) => row('红榜', listed)), ...rankings.black.map((listed) => row('黑榜', listed))],
      },
    }]),
  ];
}

/** The grids coloured by their grade over the period (see grid-map.ts). */
export function periodBulletin(figures: PeriodFigures, gradeMap: BulletinImage, issue: Pick<BulletinContent, 'number' | 'year' | 'issuedOn' | 'corrects'>): BulletinContent {
  const { names } = figures.period;
  const heading = (index: number, text: string): BulletinBlock => ({ kind: 'heading', level: 1, text: `${chineseNumber(index + 1)}、${text}` });
  const rankings = RANKED_KINDS.flatMap((kind, index): BulletinBlock[] => [
    heading(index + 1, RANKING_HEADINGS[kind]),
    ...(kind === 'grid' ? [{ kind: 'figure' as const, caption: `图1  各网格综合指数等级（${periodText(figures)}）`, image: gradeMap }] : []),
    rankingTable(kind, figures.units[kind], names.previous),
  ]);
  const lists = RANKED_KINDS.flatMap((kind, index): BulletinBlock[] => [
    { kind: 'heading', level: 2, text: `（${chineseNumber(index + 1)}）${UNIT_KIND_NAMES[kind]}` },
    ...listsOf(kind, figures.rankings[kind]),
  ]);
  const mode = figures.rankings.grid.mode === 'rank' ? '按综合指数排名' : '按设定的指标阈值';
  return {
    series: figures.series,
    office: figures.office,
    recipients: figures.recipients,
    title: `${figures.districtName}创城问题整改情况${figures.series === 'weekly' ? '周' : '月'}通报`,
    subtitle: `（${periodText(figures)}）`,
    blocks: [
      heading(0, '总体情况'),
      ...overview(figures),
      ...rankings,
      heading(RANKED_KINDS.length + 1, '红黑榜'),
      {
        kind: 'paragraph',
        text: `${names.current}红黑榜${mode}确定，样本不足的单位不参与排名。对连续上黑榜的单位，依次由包片县级领导约谈、组织部约谈、启动问责，请相关单位对照整改。`,
      },
      ...lists,
    ],
    ...issue,
  };
}
