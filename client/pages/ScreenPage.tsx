import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrids, useLeaders } from '../api/hooks.ts';
import QueryStatus from '../components/QueryStatus.tsx';

const MapView = lazy(() => import('../components/MapView.tsx'));
const NO_SELECTION = { code: null, source: 'app' as const };

/** `/screen`: the command centre's wall — dark, no controls, the whole district and its totals. */
export default function ScreenPage() {
  const { t } = useTranslation();
  const { data: grids, error, dataUpdatedAt } = useGrids();
  const { data: leaders } = useLeaders();
  const [clock, setClock] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setClock(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const totals = (grids?.features ?? []).reduce(
    (sum, feature) => ({ open: sum.open + feature.properties.openIssues, overdue: sum.overdue + feature.properties.overdueIssues }),
    { open: 0, overdue: 0 },
  );
  const time = (date: Date) => date.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

  return (
    <div className="page page-screen" data-testid="screen">
      <header className="screen-header">
        <h1>{t('app.title')}</h1>
        <span className="screen-clock" data-testid="screen-clock">{time(clock)}</span>
      </header>
      <section className="screen-figures">
        <div><span>{t('screen.open')}</span><strong data-testid="screen-open">{grids ? totals.open : '—'}</strong></div>
        <div className="alarm"><span>{t('screen.overdue')}</span><strong data-testid="screen-overdue">{grids ? totals.overdue : '—'}</strong></div>
        <div><span>{t('screen.grids')}</span><strong>{grids?.features.length ?? '—'}</strong></div>
        <div><span>{t('screen.leaders')}</span><strong>{leaders?.length ?? '—'}</strong></div>
        <div><span>{t('screen.updated')}</span><strong className="small">{dataUpdatedAt ? time(new Date(dataUpdatedAt)) : '—'}</strong></div>
      </section>
      <section className="screen-map">
        {!grids && <QueryStatus error={error} />}
        <Suspense fallback={null}>
          <MapView theme="dark" grids={grids} metric="composite" selectedGrid={NO_SELECTION} />
        </Suspense>
      </section>
    </div>
  );
}
