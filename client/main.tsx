import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import './i18n.ts';
import './styles.css';
import OverviewPage from './pages/OverviewPage.tsx';
import ScreenPage from './pages/ScreenPage.tsx';
import DispatchPage from './pages/DispatchPage.tsx';
import { LiveFeedProvider } from './api/live-feed.tsx';
import { refreshIntervalMs } from './api/pacing.ts';

const PointsBenchmarkPage = lazy(() => import('./pages/PointsBenchmarkPage.tsx'));

// The live feed refreshes what changed; a regular refetch (30 s unless the server says otherwise) also catches anything it could not.
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchInterval: refreshIntervalMs, retry: 2 } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LiveFeedProvider>
        <BrowserRouter>
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
    </QueryClientProvider>
  </StrictMode>,
);
