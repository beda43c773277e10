import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { shownDistrict } from '../api/district.ts';
import {
  useGrids, useInspectionPoints, useOldestOverdue, usePerformance, useRankings, useScreenToday, useTrend,
} from '../api/hooks.ts';
import { useLiveHeardAt, useLiveStatus } from '../api/live-feed.tsx';
import { api, ApiError } from '../api/client.ts';
import { useServerNow } from '../api/server-clock.ts';
import type { GridCollection, WindowQuery } from '../../server/schemas/contract.ts';
import { formatChinaMinute, formatChinaTime } from '../../server/domain/china-time.ts';
import ScaledToWall from '../components/ScaledToWall.tsx';
import MapView from '../components/MapView.tsx';
import { WALL_WINDOW } from '../wall-start.ts';
import { shapeTrendPoints } from '../trend-points.ts';
import {
  currentAsOf, isStale, latestRoundByType, openBySourceGroup, panelRows, rateChange, wallShape, worstGrids,
} from '../screen-figures.ts';

const ScreenChart = lazy(() => import('../components/ScreenChart.tsx'));

/**
 * The wall starts with its map and headline figures; the side panels fill once the map has first
 * drawn, or at the latest after this long. On a wall PC's software rendering the panels' lists
 * and charts, drawn at the same moment, held the map up by a second.
 */
const PANELS_AT_THE_LATEST_MS = 5000;

/** Whether the side panels show their contents yet. */
const PanelsFilled = createContext(true);

const TOUR_GRIDS = 5;
const DEFAULT_TOUR_SECONDS = 20;
const DEFAULT_STALE_SECONDS = 120;

const WALL_TREND_METRICS = ['rectificationRate', 'onTimeRate'] as const;
/** The wall's other windows, resolved on the server's clock as its main one (`WALL_WINDOW`) is. */
const LAST_30_DAYS_AS_OF_YESTERDAY: WindowQuery = { days: 30, offsetDays: 1 };
const LAST_WEEK: WindowQuery = { period: 'last-week' };
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);

function Panel({ title, testId, children, className = '' }: { title: string; testId: string; children: ReactNode; className?: string }) {
  return (
    <section className={`screen-panel ${className}`} data-testid={testId}>
      <h2>{title}</h2>
      <div className="screen-panel-body">{useContext(PanelsFilled) && children}</div>
    </section>
  );
}

/** The wall's shape, followed as the window changes. */
function useWallShape(): ReturnType<typeof wallShape> {
  const [shape, setShape] = useState(() => wallShape(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const resize = () => setShape((current) => {
      const next = wallShape(window.innerWidth, window.innerHeight);
      return next.scale === current.scale && next.wide === current.wide ? current : next;
    });
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  return shape;
}

/**
 * `/screen`: the command centre's wall. Dark, no controls, nothing to scroll; every figure follows
 * the live feed (with a regular refetch behind it), the map tours the worst grids, and a freshness
 * mark turns to a warning when the data is older than `?stale=` seconds. `?tour=` sets the tour's
 * seconds per stop (0 stops it). Its clock, its days and its freshness are the server's: the
 * browser's own clock only counts the seconds since the server last spoke.
 */
export default function ScreenPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const tourSeconds = Number(searchParams.get('tour') ?? DEFAULT_TOUR_SECONDS);
  const staleSeconds = Number(searchParams.get('stale') ?? DEFAULT_STALE_SECONDS);
  const { wide, scale } = useWallShape();
  const pixelRatio = window.devicePixelRatio * scale;
  const live = useLiveStatus();
  const feedHeardAt = useLiveHeardAt();
  const clock = useServerNow();

  const today = useScreenToday();
  const { data: grids } = useGrids(WALL_WINDOW);
  const { data: district } = usePerformance('district', WALL_WINDOW);
  const { data: districtBefore } = usePerformance('district', LAST_30_DAYS_AS_OF_YESTERDAY);
  const { data: leaders } = usePerformance('leader', WALL_WINDOW);
  const { data: rankings } = useRankings('grid', LAST_WEEK);
  const { data: trend } = useTrend('district', 'district', 'day', WALL_WINDOW);
  const trendPoints = useMemo(() => (trend ? shapeTrendPoints(trend) : []), [trend]);
  const { data: points } = useInspectionPoints();

  const [panelsFilled, setPanelsFilled] = useState(false);
  const fillPanels = useCallback(() => setPanelsFilled(true), []);
  useEffect(() => {
    const timer = setTimeout(fillPanels, PANELS_AT_THE_LATEST_MS);
    return () => clearTimeout(timer);
  }, [fillPanels]);

  const now = district?.rows[0];
  const before = districtBefore?.rows[0];
  const currentAt = currentAsOf(today.data?.at, live === 'live', feedHeardAt);
  const stale = isStale(currentAt, clock, staleSeconds * 1000);

  // The tour: each of the worst grids for a stop, then the whole district for one. The wall opens
  // on the whole district (stop -1) and sets off after the first stop's time.
  const tour = useMemo(() => (grids ? worstGrids(grids, TOUR_GRIDS) : []), [grids]);
  const [stop, setStop] = useState(-1);
  useEffect(() => {
    if (tourSeconds <= 0 || tour.length === 0) return;
    const timer = setInterval(() => setStop((current) => (current + 1) % (tour.length + 1)), tourSeconds * 1000);
    return () => clearInterval(timer);
  }, [tourSeconds, tour.length]);
  const touredGrid = tourSeconds > 0 ? tour[stop] ?? null : null;
  const selectedGrid = useMemo(() => ({ code: touredGrid, source: 'app' as const }), [touredGrid]);

  const figure = (label: string, value: ReactNode, testId: string, extra?: ReactNode, alarm = false) => (
    <div className={alarm ? 'screen-figure alarm' : 'screen-figure'}>
      <span>{label}</span>
      <strong data-testid={testId}>{value}</strong>
      {extra}
    </div>
  );
  const change = (value: number | null, testId: string) => (
    <em className={value === null ? 'change' : value >= 0 ? 'change up' : 'change down'} data-testid={testId}>
      {value === null ? '—' : `${value >= 0 ? '▲' : '▼'} ${Math.abs(value)}`} <small>{t('screen.vsYesterday')}</small>
    </em>
  );

  const bySource = today.data ? openBySourceGroup(today.data.bySource) : [];
  const categories = today.data?.topCategories ?? [];
  const roundByType = points ? latestRoundByType(points) : [];
  const rows = panelRows(wide);
  const rankedLeaders = (leaders?.rows ?? []).filter((row) => row.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const bottomLeaders = rankedLeaders.slice(Math.max(rows.leadersTop, rankedLeaders.length - rows.leadersBottom));

  const panels = {
    sources: (
      <Panel key="sources" title={t('screen.bySource')} testId="panel-sources">
        <Suspense fallback={null}>
          <ScaledToWall scale={scale}><ScreenChart testId="chart-sources" pixelRatio={pixelRatio} option={{
            grid: { left: '3%', right: '6%', top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', splitLine: { show: false } },
            yAxis: { type: 'category', inverse: true, data: bySource.map((row) => t(`screen.sourceGroups.${row.group}`)), axisLabel: { fontSize: 13 } },
            series: [{ type: 'bar', data: bySource.map((row) => row.open), label: { show: true, position: 'right', fontSize: 13 }, barWidth: '55%' }],
          }} /></ScaledToWall>
        </Suspense>
        <ul className="screen-values" data-testid="values-sources">{bySource.map((row) => <li key={row.group} data-group={row.group}>{row.open}</li>)}</ul>
      </Panel>
    ),
    categories: (
      <Panel key="categories" title={t('screen.topCategories')} testId="panel-categories">
        <ol className="screen-list" data-testid="list-categories">
          {categories.slice(0, rows.categories).map((row) => (
            <li key={row.code} data-code={row.code}>
              <span>{row.name}</span>
              <b>{row.open}</b>
              <i style={{ width: `${(row.open / Math.max(1, categories[0]!.open)) * 100}%` }} />
            </li>
          ))}
        </ol>
      </Panel>
    ),
    redBlack: (
      <Panel key="redBlack" title={t('screen.redBlack', { from: rankings?.window.from.slice(5) ?? '—', to: rankings?.window.to.slice(5) ?? '—' })} testId="panel-red-black">
        {rankings && rankings.red.length === 0 && rankings.black.length === 0 ? <p className="screen-empty" data-testid="red-black-empty">{t('screen.redBlackEmpty')}</p> : (
          <div className="screen-red-black">
            {(['red', 'black'] as const).map((list) => (
              <ol key={list} className={list} data-testid={`list-${list}`}>
                {(rankings?.[list] ?? []).slice(0, rows.redBlack).map((row) => <li key={row.unit.key} data-key={row.unit.key}><span>{row.unit.name}</span><b>{row.composite ?? '—'}</b></li>)}
              </ol>
            ))}
          </div>
        )}
      </Panel>
    ),
    leaders: (
      <Panel key="leaders" title={t('screen.leaderRanking')} testId="panel-leaders">
        <ol className="screen-list ranked" data-testid="list-leaders">
          {[...rankedLeaders.slice(0, rows.leadersTop), ...bottomLeaders].map((row) => (
            <li key={row.unit.key} data-key={row.unit.key} className={bottomLeaders.includes(row) ? 'bottom' : ''}>
              <em>{row.rank}</em><span>{row.unit.name}</span><b>{row.composite}</b>
            </li>
          ))}
        </ol>
      </Panel>
    ),
    trend: (
      <Panel key="trend" title={t('screen.trend')} testId="panel-trend">
        <Suspense fallback={null}>
          <ScaledToWall scale={scale}><ScreenChart testId="chart-trend" pixelRatio={pixelRatio} option={{
            grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
            legend: { top: 0, textStyle: { fontSize: 12 } },
            tooltip: {
              trigger: 'axis',
              formatter: (params: Array<{ dataIndex: number }>) => {
                const point = trendPoints[params[0]!.dataIndex]!;
                return point.sampleSufficient
                  ? [point.start, ...WALL_TREND_METRICS.map((metric) => `${t(`metrics.${metric}`)}：${point.values[metric] ?? '—'}`)].join('<br/>')
                  : `${point.start}<br/>${t('trend.insufficient', { count: point.sampleSize })}`;
              },
            },
            xAxis: { type: 'category', data: trendPoints.map((point) => point.start.slice(5)), axisLabel: { fontSize: 11 } },
            yAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { opacity: 0.2 } } },
            // A day with too small a sample is a gap, never a value.
            series: WALL_TREND_METRICS.map((metric) => ({
              name: t(`metrics.${metric}`), type: 'line', showSymbol: false, connectNulls: false, data: trendPoints.map((point) => point.values[metric]),
            })),
          }} /></ScaledToWall>
        </Suspense>
      </Panel>
    ),
    inspection: (
      <Panel key="inspection" title={t('screen.inspectionRound')} testId="panel-inspection">
        <ol className="screen-list" data-testid="list-inspection">
          {roundByType.slice(0, rows.inspection).map((row) => (
            <li key={row.code} data-code={row.code} className={row.meanScoreRate < 70 ? 'bottom' : ''}>
              <span>{row.name}</span><b>{row.meanScoreRate}%</b><i style={{ width: `${row.meanScoreRate}%` }} />
            </li>
          ))}
        </ol>
      </Panel>
    ),
    feed: (
      <Panel key="feed" title={t('screen.feed')} testId="panel-feed" className="feed">
        <ul className="screen-feed" data-testid="list-feed">
          {(today.data?.latestEvents ?? []).slice(0, rows.feed).map((event) => (
            <li key={event.id} data-event-id={event.id} className={`feed-${event.action}`}>
              <time>{formatChinaMinute(event.occurredAt)}</time>
              <b>{t(`actions.${event.action}`)}</b>
              <span>{event.gridName} · {event.categoryName}</span>
              {event.photoId !== null && <img src={api.photoPath(event.photoId, 'thumb')} alt={t('photos.after')} className="feed-photo" data-testid="feed-photo" />}
            </li>
          ))}
        </ul>
      </Panel>
    ),
  };
  const columns = wide
    ? [[panels.sources, panels.categories], [panels.redBlack, panels.leaders], [panels.trend, panels.inspection], [panels.feed]]
    : [[panels.sources, panels.categories, panels.redBlack, panels.inspection], [panels.leaders, panels.trend, panels.feed]];
  const half = columns.length / 2;

  if (today.error instanceof ApiError && [401, 403].includes(today.error.status)) {
    return <div className="page-screen refused" data-testid="screen-refused"><p>{t('screen.refused')}</p></div>;
  }

  return (
    <PanelsFilled.Provider value={panelsFilled}>
      <div className={wide ? 'page-screen wide' : 'page-screen'} data-testid="screen" data-wide={wide}>
        <header className="screen-header">
          <h1>{t('app.title')}</h1>
          <span className="screen-district">{t('app.district', { district: shownDistrict()!.name })}</span>
          <span className={stale ? 'screen-freshness stale' : 'screen-freshness'} data-testid="screen-freshness" data-stale={stale} data-live={live}>
            {stale ? t('screen.stale') : t(`live.${live}`)} · {t('screen.updated')} <time data-testid="screen-current-at">{currentAt === null ? '—' : formatChinaTime(currentAt)}</time>
          </span>
          <span className="screen-clock" data-testid="screen-clock">{clock === null ? '—' : formatChinaTime(clock)}</span>
        </header>
        <section className="screen-figures" data-testid="screen-figures">
          {figure(t('screen.open'), today.data?.open ?? '—', 'screen-open')}
          {figure(t('screen.newToday'), today.data?.newToday ?? '—', 'screen-new-today')}
          {figure(t('screen.closedToday'), today.data?.closedToday ?? '—', 'screen-closed-today')}
          {figure(t('screen.overdue'), today.data?.overdue ?? '—', 'screen-overdue', undefined, true)}
          {figure(t('metrics.rectificationRate'), percent(now?.rectificationRate), 'screen-rectification-rate', change(rateChange(now?.rectificationRate ?? null, before?.rectificationRate ?? null), 'screen-rectification-change'))}
          {figure(t('metrics.onTimeRate'), percent(now?.onTimeRate), 'screen-on-time-rate', change(rateChange(now?.onTimeRate ?? null, before?.onTimeRate ?? null), 'screen-on-time-change'))}
        </section>
        {columns.slice(0, half).map((column, index) => <div key={`left-${index}`} className="screen-column">{column}</div>)}
        <section className="screen-map" data-testid="screen-map">
          <ScaledToWall scale={scale}>
            <MapView theme="dark" grids={grids} metric="composite" selectedGrid={selectedGrid} showInspectionPoints={false} pixelRatio={pixelRatio} onDrawn={fillPanels} />
          </ScaledToWall>
          {touredGrid && grids && <TourCard grids={grids} code={touredGrid} />}
        </section>
        {columns.slice(half).map((column, index) => <div key={`right-${index}`} className="screen-column">{column}</div>)}
      </div>
    </PanelsFilled.Provider>
  );
}

/** The toured grid's card: who answers for it, how it stands, and its oldest overdue problem. */
function TourCard({ grids, code }: { grids: GridCollection; code: string }) {
  const { t } = useTranslation();
  const grid = grids.features.find((feature) => feature.properties.code === code)!.properties;
  const oldest = useOldestOverdue(code).data?.issue;
  return (
    <aside className="tour-card" data-testid="tour-card" data-grid-code={code}>
      <h3>{grid.name} <small>{t(grid.kind === 'block' ? 'grids.block' : 'grids.strip')}</small></h3>
      <p>{t('grids.leader')}：{grid.leader?.name ?? t('grids.unassigned')}</p>
      <p className="muted">{grid.departments.map((department) => department.name).join('、')}</p>
      <dl>
        <div><dt>{t('metrics.composite')}</dt><dd>{grid.performance.composite ?? '—'} {grid.performance.grade ?? ''}</dd></div>
        <div><dt>{t('grids.open')}</dt><dd>{grid.openIssues}</dd></div>
        <div className="alarm"><dt>{t('grids.overdue')}</dt><dd>{grid.overdueIssues}</dd></div>
      </dl>
      {oldest && <p className="oldest" data-testid="tour-oldest">{t('screen.oldestOverdue')}：{oldest.category.name}（{oldest.address}）</p>}
    </aside>
  );
}
