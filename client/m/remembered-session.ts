import type { SessionAnswer } from '../../server/schemas/contract.ts';

/**
 * The last session the server confirmed on this phone. Opened again, the app shows at once as
 * that account while the server confirms it, and without a signal it works as that account and
 * sends when it can. Signing out or a session the server ended forgets it.
 */
const SESSION_KEY = 'civgrid.field.session';

export function recallSession(): SessionAnswer | null {
  const remembered = localStorage.getItem(SESSION_KEY);
  return remembered === null ? null : (JSON.parse(remembered) as SessionAnswer);
}

export function rememberSession(session: SessionAnswer): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  localStorage.removeItem(SESSION_KEY);
}
