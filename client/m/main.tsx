import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { registerSW } from 'virtual:pwa-register';
import i18n from '../i18n.ts';
import './field.css';
import SignInPage from '../pages/SignInPage.tsx';
import PasswordPage from '../pages/PasswordPage.tsx';
import FieldApp from './FieldApp.tsx';
import { api, ApiError } from '../api/client.ts';
import { showDistrict } from '../api/district.ts';
import { onSessionEnded, setViewer, ViewerContext, type Viewer } from '../api/session.ts';
import type { SessionAnswer } from '../../server/schemas/contract.ts';

/**
 * The phone app (/m): for those who work in the street. Its own entry and bundle, without the
 * command room's map layers and charts, so that it opens quickly on a field connection; the
 * service worker keeps it on the phone, so that it opens in an underpass too.
 */

registerSW({ immediate: true });

// A list on a phone is refreshed when it is looked at again rather than on a timer: data costs money in the field.
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: true, retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2 } },
});
const root = createRoot(document.getElementById('root')!);

function signIn(reason: string | null): void {
  queryClient.clear();
  root.render(<StrictMode><div className="field-sign-in"><SignInPage reason={reason} onSignedIn={() => void start()} /></div></StrictMode>);
}

/** The last session the server confirmed: opened without a signal, the app works as that account and sends when it can. */
const SESSION_KEY = 'civgrid.field.session';

async function currentSession(): Promise<SessionAnswer> {
  try {
    const session = await api.session();
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  } catch (error) {
    const remembered = localStorage.getItem(SESSION_KEY);
    if (error instanceof ApiError || remembered === null) throw error;
    return JSON.parse(remembered) as SessionAnswer;
  }
}

async function start(): Promise<void> {
  onSessionEnded((code) => {
    localStorage.removeItem(SESSION_KEY);
    signIn(code);
  });
  let viewer: Viewer;
  try {
    viewer = { kind: 'account', session: await currentSession() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signIn((error.body?.code as string | undefined) ?? null);
    throw error;
  }
  setViewer(viewer);
  showDistrict(viewer.session.district, [viewer.session.district]);
  const page = viewer.session.account.mustChangePassword
    ? <PasswordPage forced onChanged={() => void start()} />
    : <FieldApp session={viewer.session} />;
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  if (error instanceof ApiError && error.status === 401) return;
  root.render(<p className="field-start-failed" data-testid="start-failed">{i18n.t('start.failed', { reason: (error as Error).message })}</p>);
});
