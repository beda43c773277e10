import { lazy, Suspense, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCategories, useGrids, useInspectionPoints, useIssue, useIssuePositions, useLeaders } from '../api/hooks.ts';
import { useAccount, usePermission } from '../api/session.ts';
import type { IssueSummary } from '../../server/schemas/contract.ts';
import IssuePanel from '../components/IssuePanel.tsx';
import type { ChangeSource } from '../map/map-adapter.ts';
import AppHeader from '../components/AppHeader.tsx';
import GridPanel from '../components/GridPanel.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import MetricToolbar from '../components/MetricToolbar.tsx';
import MapLegend from '../components/MapLegend.tsx';
import { isGridMetric, type GridMetric } from '../map/grid-metric.ts';
import { isWindowDays, type WindowDays } from '../day-window.ts';
import IssueLayerControls from '../components/IssueLayerControls.tsx';
import { issuePositionQuery, readIssueLayerFilter, type IssueLayerFilter } from '../issue-layer-filter.ts';

const MapView = lazy(() => import('../components/MapView.tsx'));

/** `/` and `/grids/:code`: every grid on the map, a list to find one, and the selected grid's panel. */
export default function OverviewPage() {
  const { t } = useTranslation();
  const { code: codeParameter, id } = useParams();
  const issueId = id === undefined || !/^\d+$/.test(id) ? undefined : Number(id);
  const { data: openedIssue } = useIssue(issueId);
  // An opened problem selects its grid, so the way back leads there.
  const code = codeParameter ?? openedIssue?.grid.code;
  const [hoveredIssue, setHoveredIssue] = useState<IssueSummary | null>(null);
  const pointedIssue = hoveredIssue ?? openedIssue ?? null;
  const focusedIssue = useMemo<[number, number] | null>(
    () => (pointedIssue ? [pointedIssue.longitude, pointedIssue.latitude] : null),
    [pointedIssue],
  );
  const navigate = useNavigate();
  const location = useLocation();
  // The metric, the period and the leader live in the URL, so a view can be bookmarked and shared.
  const [searchParams, setSearchParams] = useSearchParams();
  const metricParameter = searchParams.get('metric');
  const metric: GridMetric = isGridMetric(metricParameter) ? metricParameter : 'composite';
  const daysParameter = Number(searchParams.get('days'));
  const days: WindowDays = isWindowDays(daysParameter) ? daysParameter : 30;
  const { data: grids, error } = useGrids({ days });
  const { data: leaders } = useLeaders();
  const { data: inspectionPoints } = useInspectionPoints();
  const showInspectionPoints = searchParams.get('points') !== 'off';
  // An administrator sees the grids and their figures, not the problems (三员分立).
  const readsProblems = usePermission('problems');
  const imports = usePermission('imports');
  const showIssues = readsProblems && searchParams.get('issues') !== 'off';
  const issueFilter = readIssueLayerFilter(searchParams);
  // React-query compares keys by value, so a new query object for the same filter fetches nothing.
  const { data: issuePositions } = useIssuePositions(issuePositionQuery(issueFilter), showIssues);
  const { data: categories } = useCategories();
  const [search, setSearch] = useState('');
  const leader = leaders?.find((candidate) => String(candidate.id) === searchParams.get('leader'));
  const leaderGrids = useMemo(() => leader?.grids.map((grid) => grid.code) ?? [], [leader]);
  // A leader's own grids stand out on the map until another leader is chosen.
  const account = useAccount();
  const ownGrids = useMemo(() => (account?.roles.includes('leader') ? account.gridCodes : []), [account]);
  const matchingLeaders = search ? (leaders ?? []).filter((candidate) => candidate.name.includes(search)) : [];
  const setViewParameter = (name: 'metric' | 'days' | 'leader' | 'points' | 'issues' | keyof IssueLayerFilter, value: string | null) => setSearchParams((current) => {
    const next = new URLSearchParams(current);
    if (value === null) next.delete(name);
    else next.set(name, value);
    return next;
  });
  const [selectionSource, setSelectionSource] = useState<ChangeSource>('app');
  // On a tablet's screen the grid list and the map's controls fold away; these open them.
  const [gridListOpen, setGridListOpen] = useState(false);
  const [mapControlsOpen, setMapControlsOpen] = useState(false);
  const selectedGrid = useMemo(() => ({ code: code ?? null, source: selectionSource }), [code, selectionSource]);

  const select = (next: string | null, source: ChangeSource) => {
    setSelectionSource(source);
    setGridListOpen(false);
    navigate({ pathname: next ? `/grids/${next}` : '/', search: location.search });
  };
  const openIssue = (next: number) => {
    setHoveredIssue(null);
    navigate({ pathname: `/issues/${next}`, search: location.search });
  };
  const listed = (grids?.features ?? [])
    .map((feature) => feature.properties)
    .filter((grid) => !leader || leaderGrids.includes(grid.code))
    .filter((grid) => !search || grid.name.includes(search) || grid.leader?.name.includes(search) || grid.code.includes(search.toUpperCase()))
    .sort((a, b) => b.overdueIssues - a.overdueIssues || a.code.localeCompare(b.code));

  // A district with no grids yet is one just set up: its administrator is taken to import them.
  if (grids && grids.features.length === 0 && imports) return <Navigate to="/imports" replace />;
  return (
    <div className="page page-overview">
      <AppHeader />
      <main className="workspace">
        <section className={gridListOpen ? 'sidebar grid-list open' : 'sidebar grid-list'} data-testid="grid-list">
          <h2 data-testid="grid-list-heading">{t('grids.heading', { count: grids ? listed.length : 0 })}</h2>
          <input type="search" value={search} placeholder={t('grids.search')} onChange={(event) => setSearch(event.target.value)} data-testid="grid-search" />
          {!grids && <QueryStatus error={error} />}
          {matchingLeaders.length > 0 && (
            <ul className="leader-matches">
              {matchingLeaders.map((candidate) => (
                <li key={candidate.id}>
                  <button type="button" className="leader-item" onClick={() => { setViewParameter('leader', String(candidate.id)); setSearch(''); }} data-testid={`leader-item-${candidate.id}`}>
                    <strong>{candidate.name}</strong> <span className="muted">{candidate.title}</span>
                    <span className="counts">{t('leaders.grids', { count: candidate.grids.length })}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {leader && (
            <div className="leader-banner" data-testid="leader-banner" data-leader-id={leader.id}>
              <span>{t('leaders.showing', { name: leader.name, title: leader.title })}</span>
              <button type="button" onClick={() => setViewParameter('leader', null)} data-testid="leader-clear">{t('leaders.clear')}</button>
            </div>
          )}
          <ul>
            {listed.map((grid) => (
              <li key={grid.code}>
                <button type="button" className={grid.code === code ? 'grid-item selected' : 'grid-item'} onClick={() => select(grid.code, 'app')} data-testid={`grid-item-${grid.code}`}>
                  <span className={`kind kind-${grid.kind}`}>{t(grid.kind === 'block' ? 'grids.block' : 'grids.strip')}</span>
                  <strong>{grid.name}</strong>
                  <span className="muted">{grid.leader?.name ?? t('grids.unassigned')}</span>
                  <span className="counts">{t('grids.open')} {grid.openIssues} · <em className={grid.overdueIssues > 0 ? 'alarm' : ''}>{t('grids.overdue')} {grid.overdueIssues}</em></span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="map-area">
          <Suspense fallback={<QueryStatus error={null} />}>
            <MapView theme="light" grids={grids} metric={metric} highlightedGrids={leader ? leaderGrids : ownGrids} focusedIssue={focusedIssue}
              inspectionPoints={inspectionPoints} showInspectionPoints={showInspectionPoints} issuePositions={issuePositions} showIssues={showIssues} selectedGrid={selectedGrid} onGridClick={(next) => select(next, 'user')} onIssueClick={openIssue} />
          </Suspense>
          <button type="button" className="fold-toggle grid-list-toggle" aria-expanded={gridListOpen} onClick={() => setGridListOpen(!gridListOpen)} data-testid="grid-list-toggle">
            {t('grids.heading', { count: grids ? listed.length : 0 })}
          </button>
          <button type="button" className="fold-toggle map-controls-toggle" aria-expanded={mapControlsOpen} onClick={() => setMapControlsOpen(!mapControlsOpen)} data-testid="map-controls-toggle">
            {t('layers.controls')}
          </button>
          <div className={mapControlsOpen ? 'map-controls open' : 'map-controls'} data-testid="map-controls">
            <MetricToolbar
              metric={metric} days={days} period={grids?.window}
              onMetricChange={(next) => setViewParameter('metric', next)} onDaysChange={(next) => setViewParameter('days', String(next))}
              showInspectionPoints={showInspectionPoints} onShowInspectionPointsChange={(show) => setViewParameter('points', show ? null : 'off')}
            />
            {readsProblems && (
              <IssueLayerControls
                visible={showIssues} onVisibleChange={(show) => setViewParameter('issues', show ? null : 'off')}
                filter={issueFilter} onFilterChange={(name, value) => setViewParameter(name, name === 'state' && value === 'open' ? null : value)}
                categories={categories ?? []} count={issuePositions?.count}
              />
            )}
          </div>
          <MapLegend metric={metric} colouring={grids?.colouring} showIssues={showIssues} showInspectionPoints={showInspectionPoints} />
        </section>
        {issueId !== undefined && (
          <IssuePanel id={issueId} onBackToGrid={(grid) => select(grid, 'app')} onClose={() => select(null, 'user')} />
        )}
        {issueId === undefined && code && (
          <GridPanel
            code={code} days={days} onClose={() => select(null, 'user')} onIssueHover={setHoveredIssue}
            onIssueOpen={openIssue}
          />
        )}
      </main>
    </div>
  );
}
