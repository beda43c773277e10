import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrids, useIssues } from '../api/hooks.ts';
import { ISSUE_STATES } from '../../server/domain/issue-vocabulary.ts';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';

const MapView = lazy(() => import('../components/MapView.tsx'));

const formatTime = (instant: string | null) =>
  instant ? new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';

/** `/dispatch`: the dispatcher's problem list beside the map (the workflow actions come with the workflow API). */
export default function DispatchPage() {
  const { t } = useTranslation();
  const [state, setState] = useState('assigned,in_progress');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [gridCode, setGridCode] = useState<string | null>(null);
  const { data: grids } = useGrids();
  const { data: issues, error } = useIssues({ state: state || undefined, overdue: overdueOnly ? true : undefined, grid: gridCode ?? undefined, limit: 200 });
  const selectedGrid = useMemo(() => ({ code: gridCode, source: 'app' as const }), [gridCode]);

  return (
    <div className="page page-dispatch">
      <AppHeader />
      <main className="workspace">
        <section className="sidebar wide" data-testid="issue-list">
          <h2>{t('dispatch.heading')} <small data-testid="issue-total">{issues ? t('dispatch.total', { count: issues.total }) : ''}</small></h2>
          <div className="filters">
            <select value={state} onChange={(event) => setState(event.target.value)} data-testid="state-filter">
              <option value="">{t('dispatch.allStates')}</option>
              <option value="assigned,in_progress">{t('states.assigned')} + {t('states.in_progress')}</option>
              {ISSUE_STATES.map((value) => <option key={value} value={value}>{t(`states.${value}`)}</option>)}
            </select>
            <label><input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} data-testid="overdue-filter" /> {t('dispatch.overdueOnly')}</label>
            {gridCode && <button type="button" onClick={() => setGridCode(null)}>{gridCode} ×</button>}
          </div>
          {!issues && <QueryStatus error={error} />}
          <table>
            <thead>
              <tr><th>{t('dispatch.reportedAt')}</th><th>{t('dispatch.grid')}</th><th>{t('dispatch.heading')}</th><th>{t('dispatch.department')}</th><th>{t('dispatch.deadline')}</th></tr>
            </thead>
            <tbody>
              {issues?.items.map((issue) => (
                <tr key={issue.id} className={issue.overdue ? 'overdue' : ''} data-testid="issue-row">
                  <td>{formatTime(issue.reportedAt)}</td>
                  <td><button type="button" className="link" onClick={() => setGridCode(issue.grid.code)}>{issue.grid.name}</button></td>
                  <td>{issue.category.name}<br /><span className="muted">{t(`states.${issue.state}`)} · {t(`sources.${issue.source}`)}</span></td>
                  <td>{issue.department?.name ?? '—'}</td>
                  <td>{formatTime(issue.deadlineAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="map-area">
          <Suspense fallback={null}>
            <MapView theme="light" grids={grids} metric="composite" selectedGrid={selectedGrid} onGridClick={setGridCode} />
          </Suspense>
        </section>
      </main>
    </div>
  );
}
