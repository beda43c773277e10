import { createHash, randomBytes } from 'node:crypto';
import { ClientError, unauthenticated, refusal } from '../errors.ts';
import { formatChinaMinute } from '../domain/china-time.ts';
import type { SecurityOptions } from '../security-options.ts';
import { auditEntry, type AccountRecord, type ScreenDeviceRecord, type SessionEndReason, type SessionRecord } from '../store/security.ts';
import type { ServedDistrict } from '../plugins/served-districts.ts';
import { passwordMatches, spendVerification } from './passwords.ts';

/**
 * Sign-in, sessions and device tokens. A session's or device's credential is `<district>.<secret>`:
 * the district says which store holds it, and the store keeps only the secret's SHA-256, so a
 * copy of the database lets no one in. The CSRF token is derived from the secret, which the
 * HttpOnly cookie keeps from any script: a page elsewhere can neither read the cookie nor compute it.
 */

export interface SignedInAccount {
  kind: 'account';
  served: ServedDistrict;
  account: AccountRecord;
  session: SessionRecord;
  csrfToken: string;
}

export interface ScreenDevicePrincipal {
  kind: 'device';
  served: ServedDistrict;
  device: ScreenDeviceRecord;
}

export type Principal = SignedInAccount | ScreenDevicePrincipal;

/** A session is marked used at most this often: a read does not write every time. */
const TOUCH_INTERVAL_MS = 60_000;

export const newSecret = () => randomBytes(32).toString('base64url');
export const tokenHash = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const csrfTokenOf = (secret: string) => createHash('sha256').update(`csrf:${secret}`).digest('base64url');

/** The district and the secret of a credential, or null when it is not one this server gives out. */
export function parseCredential(value: string): { districtCode: string; secret: string } | null {
  const match = /^([a-z0-9][a-z0-9_]{0,30})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { districtCode: match[1]!, secret: match[2]! } : null;
}

export interface RequestOrigin {
  address: string;
  userAgent: string | null;
}

export async function signIn(served: ServedDistrict, username: string, password: string, origin: RequestOrigin, now: number, options: SecurityOptions) {
  const { security } = served.store;
  const audit = (outcome: 'ok' | 'refused', action: string, detail: Record<string, unknown> | null) =>
    ({ occurredAt: now, username, address: origin.address, action, target: `account:${username}`, outcome, detail });
  const account = await security.repositories.accounts.byUsername(username);
  if (!account || account.disabledAt !== null) {
    await spendVerification(password);
    await security.repositories.audit.record(audit('refused', 'sign_in', { reason: account ? 'disabled' : 'unknown_username' }));
    if (account) throw new ClientError(401, 'this account is disabled; ask the administrator', refusal('account_disabled', {}));
    throw new ClientError(401, 'the username or password is wrong', refusal('wrong_password', {}));
  }
  if (account.lockedUntil !== null && account.lockedUntil > now) {
    await security.repositories.audit.record(audit('refused', 'sign_in', { reason: 'locked' }));
    throw locked(account.lockedUntil, now);
  }
  if (!await passwordMatches(account.passwordHash, password)) {
    const failures = account.failedSignIns + 1;
    const lockedUntil = failures >= options.lockoutAttempts ? now + options.lockoutMinutes * 60_000 : null;
    await security.transaction(async ({ accounts, audit: log }) => {
      await accounts.update(account.id, { failedSignIns: lockedUntil === null ? failures : 0, lockedUntil }, now);
      await log.record(audit('refused', 'sign_in', { reason: 'wrong_password', failures }));
      if (lockedUntil !== null) await log.record(audit('ok', 'lockout', { until: new Date(lockedUntil).toISOString(), failures }));
    });
    if (lockedUntil !== null) throw locked(lockedUntil, now);
    const left = options.lockoutAttempts - failures;
    throw new ClientError(401, `the username or password is wrong; ${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} the account`, refusal('wrong_password_lock_near', { attemptsLeft: left }), { attemptsLeft: left });
  }
  const secret = newSecret();
  const session = await security.transaction(async ({ accounts, sessions, audit: log }) => {
    if (account.failedSignIns !== 0 || account.lockedUntil !== null) await accounts.update(account.id, { failedSignIns: 0, lockedUntil: null }, now);
    const id = await sessions.create({ tokenHash: tokenHash(secret), accountId: account.id, at: now, address: origin.address, userAgent: origin.userAgent });
    await log.record(audit('ok', 'sign_in', { session: id }));
    return (await sessions.byTokenHash(tokenHash(secret)))!;
  });
  return {
    credential: `${served.district.code}.${secret}`,
    principal: { kind: 'account', served, account: { ...account, failedSignIns: 0, lockedUntil: null }, session, csrfToken: csrfTokenOf(secret) } satisfies SignedInAccount,
  };
}

function locked(until: number, now: number): ClientError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new ClientError(423, `this account is locked after too many wrong passwords until ${formatChinaMinute(until)} (China time); try again in ${minutes} min, or ask the administrator`,
    refusal('account_locked', { lockedUntil: new Date(until).toISOString(), minutes }), { lockedUntil: new Date(until).toISOString() });
}

const ENDED_MESSAGES: Record<SessionEndReason, string> = {
  signed_out: 'you signed out; sign in again',
  revoked: 'your session was ended by an administrator; sign in again',
  idle: 'your session expired after a time without use; sign in again',
  expired: 'your session reached its time limit; sign in again',
  password_changed: 'your password was changed; sign in again with the new one',
  disabled: 'your account was disabled; ask the administrator',
};

const ended = (reason: SessionEndReason) => new ClientError(401, ENDED_MESSAGES[reason], refusal(`session_${reason}`, {}));

/** The signed-in account a session secret belongs to; a session past its time is ended here. */
export async function resumeSession(served: ServedDistrict, secret: string, now: number, options: SecurityOptions): Promise<SignedInAccount> {
  const { sessions, accounts } = served.store.security.repositories;
  const session = await sessions.byTokenHash(tokenHash(secret));
  if (!session) throw unauthenticated('this session is not known here; sign in again', 'session_unknown');
  if (session.endedAt !== null) throw ended(session.endReason ?? 'signed_out');
  const account = await accounts.byId(session.accountId);
  const reason: SessionEndReason | null = !account || account.disabledAt !== null ? 'disabled'
    : now - session.lastSeenAt > options.sessionIdleMinutes * 60_000 ? 'idle'
      : now - session.createdAt > options.sessionHours * 3_600_000 ? 'expired' : null;
  if (reason) {
    await served.store.security.transaction(async ({ sessions: open, audit }) => {
      await open.end(session.id, now, reason);
      await audit.record(auditEntry({ username: account?.username ?? null, address: null }, now, 'session_end', `session:${session.id}`, { reason }));
    });
    throw ended(reason);
  }
  if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) await sessions.touch(session.id, now);
  return { kind: 'account', served, account: account!, session, csrfToken: csrfTokenOf(secret) };
}

/** The screen device a token belongs to. */
export async function screenDevice(served: ServedDistrict, secret: string, now: number): Promise<ScreenDevicePrincipal> {
  const { screenDevices } = served.store.security.repositories;
  const device = await screenDevices.byTokenHash(tokenHash(secret));
  if (!device) throw unauthenticated('this screen link\'s device token is not known here; ask the administrator for the current link', 'device_unknown');
  if (device.revokedAt !== null) throw new ClientError(401, 'this screen\'s device token was revoked; ask the administrator for a new link', refusal('device_revoked', {}));
  if (device.lastSeenAt === null || now - device.lastSeenAt >= TOUCH_INTERVAL_MS) await screenDevices.touch(device.id, now);
  return { kind: 'device', served, device };
}
