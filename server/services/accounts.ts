import { randomBytes } from 'node:crypto';
import { accountAssignmentProblem, type Role } from '../domain/roles.ts';
import { PASSWORDS_REMEMBERED, passwordProblem } from '../domain/password-policy.ts';
import { ClientError, invalidParameter, notFound, refusal } from '../errors.ts';
import { toInstant, toNullableInstant } from '../store/instants.ts';
import type { Store } from '../store/store.ts';
import { auditEntry, type AccountChanges, type AccountRecord, type AuditOrigin, type ScreenDeviceRecord, type SecurityRepositories, type SessionRecord } from '../store/security.ts';
import type { Account, AccountChangeBody, NewAccountBody, ScreenDevice } from '../schemas/contract.ts';
import { hashPassword, passwordMatches } from './passwords.ts';
import { tokenHash } from './sessions.ts';

/** Who does an administrative change, and from where. */
export type ChangeOrigin = AuditOrigin & { username: string };

/** The grids' codes by id and ids by code, read again when an import or an edit changes the grids. */
const gridMaps = new WeakMap<Store, { version: number; maps: Promise<{ codeOf: Map<number, string>; idOf: Map<string, number> }> }>();
export async function gridCodes(store: Store, now: number) {
  const version = await store.repositories.grids.version();
  const kept = gridMaps.get(store);
  if (kept?.version === version) return kept.maps;
  const maps = store.repositories.grids.list(now).then(async (grids) => {
    const codes = grids.map((grid) => grid.properties.code);
    const ids = await Promise.all(codes.map((code) => store.repositories.grids.idByCode(code)));
    return { codeOf: new Map(ids.map((id, index) => [id!, codes[index]!])), idOf: new Map(codes.map((code, index) => [code, ids[index]!])) };
  });
  gridMaps.set(store, { version, maps });
  return maps;
}

export async function accountAnswer(store: Store, account: AccountRecord, now: number): Promise<Account> {
  const { codeOf } = await gridCodes(store, now);
  return {
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    departmentId: account.departmentId,
    gridCodes: account.gridIds.map((id) => codeOf.get(id) ?? String(id)),
    mustChangePassword: account.mustChangePassword,
    lockedUntil: account.lockedUntil !== null && account.lockedUntil > now ? toInstant(account.lockedUntil) : null,
    disabledAt: toNullableInstant(account.disabledAt),
    createdAt: toInstant(account.createdAt),
    updatedAt: toInstant(account.updatedAt),
  };
}

export const sessionAnswer = (session: SessionRecord) => ({
  id: session.id, signedInAt: toInstant(session.createdAt), lastSeenAt: toInstant(session.lastSeenAt), endedAt: toNullableInstant(session.endedAt),
  endReason: session.endReason, address: session.address, userAgent: session.userAgent,
});

export const deviceAnswer = (device: ScreenDeviceRecord): ScreenDevice => ({
  id: device.id, name: device.name, createdAt: toInstant(device.createdAt), createdBy: device.createdBy,
  revokedAt: toNullableInstant(device.revokedAt), lastSeenAt: toNullableInstant(device.lastSeenAt),
});


async function gridIdsOf(store: Store, codes: readonly string[], now: number): Promise<number[]> {
  const { idOf } = await gridCodes(store, now);
  return codes.map((code) => {
    const id = idOf.get(code);
    if (id === undefined) throw invalidParameter('gridCodes', `no grid has the code '${code}'`, 'unknown_grid', { grid: code });
    return id;
  });
}

async function checkDepartment(store: Store, departmentId: number | null): Promise<void> {
  if (departmentId !== null && !await store.repositories.reference.departmentExists(departmentId)) {
    throw invalidParameter('departmentId', `no department has the id ${departmentId}`, 'unknown_department', { id: departmentId });
  }
}

async function checkNewPassword(repositories: SecurityRepositories, account: Pick<AccountRecord, 'id' | 'username'>, password: string): Promise<void> {
  const problem = passwordProblem(password, account.username);
  if (problem) throw new ClientError(400, problem, refusal('weak_password', {}));
  for (const earlier of await repositories.accounts.recentPasswordHashes(account.id, PASSWORDS_REMEMBERED)) {
    if (await passwordMatches(earlier, password)) throw new ClientError(400, `password: one of the last ${PASSWORDS_REMEMBERED} passwords; choose another`, refusal('reused_password', { count: PASSWORDS_REMEMBERED }));
  }
}

export async function createAccount(store: Store, body: NewAccountBody, origin: ChangeOrigin, now: number): Promise<AccountRecord> {
  const gridIds = await gridIdsOf(store, body.gridCodes ?? [], now);
  const departmentId = body.departmentId ?? null;
  const problem = accountAssignmentProblem({ roles: body.roles, departmentId, gridIds });
  if (problem) throw new ClientError(400, problem, refusal('account_assignment', { field: problem.split(':')[0]! }));
  await checkDepartment(store, departmentId);
  const weak = passwordProblem(body.password, body.username);
  if (weak) throw new ClientError(400, weak, refusal('weak_password', {}));
  const passwordHash = await hashPassword(body.password);
  return store.security.transaction(async (repositories) => {
    if (await repositories.accounts.byUsername(body.username)) throw new ClientError(409, `username: ${body.username} is taken (accounts are never deleted, so a name is never free again)`, refusal('username_taken', { username: body.username }));
    const id = await repositories.accounts.create({
      username: body.username, displayName: body.displayName.trim(), roles: body.roles, departmentId, gridIds, passwordHash, mustChangePassword: true,
    }, now);
    await repositories.accounts.recordPassword(id, passwordHash, now);
    await repositories.audit.record(auditEntry(origin, now, 'account.create', `account:${body.username}`,
      { roles: body.roles, departmentId, gridCodes: body.gridCodes ?? [] }));
    return (await repositories.accounts.byId(id))!;
  });
}

export async function changeAccount(store: Store, username: string, body: AccountChangeBody, origin: ChangeOrigin, now: number): Promise<AccountRecord> {
  const account = await store.security.repositories.accounts.byUsername(username);
  if (!account) throw notFound('account', username);
  const changes: AccountChanges = {};
  if (body.displayName !== undefined) changes.displayName = body.displayName.trim();
  if (body.roles !== undefined) changes.roles = body.roles as Role[];
  if (body.departmentId !== undefined) changes.departmentId = body.departmentId;
  if (body.gridCodes !== undefined) changes.gridIds = await gridIdsOf(store, body.gridCodes, now);
  const after = { roles: changes.roles ?? account.roles, departmentId: changes.departmentId ?? (body.departmentId === null ? null : account.departmentId), gridIds: changes.gridIds ?? account.gridIds };
  const problem = accountAssignmentProblem(after);
  if (problem) throw new ClientError(400, problem, refusal('account_assignment', { field: problem.split(':')[0]! }));
  await checkDepartment(store, after.departmentId);
  if (username === origin.username && (body.disabled === true || (changes.roles && !changes.roles.includes('admin')))) {
    throw new ClientError(400, 'an administrator may not disable their own account or give up their own admin role; another administrator can', refusal('own_admin_account', {}));
  }
  if (body.disabled !== undefined) changes.disabledAt = body.disabled ? (account.disabledAt ?? now) : null;
  if (body.unlock) Object.assign(changes, { lockedUntil: null, failedSignIns: 0 });
  const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
  if (body.password !== undefined) {
    await checkNewPassword(store.security.repositories, account, body.password);
    Object.assign(changes, { passwordHash, mustChangePassword: true });
  }
  return store.security.transaction(async (repositories) => {
    await repositories.accounts.update(account.id, changes, now);
    if (passwordHash !== undefined) await repositories.accounts.recordPassword(account.id, passwordHash, now);
    // A disabled account, or one whose password an administrator reset, is signed out everywhere.
    const endReason = body.disabled ? 'disabled' : passwordHash !== undefined ? 'password_changed' : null;
    const ended = endReason ? await repositories.sessions.endAllOf(account.id, now, endReason) : 0;
    const { passwordHash: _hidden, ...changed } = changes;
    await repositories.audit.record(auditEntry(origin, now, body.password !== undefined ? 'account.password_reset' : 'account.change', `account:${username}`,
      { ...changed, ...(body.gridCodes ? { gridCodes: body.gridCodes } : {}), ...(ended ? { sessionsEnded: ended } : {}) }));
    return (await repositories.accounts.byId(account.id))!;
  });
}

/** One's own password: the current one again, then a new one the policy allows; other sessions end. */
export async function changeOwnPassword(store: Store, account: AccountRecord, sessionId: number, current: string, next: string, origin: ChangeOrigin, now: number): Promise<void> {
  if (!await passwordMatches(account.passwordHash, current)) throw new ClientError(400, 'currentPassword: this is not your current password', refusal('wrong_password', {}));
  await checkNewPassword(store.security.repositories, account, next);
  const passwordHash = await hashPassword(next);
  await store.security.transaction(async (repositories) => {
    await repositories.accounts.update(account.id, { passwordHash, mustChangePassword: false }, now);
    await repositories.accounts.recordPassword(account.id, passwordHash, now);
    const ended = await repositories.sessions.endAllOf(account.id, now, 'password_changed', sessionId);
    await repositories.audit.record(auditEntry(origin, now, 'password_change', `account:${account.username}`, ended ? { otherSessionsEnded: ended } : null));
  });
}

export async function createScreenDevice(store: Store, name: string, origin: ChangeOrigin, now: number): Promise<{ device: ScreenDeviceRecord; secret: string }> {
  const secret = randomBytes(32).toString('base64url');
  const device = await store.security.transaction(async (repositories) => {
    const id = await repositories.screenDevices.create({ name: name.trim(), tokenHash: tokenHash(secret), at: now, createdBy: origin.username });
    await repositories.audit.record(auditEntry(origin, now, 'device.create', `device:${id}`, { name: name.trim() }));
    return (await repositories.screenDevices.byId(id))!;
  });
  return { device, secret };
}

export async function revokeScreenDevice(store: Store, id: number, origin: ChangeOrigin, now: number): Promise<ScreenDeviceRecord> {
  return store.security.transaction(async (repositories) => {
    const device = await repositories.screenDevices.byId(id);
    if (!device) throw notFound('screen_device', id);
    if (device.revokedAt === null) {
      await repositories.screenDevices.revoke(id, now);
      await repositories.audit.record(auditEntry(origin, now, 'device.revoke', `device:${id}`, { name: device.name }));
    }
    return (await repositories.screenDevices.byId(id))!;
  });
}

/** Ends every open session of an account: an administrator's answer to a lost phone or a shared screen left signed in. */
export async function endSessions(store: Store, username: string, origin: ChangeOrigin, now: number): Promise<number> {
  const account = await store.security.repositories.accounts.byUsername(username);
  if (!account) throw notFound('account', username);
  return store.security.transaction(async (repositories) => {
    const ended = await repositories.sessions.endAllOf(account.id, now, 'revoked');
    await repositories.audit.record(auditEntry(origin, now, 'account.sessions_end', `account:${username}`, { sessionsEnded: ended }));
    return ended;
  });
}
