import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import i18n from './i18n.ts';
import './styles.css';
import OverviewPage from './pages/OverviewPage.tsx';
import ScreenPage from './pages/ScreenPage.tsx';
import DispatchPage from './pages/DispatchPage.tsx';
import CityPage from './pages/CityPage.tsx';
import { LiveFeedProvider } from './api/live-feed.tsx';
import { refreshIntervalMs } from './api/pacing.ts';
import { api } from './api/client.ts';
import { pageStart, showDistrict } from './api/district.ts';

const PointsBenchmarkPage = lazy(() => import('./pages/PointsBenchmarkPage.tsx'));

// The live feed refreshes what changed; a regular refetch (30 s unless the server says otherwise) also catches anything it could not.
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchInterval: refreshIntervalMs, retry: 2 } } });
const root = createRoot(document.getElementById('root')!);

/** Which district the page shows is settled before anything renders: every query of the page is that district's. */
async function start(): Promise<void> {
  const districts = await api.districts();
  const start = pageStart(window.location.pathname, window.location.search, districts);
  if (start.kind === 'redirect') {
    window.location.replace(start.to);
    return;
  }
  showDistrict(start.kind === 'district' ? start.district : null, districts);
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        {start.kind === 'city' ? <CityPage /> : (
          <LiveFeedProvider>
            <BrowserRouter basename={start.basename}>
              <Routes>
                <Route path="/" element={<OverviewPage />} />
                <Route path="/grids/:code" element={<OverviewPage />} />
                <Route path="/issues/:id" element={<OverviewPage />} />
                <Route path="/screen" element={<ScreenPage />} />
                <Route path="/dispatch" element={<DispatchPage />} />
                <Route path="/bench/points" element={<Suspense fallback={null}><PointsBenchmarkPage /></Suspense>} />
              </Routes>
            </BrowserRouter>
          </LiveFeedProvider>
        )}
      </QueryClientProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  // Without the list of districts nothing can be shown; say so rather than leave a blank page, and try again.
  root.render(<p className="start-failed" data-testid="start-failed">{i18n.t('start.failed', { reason: (error as Error).message })}</p>);
  window.setTimeout(() => window.location.reload(), 10_000);
});
