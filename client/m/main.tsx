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
import { ownWorkQuery } from '../api/hooks.ts';
import { showDistrict } from '../api/district.ts';
import { onSessionEnded, setViewer, ViewerContext, type Viewer } from '../api/session.ts';
import type { SessionAnswer } from '../../server/schemas/contract.ts';
import { forgetSession, recallSession, rememberSession } from './remembered-session.ts';
import { setOutboxOwner } from './outbox.ts';

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

/** The app as an account: its district, its tabs, what it has waiting to send. */
function show(session: SessionAnswer): void {
  const viewer: Viewer = { kind: 'account', session };
  setViewer(viewer);
  showDistrict(session.district, [session.district]);
  setOutboxOwner(session.account.username);
  const page = session.account.mustChangePassword
    ? <PasswordPage forced onChanged={() => void start()} />
    : <FieldApp session={session} />;
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

/**
 * Opened again on this phone, the app shows at once as the account it last was, and the server
 * confirms the session meanwhile (its check was asked for by the page's preload, beside the
 * scripts): a session that ended brings the sign-in page; no signal, it carries on as it is.
 */
async function start(): Promise<void> {
  onSessionEnded((code) => {
    forgetSession();
    signIn(code);
  });
  // Asked for at once, whichever tab opens and whether or not a session holds: the page preloads
  // it, and a preload left untaken would answer a later request with its stale reply.
  void queryClient.prefetchQuery(ownWorkQuery);
  const remembered = recallSession();
  if (remembered) show(remembered);
  let session: SessionAnswer;
  try {
    session = await api.session();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetSession();
      return signIn((error.body?.code as string | undefined) ?? null);
    }
    if (remembered) return;
    throw error;
  }
  rememberSession(session);
  if (JSON.stringify(remembered) !== JSON.stringify(session)) show(session);
}

start().catch((error: unknown) => {
  if (error instanceof ApiError && error.status === 401) return;
  root.render(<p className="field-start-failed" data-testid="start-failed">{i18n.t('start.failed', { reason: (error as Error).message })}</p>);
});
