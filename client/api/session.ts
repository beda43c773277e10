import { createContext, useContext } from 'react';
import type { IssueAction } from '../../server/domain/issue-vocabulary.ts';
import { DEVICE_PERMISSIONS, holdsPermission, mayTakeAction, type Permission } from '../../server/domain/roles.ts';
import type { SessionAnswer } from '../../server/schemas/contract.ts';

/**
 * Who this page is for: a signed-in account (with the CSRF token its writes carry) or a big
 * screen's device token from its link. Fixed for the page's life; signing in or out loads the
 * page afresh. The server enforces every permission; the page reads the same rules only to offer
 * what the account may use.
 */

export type Viewer = { kind: 'account'; session: SessionAnswer } | { kind: 'device'; token: string };

let viewer: Viewer | null = null;
let sessionEnded: (code: string | null) => void = () => {};

export function setViewer(next: Viewer): void {
  viewer = next;
}

/** What happens when the server says the session is over (or the device token revoked): the page shows the sign-in again, saying why. */
export function onSessionEnded(handler: (code: string | null) => void): void {
  sessionEnded = handler;
}

export function endSession(code: string | null): void {
  viewer = null;
  sessionEnded(code);
}

/** The headers every request carries: a device's token, or for a write the session's CSRF token (the cookie goes by itself). */
export function credentialHeaders(method: string): Record<string, string> {
  if (viewer?.kind === 'device') return { authorization: `Bearer ${viewer.token}` };
  if (viewer?.kind === 'account' && !['GET', 'HEAD'].includes(method)) return { 'x-csrf-token': viewer.session.csrfToken };
  return {};
}

/** An EventSource or an image sends no headers: a big screen's live feed and photos carry its device token in the address, as its link does. */
export function deviceQuery(): string {
  return viewer?.kind === 'device' ? `?device=${encodeURIComponent(viewer.token)}` : '';
}

export const ViewerContext = createContext<Viewer | null>(null);

export const useViewer = () => useContext(ViewerContext);

export function useAccount(): SessionAnswer['account'] | null {
  const current = useViewer();
  return current?.kind === 'account' ? current.session.account : null;
}

/** Whether the viewer holds a permission (server/domain/roles.ts). */
export function usePermission(permission: Permission): boolean {
  const current = useViewer();
  if (!current) return false;
  if (current.kind === 'device') return DEVICE_PERMISSIONS.includes(permission);
  return holdsPermission(current.session.account.roles, permission);
}

/** Whether the viewer's roles take a workflow action (the problem's state decides the rest). */
export function useMayTakeAction(): (action: IssueAction) => boolean {
  const account = useAccount();
  return (action) => account !== null && mayTakeAction(account.roles, action);
}
