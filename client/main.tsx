import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import i18n from './i18n.ts';
import './styles.css';
import OverviewPage from './pages/OverviewPage.tsx';
import DispatchPage from './pages/DispatchPage.tsx';
import CityPage from './pages/CityPage.tsx';
import SignInPage from './pages/SignInPage.tsx';
import PasswordPage from './pages/PasswordPage.tsx';
import AccountsPage from './pages/AccountsPage.tsx';
import ImportPage from './pages/ImportPage.tsx';
import AuditPage from './pages/AuditPage.tsx';
import BulletinsPage from './pages/BulletinsPage.tsx';
import OtherDistrict from './pages/OtherDistrict.tsx';
import SetupPage from './pages/SetupPage.tsx';
import { LiveFeedProvider } from './api/live-feed.tsx';
import { refreshIntervalMs } from './api/pacing.ts';
import { api, ApiError } from './api/client.ts';
import { pageStart, showDistrict } from './api/district.ts';
import { onSessionEnded, setViewer, ViewerContext, type Viewer } from './api/session.ts';
import { holdsPermission } from '../server/domain/roles.ts';
import type { Role } from '../server/schemas/contract.ts';
import { isWallAddress, loadScreenPage, startLoadingTheWallGrids } from './wall-start.ts';

const LazyScreenPage = lazy(loadScreenPage);
const PointsBenchmarkPage = lazy(() => import('./pages/PointsBenchmarkPage.tsx'));
const EmptyMapBenchmarkPage = lazy(() => import('./pages/EmptyMapBenchmarkPage.tsx'));

// The live feed refreshes what changed; a regular refetch (30 s unless the server says otherwise) also catches anything it could not.
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchInterval: refreshIntervalMs, retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2 } } });
const root = createRoot(document.getElementById('root')!);

/** The page an account lands on: the map for those who read it, the audit log for the auditor. */
const landing = (roles: readonly Role[]) => (holdsPermission(roles, 'map') ? null : '/audit');

/** The server reopens on the new district in a moment; once it answers again, the administrator signs in. */
async function afterSetup(): Promise<void> {
  for (;;) {
    await new Promise((resolve) => window.setTimeout(resolve, 1500));
    if (await api.setupStatus().then(() => true, () => false)) break;
  }
  window.location.assign('/');
}

/** Shows the sign-in page; once signed in, the page starts afresh for the account. */
function signIn(reason: string | null): void {
  queryClient.clear();
  root.render(<StrictMode><SignInPage reason={reason} onSignedIn={() => void start()} /></StrictMode>);
}

function guarded(allowed: boolean, page: ReactNode): ReactNode {
  return allowed ? page : <Navigate to="/" replace />;
}

/**
 * Who the page is for and which district it shows are settled before anything renders: a big
 * screen's link carries its device token; anyone else signs in, and changes a password an
 * administrator set before anything else.
 */
async function start(): Promise<void> {
  onSessionEnded(signIn);
  // Opened on the wall, its page (with the map) is fetched while the page settles who it is for,
  // and is there when it first renders: a lazy page would first render nothing, and React holds
  // back what replaces a fallback by a few hundred milliseconds.
  const wallPage = isWallAddress(window.location.pathname) ? loadScreenPage() : null;
  if ((await api.setupStatus()).needed) {
    const setupCode = new URLSearchParams(window.location.search).get('setup') ?? '';
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}><SetupPage setupCode={setupCode} onDone={() => void afterSetup()} /></QueryClientProvider>
      </StrictMode>,
    );
    return;
  }
  const device = new URLSearchParams(window.location.search).get('device');
  let viewer: Viewer;
  if (device) {
    viewer = { kind: 'device', token: device };
  } else {
    try {
      viewer = { kind: 'account', session: await api.session() };
    } catch (error) {
      // A session that ended says why (timed out, signed out elsewhere, disabled) on the sign-in page.
      if (error instanceof ApiError && error.status === 401) return signIn((error.body?.code as string | undefined) ?? null);
      throw error;
    }
  }
  setViewer(viewer);
  if (viewer.kind === 'account' && viewer.session.account.mustChangePassword) {
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <ViewerContext.Provider value={viewer}><PasswordPage forced onChanged={() => void start()} /></ViewerContext.Provider>
        </QueryClientProvider>
      </StrictMode>,
    );
    return;
  }
  const districts = await api.districts();
  const opening = pageStart(window.location.pathname, window.location.search, districts);
  if (opening.kind === 'redirect') {
    window.location.replace(opening.to);
    return;
  }
  if (opening.kind === 'district' && viewer.kind === 'account' && opening.district.code !== viewer.session.district.code) {
    root.render(<StrictMode><OtherDistrict own={viewer.session.district} asked={opening.district} /></StrictMode>);
    return;
  }
  showDistrict(opening.kind === 'district' ? opening.district : null, districts);
  if (wallPage && opening.kind === 'district') startLoadingTheWallGrids(queryClient);
  const ScreenPage = wallPage ? (await wallPage).default : LazyScreenPage;
  const roles = viewer.kind === 'account' ? viewer.session.account.roles : [];
  const may = (permission: Parameters<typeof holdsPermission>[1]) => viewer.kind === 'account' && holdsPermission(roles, permission);
  const home = viewer.kind === 'account' ? landing(roles) : '/screen';
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ViewerContext.Provider value={viewer}>
          {opening.kind === 'city' ? <CityPage /> : (
            <LiveFeedProvider>
              <BrowserRouter basename={opening.basename}>
                <Routes>
                  <Route path="/" element={home ? <Navigate to={home} replace /> : <OverviewPage />} />
                  <Route path="/grids/:code" element={guarded(may('map'), <OverviewPage />)} />
                  <Route path="/issues/:id" element={guarded(may('problems'), <OverviewPage />)} />
                  <Route path="/screen" element={guarded(viewer.kind === 'device' || may('wall'), <Suspense fallback={null}><ScreenPage /></Suspense>)} />
                  <Route path="/dispatch" element={guarded(may('problems'), <DispatchPage />)} />
                  <Route path="/accounts" element={guarded(may('accounts'), <AccountsPage />)} />
                  <Route path="/imports" element={guarded(may('imports'), <ImportPage />)} />
                  <Route path="/audit" element={guarded(may('audit'), <AuditPage />)} />
                  <Route path="/bulletins" element={guarded(may('bulletins'), <BulletinsPage />)} />
                  <Route path="/password" element={guarded(viewer.kind === 'account', <PasswordPage onChanged={() => window.location.assign(opening.basename || '/')} />)} />
                  <Route path="/bench/points" element={<Suspense fallback={null}><PointsBenchmarkPage /></Suspense>} />
                  <Route path="/bench/empty-map" element={<Suspense fallback={null}><EmptyMapBenchmarkPage /></Suspense>} />
                </Routes>
              </BrowserRouter>
            </LiveFeedProvider>
          )}
        </ViewerContext.Provider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  // A session or device refused has already brought the sign-in page, saying why.
  if (error instanceof ApiError && error.status === 401) return;
  // Without the list of districts nothing can be shown; say so rather than leave a blank page, and try again.
  root.render(<p className="start-failed" data-testid="start-failed">{i18n.t('start.failed', { reason: (error as Error).message })}</p>);
  window.setTimeout(() => window.location.reload(), 10_000);
});
