import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrid, useInspectionPoints, useTrend, usePerformance } from '../api/hooks.ts';
import type { IssueSummary, PerformanceRow } from '../../server/schemas/contract.ts';
import type { WindowDays } from '../day-window.ts';
import QueryStatus from './QueryStatus.tsx';
import OpenIssues from './OpenIssues.tsx';
import { usePermission } from '../api/session.ts';
import PanelHeader from './PanelHeader.tsx';

const TrendChart = lazy(() => import('./TrendChart.tsx'));

/** The figures a leader compares with the whole district, and how each is shown. */
const COMPARED: Array<{ key: keyof PerformanceRow; labelKey: string; unit: '%' | 'h' | '' }> = [
  { key: 'rectificationRate', labelKey: 'metrics.rectificationRate', unit: '%' },
  { key: 'onTimeRate', labelKey: 'metrics.onTimeRate', unit: '%' },
  { key: 'reworkRate', labelKey: 'performance.reworkRate', unit: '%' },
  { key: 'overdueOpen', labelKey: 'metrics.overdueIssues', unit: '' },
  { key: 'meanRectifyHours', labelKey: 'performance.meanRectifyHours', unit: 'h' },
  { key: 'evaluationScoreRate', labelKey: 'metrics.evaluationScoreRate', unit: '%' },
  { key: 'recurrences', labelKey: 'performance.recurrences', unit: '' },
];

function figure(value: unknown, unit: string): string {
  return value === null || value === undefined ? '—' : `${value}${unit}`;
}

/** The grid's inspection points, worst latest score first, with their verdicts. */
function GridInspectionPoints({ code }: { code: string }) {
  const { t } = useTranslation();
  const { data: points, error } = useInspectionPoints(code);
  if (!points) return <QueryStatus error={error} />;
  const worstFirst = [...points].sort((a, b) => (a.latestEvaluation?.scoreRate ?? 101) - (b.latestEvaluation?.scoreRate ?? 101));
  return (
    <ul className="point-list" data-testid="grid-panel-points">
      {worstFirst.map((point) => (
        <li key={point.id} data-point-id={point.id}>
          <span>{point.name}<span className="muted"> · {point.type.name}</span></span>
          {point.latestEvaluation
            ? <span className={`verdict verdict-${point.latestEvaluation.verdict}`}>{point.latestEvaluation.scoreRate}% {t(`verdicts.${point.latestEvaluation.verdict}`)}</span>
            : <span className="muted">—</span>}
        </li>
      ))}
    </ul>
  );
}

/** The grid's composite, grade and rank, each metric beside the district's, and its year in months. */
function GridPerformance({ code, days }: { code: string; days: WindowDays }) {
  const { t } = useTranslation();
  const grids = usePerformance('grid', { days });
  const district = usePerformance('district', { days });
  const trend = useTrend('grid', code, 'month', { days: 365 });
  const row = grids.data?.rows.find((candidate) => candidate.unit.key === code);
  const whole = district.data?.rows[0];
  if (!row || !whole) return <QueryStatus error={grids.error ?? district.error} />;
  const ranked = grids.data!.rows.filter((candidate) => candidate.rank !== null).length;
  return (
    <section data-testid="grid-performance">
      <h3>{t('performance.heading', { from: grids.data!.window.from, to: grids.data!.window.to })}</h3>
      <dl className="figures">
        <div><dt>{t('metrics.composite')}</dt><dd data-testid="grid-panel-composite">{figure(row.composite, '')}</dd></div>
        <div className={`grade grade-${row.grade ?? 'none'}`}><dt>{t('performance.grade')}</dt><dd data-testid="grid-panel-grade">{row.grade ?? t('legend.insufficient')}</dd></div>
        <div>
          <dt>{t('performance.rank')}</dt>
          <dd data-testid="grid-panel-rank">{row.rank === null ? '—' : `${row.rank}/${ranked}`}</dd>
          {row.tiedWith > 0 && <small className="muted">{t('performance.tied', { count: row.tiedWith })}</small>}
        </div>
      </dl>
      <table className="compare" data-testid="grid-panel-metrics">
        <thead><tr><th /><th>{t('performance.thisGrid')}</th><th>{t('performance.district')}</th></tr></thead>
        <tbody>
          {COMPARED.map(({ key, labelKey, unit }) => (
            <tr key={key} data-metric={key}>
              <th>{t(labelKey as 'metrics.composite')}</th>
              <td>{figure(row[key], unit)}</td>
              <td className="muted">{figure(whole[key], unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('performance.sample', { due: row.due, closed: row.closed })}</p>
      <h3>{t('performance.trend')}</h3>
      {trend.data ? <Suspense fallback={null}><TrendChart trend={trend.data} /></Suspense> : <QueryStatus error={trend.error} />}
    </section>
  );
}

/** A grid's people and figures: the leader's first look when drilling in. */
interface GridPanelProps {
  code: string;
  days: WindowDays;
  onClose: () => void;
  onIssueHover: (issue: IssueSummary | null) => void;
  onIssueOpen: (id: number) => void;
}

export default function GridPanel({ code, days, onClose, onIssueHover, onIssueOpen }: GridPanelProps) {
  const { t } = useTranslation();
  const { data: grid, error } = useGrid(code);
  const readsProblems = usePermission('problems');
  if (!grid) return <aside className="panel" data-testid="grid-panel"><QueryStatus error={error} /></aside>;
  const { properties } = grid;
  const latest = properties.inspection.latestRound;
  return (
    <aside className="panel" data-testid="grid-panel" data-grid-code={properties.code}>
      <PanelHeader panel="grid-panel" title={properties.name} onClose={onClose} />
      <p className="muted">{properties.code} · {t(properties.kind === 'block' ? 'grids.block' : 'grids.strip')} · {t('grids.street')}：{properties.street?.name ?? t('grids.unassigned')}</p>
      <dl className="figures">
        <div><dt>{t('grids.open')}</dt><dd data-testid="grid-panel-open">{properties.openIssues}</dd></div>
        <div className={properties.overdueIssues > 0 ? 'alarm' : ''}><dt>{t('grids.overdue')}</dt><dd data-testid="grid-panel-overdue">{properties.overdueIssues}</dd></div>
      </dl>
      <GridPerformance code={properties.code} days={days} />
      {readsProblems && <OpenIssues gridCode={properties.code} onHover={onIssueHover} onOpen={onIssueOpen} />}
      <h3>{t('grids.leader')}</h3>
      <p data-testid="grid-panel-leader">{properties.leader ? <>{properties.leader.name}<span className="muted">（{properties.leader.title}）</span></> : <span className="muted">{t('grids.unassigned')}</span>}</p>
      <h3>{t('grids.departments')}</h3>
      <ul className="departments">
        {properties.departments.map((department) => (
          <li key={department.id}><span className={`role role-${department.role}`}>{t(`roles.${department.role}`)}</span>{department.name}</li>
        ))}
      </ul>
      <h3>{t('grids.inspection')}</h3>
      <p>{t('grids.points')}：{properties.inspection.points}</p>
      {latest && (
        <p data-testid="grid-panel-score">
          {t('grids.latestRound')}（{latest.evaluatedOn}）：{t('grids.meanScoreRate')} {latest.meanScoreRate.toFixed(2)}%，
          {t('grids.failedPoints')} {latest.failedPoints}/{latest.evaluatedPoints}
        </p>
      )}
      <GridInspectionPoints code={properties.code} />
    </aside>
  );
}
