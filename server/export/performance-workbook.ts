import { byRankThenKey } from '../domain/rankings.ts';
import type { PerformanceUnitKind } from '../domain/scoring-settings.ts';
import type { PerformanceList, Rankings } from '../schemas/contract.ts';
import { writeWorkbook } from '../import/workbook-sheets.ts';

/**
 * A window's performance of one kind of unit and its 红黑榜 as an xlsx, for the office's monthly
 * assessment (月考核): the same figures /api/performance and /api/rankings answer, one row a unit,
 * ranked ones first; rates in percent as the map shows them.
 */

export const UNIT_KIND_NAMES: Record<PerformanceUnitKind, string> = { grid: '网格', leader: '包片领导', department: '责任部门', street: '街道' };
export const ESCALATION_NAMES = { interview: '约谈', organization_interview: '组织部约谈', accountability: '问责' } as const;

export function performanceWorkbook(kind: PerformanceUnitKind, performance: PerformanceList, rankings: Rankings): Promise<Uint8Array> {
  const unit = UNIT_KIND_NAMES[kind];
  const rows = [...performance.rows].sort(byRankThenKey);
  const listed = (list: 'red' | 'black') => rankings[list].map((row) => {
    const streak = rankings.consecutiveBlack[row.unit.key];
    return [list === 'red' ? '红榜' : '黑榜', row.unit.key, row.unit.name, row.rank, row.composite, row.rectificationRate, row.onTimeRate,
      list === 'black' ? streak?.periods ?? 1 : '', list === 'black' && streak?.escalation ? ESCALATION_NAMES[streak.escalation] : ''];
  });
  return writeWorkbook([
    {
      definition: {
        name: `${unit}绩效`,
        columns: ['排名', '编码', unit, '综合指数', '等级', '应整改数', '已销号数', '整改率%', '按期整改率%', '缓办数', '返工率%', '超期未整改数', '未销号数',
          '平均整改时长（工作小时）', '测评得分率%', '反弹数', '新发现数', '样本是否充足'],
      },
      rows: rows.map((row) => [row.rank, row.unit.key, row.unit.name, row.composite, row.grade ?? '样本不足', row.due, row.closed,
        row.rectificationRate, row.onTimeRate, row.extended, row.reworkRate, row.overdueOpen, row.openIssues,
        row.meanRectifyHours, row.evaluationScoreRate, row.recurrences, row.newIssues, row.sampleSufficient ? '是' : '否']),
    },
    {
      definition: { name: '红黑榜', columns: ['榜', '编码', unit, '排名', '综合指数', '整改率%', '按期整改率%', '连续上黑榜期数', '处理'] },
      rows: [...listed('red'), ...listed('black')],
    },
  ], [
    `统计周期：${performance.window.from} 至 ${performance.window.to}（中国时间），单位：${unit}。`,
    `红黑榜方式：${rankings.mode === 'rank' ? '按排名' : '按阈值'}。数字与系统中“整改绩效”和“红黑榜”页面、接口 /api/performance 与 /api/rankings 相同。`,
    '样本不足的单位不参与排名（最小样本规则），其等级记为“样本不足”。',
  ]);
}
