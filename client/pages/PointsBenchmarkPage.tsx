import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { bbox } from '@turf/turf';
import { useGrids } from '../api/hooks.ts';
import { syntheticIssuePositions } from '../synthetic-issue-positions.ts';

const MapView = lazy(() => import('../components/MapView.tsx'));

const MAX_POINTS = 2_000_000;
const NO_SELECTION = { code: null, source: 'app' as const };

/**
 * `/bench/points?count=N`: the overview map drawing N made-up problems over the district, for
 * `npm run bench:points` to measure frame times with. Not linked from the app.
 */
export default function PointsBenchmarkPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const requested = Number(searchParams.get('count') ?? 100_000);
  // Zero draws the map alone: the floor the problems' cost is measured from.
  const count = Number.isInteger(requested) && requested >= 0 ? Math.min(requested, MAX_POINTS) : 100_000;
  const { data: grids } = useGrids();
  const positions = useMemo(
    () => (grids ? syntheticIssuePositions(count, bbox(grids) as [number, number, number, number]) : undefined),
    [grids, count],
  );
  return (
    <div className="page page-benchmark">
      <header className="benchmark-banner" data-testid="points-benchmark" data-count={positions?.count ?? 0}>
        {t('benchmark.drawing', { count })}
      </header>
      <main className="workspace">
        <section className="map-area">
          <Suspense fallback={null}>
            <MapView theme="light" grids={grids} metric="composite" issuePositions={positions} showInspectionPoints={false} selectedGrid={NO_SELECTION} />
          </Suspense>
        </section>
      </main>
    </div>
  );
}
