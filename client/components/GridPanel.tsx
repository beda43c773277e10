import { useTranslation } from 'react-i18next';
import { useGrid } from '../api/hooks.ts';
import QueryStatus from './QueryStatus.tsx';

/** A grid's people and figures: the leader's first look when drilling in. */
export default function GridPanel({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: grid, error } = useGrid(code);
  if (!grid) return <aside className="panel" data-testid="grid-panel"><QueryStatus error={error} /></aside>;
  const { properties } = grid;
  const latest = properties.inspection.latestRound;
  return (
    <aside className="panel" data-testid="grid-panel" data-grid-code={properties.code}>
      <header className="panel-header">
        <h2 data-testid="grid-panel-name">{properties.name}</h2>
        <button type="button" onClick={onClose} aria-label={t('grids.close')} data-testid="grid-panel-close">×</button>
      </header>
      <p className="muted">{properties.code} · {t(properties.kind === 'block' ? 'grids.block' : 'grids.strip')} · {t('grids.street')}：{properties.street.name}</p>
      <dl className="figures">
        <div><dt>{t('grids.open')}</dt><dd data-testid="grid-panel-open">{properties.openIssues}</dd></div>
        <div className={properties.overdueIssues > 0 ? 'alarm' : ''}><dt>{t('grids.overdue')}</dt><dd data-testid="grid-panel-overdue">{properties.overdueIssues}</dd></div>
      </dl>
      <h3>{t('grids.leader')}</h3>
      <p data-testid="grid-panel-leader">{properties.leader.name}<span className="muted">（{properties.leader.title}）</span></p>
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
    </aside>
  );
}
