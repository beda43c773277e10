import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid } from '@turf/turf';
import type { AddressInfo } from 'node:net';
import type { AccountSessions, AuditPage, GridCollection, IssueDetail, IssueList, SessionAnswer } from '../../server/schemas/contract.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { openEventStream } from '../support/event-stream.ts';

const MINUTE = 60_000;

/** Accounts, sessions, roles and data scope, and the audit log, through the API on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let clock = TEST_NOW;

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1500);
    app = await buildTestApp({
      store: district.openStore(), now: () => clock, signedInAs: null, rateLimits: UNLIMITED,
      security: { sessionIdleMinutes: 30, sessionHours: 12, signInsPerMinute: 1_000_000 },
    });
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const signInWith = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  const as = (signedIn: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: signedIn.headers, ...(payload ? { payload } : {}) });
  const auditOf = async (query: string) => ((await as(await signIn(app, 'auditor'), 'GET', `/api/audit?${query}`)).json() as AuditPage).entries;

  describe('signing in', () => {
    it('gives an HttpOnly, SameSite=Strict session cookie and the account with its CSRF token; a wrong password gets 401', async () => {
      const response = await signInWith('commander', DEMO_PASSWORD);
      expect(response.statusCode, response.body).toBe(200);
      const cookie = response.cookies.find((each) => each.name === 'civgrid_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie.secure).toBeFalsy();
      const answer = response.json() as SessionAnswer;
      expect(answer.account).toEqual({ username: 'commander', displayName: '孙浩', roles: ['commander'], departmentId: null, gridCodes: [], mustChangePassword: false });
      expect(answer.district).toEqual({ code: 'qingchuan', name: '青川区' });
      expect(answer.csrfToken).toMatch(/^[\w-]{43}$/);
      expect(await district.scalar(`SELECT count(*) FROM sessions WHERE token_hash = '${cookie.value.split('.')[1]}'`)).toBe(0);

      const wrong = await signInWith('commander', 'Wrong#2026');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'wrong_password_lock_near', params: { attemptsLeft: 4 }, message: expect.stringMatching(/^the username or password is wrong; 4 more wrong tries lock the account/) });
      const unknown = await signInWith('nobody', DEMO_PASSWORD);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toMatchObject({ code: 'wrong_password', params: {}, message: 'the username or password is wrong' });
      expect((await signInWith('commander', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('marks the cookie Secure behind a TLS proxy', async () => {
      const behindProxy = await buildTestApp({ store: district.openStore(), signedInAs: null, security: { behindTlsProxy: true } });
      try {
        const response = await behindProxy.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: DEMO_PASSWORD } });
        expect(response.cookies.find((each) => each.name === 'civgrid_session')!.secure).toBe(true);
        expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      } finally {
        await behindProxy.close();
      }
    });

    it('locks an account for 15 minutes after 5 wrong passwords, with 423 even for the right one, and logs it', async () => {
      for (let attempt = 1; attempt <= 4; attempt += 1) expect((await signInWith('inspector', `Wrong#${attempt}x`)).statusCode).toBe(401);
      const fifth = await signInWith('inspector', 'Wrong#5x');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json()).toMatchObject({ code: 'account_locked', lockedUntil: new Date(clock + 15 * MINUTE).toISOString() });
      expect(fifth.json().message).toMatch(/^this account is locked after too many wrong passwords until \d\d:\d\d \(China time\); try again in 15 min/);
      expect((await signInWith('inspector', DEMO_PASSWORD)).statusCode).toBe(423);
      clock += 15 * MINUTE + 1;
      expect((await signInWith('inspector', DEMO_PASSWORD)).statusCode).toBe(200);
      const entries = await auditOf('username=inspector');
      expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
        ['sign_in', 'ok'], ['sign_in', 'refused'], ['lockout', 'ok'], ['sign_in', 'refused'], ['sign_in', 'refused'], ['sign_in', 'refused'], ['sign_in', 'refused'], ['sign_in', 'refused'],
      ]);
      expect(entries[2]!.detail).toMatchObject({ failures: 5 });
    });

    it('limits sign-in attempts per address', async () => {
      const limited = await buildTestApp({ store: district.openStore(), signedInAs: null, security: { signInsPerMinute: 3 } });
      try {
        const statuses = [];
        for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await limited.inject({ method: 'POST', url: '/api/session', payload: { username: 'nobody', password: 'Wrong#2026' } })).statusCode);
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('a session', () => {
    it('ends after 30 minutes without use and 12 hours after sign-in, saying which, and on signing out', async () => {
      const idle = await signIn(app, 'leader');
      clock += 29 * MINUTE;
      expect((await as(idle, 'GET', '/api/session')).statusCode).toBe(200);
      clock += 29 * MINUTE;
      expect((await as(idle, 'GET', '/api/session')).statusCode).toBe(200);
      clock += 31 * MINUTE;
      const expired = await as(idle, 'GET', '/api/session');
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ code: 'session_idle', message: 'your session expired after a time without use; sign in again' });

      const long = await signIn(app, 'leader');
      for (let step = 0; step < 36; step += 1) {
        clock += 20 * MINUTE;
        expect((await as(long, 'GET', '/api/districts/qingchuan/categories')).statusCode).toBe(200);
      }
      clock += MINUTE;
      expect((await as(long, 'GET', '/api/session')).json()).toMatchObject({ code: 'session_expired' });

      const leaving = await signIn(app, 'leader');
      expect((await as(leaving, 'DELETE', '/api/session')).statusCode).toBe(204);
      expect((await as(leaving, 'GET', '/api/session')).json()).toMatchObject({ code: 'session_signed_out' });
    });

    it('refuses a write by cookie without the session\'s CSRF token, changing nothing', async () => {
      const commander = await signIn(app, 'commander');
      const events = await district.scalar('SELECT count(*) FROM issue_events');
      for (const token of [undefined, 'x'.repeat(43)]) {
        const response = await app.inject({
          method: 'POST', url: '/api/districts/qingchuan/issues/1/actions', payload: { action: 'void', version: 1, note: '伪造' },
          headers: { cookie: commander.headers.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'csrf' });
      }
      expect(await district.scalar('SELECT count(*) FROM issue_events')).toBe(events);
    });
  });

  describe('accounts', () => {
    it('are made by the administrator with a first password that must be changed, under the password policy, never reusing the last 3', async () => {
      const admin = await signIn(app, 'admin');
      const weak = await as(admin, 'POST', '/api/accounts', { username: 'zhang', displayName: '张伟', roles: ['inspector'], password: 'abcdefgh' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().message).toBe('password: mix letters and digits');
      const created = await as(admin, 'POST', '/api/accounts', { username: '13800000001', displayName: '张伟', roles: ['inspector'], password: 'First#2026' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ username: '13800000001', roles: ['inspector'], mustChangePassword: true, disabledAt: null });
      expect((await as(admin, 'POST', '/api/accounts', { username: '13800000001', displayName: '又一个', roles: ['inspector'], password: 'First#2026' })).statusCode).toBe(409);

      const first = await signIn(app, 'inspector', undefined, 'First#2026').catch(() => null);
      expect(first).toBeNull();
      const signedIn = await signInWith('13800000001', 'First#2026');
      expect(signedIn.json().account.mustChangePassword).toBe(true);
      const session: SignedIn = { headers: { cookie: `civgrid_session=${signedIn.cookies[0]!.value}`, 'x-csrf-token': signedIn.json().csrfToken } };
      const blocked = await as(session, 'GET', '/api/districts/qingchuan/issues');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ code: 'password_change_required' });

      const change = (currentPassword: string, newPassword: string) => as(session, 'PUT', '/api/session/password', { currentPassword, newPassword });
      expect((await change('Wrong#2026', 'Second#2026')).json().message).toBe('currentPassword: this is not your current password');
      expect((await change('First#2026', 'short1')).json().message).toBe('password: at least 8 characters');
      expect((await change('First#2026', 'First#2026')).json().message).toBe('password: one of the last 3 passwords; choose another');
      expect((await change('First#2026', 'Second#2026')).statusCode).toBe(204);
      expect((await as(session, 'GET', '/api/districts/qingchuan/issues?limit=1')).statusCode).toBe(200);
      expect((await change('Second#2026', 'Third#2026')).statusCode).toBe(204);
      expect((await change('Third#2026', 'First#2026')).statusCode).toBe(400);
      expect((await change('Third#2026', 'Fourth#2026')).statusCode).toBe(204);
      expect((await change('Fourth#2026', 'First#2026')).statusCode).toBe(204);
    });

    it('are disabled, never deleted: their sessions end and they cannot sign in; a reset forces a new password', async () => {
      const admin = await signIn(app, 'admin');
      const made = await as(admin, 'POST', '/api/accounts', { username: 'w0042', displayName: '王芳', roles: ['gridworker'], gridCodes: ['B03'], password: 'Start#2026' });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json().gridCodes).toEqual(['B03']);
      const missingGrid = await as(admin, 'POST', '/api/accounts', { username: 'w0043', displayName: '李娜', roles: ['gridworker'], password: 'Start#2026' });
      expect(missingGrid.json().message).toBe('gridCodes: a grid worker needs at least one grid');
      const twoDuties = await as(admin, 'POST', '/api/accounts', { username: 'w0044', displayName: '刘洋', roles: ['admin', 'auditor'], password: 'Start#2026' });
      expect(twoDuties.json().message).toMatch(/^roles: admin is held alone \(三员分立\)/);

      const worker = await signInWith('w0042', 'Start#2026');
      const workerSession: SignedIn = { headers: { cookie: `civgrid_session=${worker.cookies[0]!.value}`, 'x-csrf-token': worker.json().csrfToken } };
      const reset = await as(admin, 'PATCH', '/api/accounts/w0042', { password: 'Reset#2026' });
      expect(reset.json()).toMatchObject({ mustChangePassword: true });
      expect((await as(workerSession, 'GET', '/api/session')).json()).toMatchObject({ code: 'session_password_changed' });

      expect((await as(admin, 'PATCH', '/api/accounts/w0042', { disabled: true })).json().disabledAt).toBe(new Date(clock).toISOString());
      expect((await signInWith('w0042', 'Reset#2026')).json()).toMatchObject({ code: 'account_disabled' });
      expect(await district.scalar("SELECT count(*) FROM accounts WHERE username = 'w0042'")).toBe(1);
      const sessions = (await as(admin, 'GET', '/api/accounts/w0042/sessions')).json() as AccountSessions;
      expect(sessions.sessions.map((session) => session.endReason)).toEqual(['password_changed']);
      expect((await as(admin, 'PATCH', '/api/accounts/admin', { disabled: true })).statusCode).toBe(400);

      const leader = await signIn(app, 'leader');
      expect((await as(admin, 'POST', '/api/accounts/leader/sessions/end', {})).json().ended).toBeGreaterThanOrEqual(1);
      expect((await as(leader, 'GET', '/api/session')).json()).toMatchObject({ code: 'session_revoked' });
      expect((await as(admin, 'PATCH', '/api/accounts/w0042', { disabled: false })).json().disabledAt).toBeNull();
    });
  });

  describe('data scope', () => {
    it('shows a department account only its department\'s problems, in lists, counts, positions and details', async () => {
      const department = await signIn(app, 'department');
      const departmentId = (await as(department, 'GET', '/api/session')).json().account.departmentId as number;
      const commander = await signIn(app, 'commander');
      const own = (await as(department, 'GET', '/api/districts/qingchuan/issues?limit=1000')).json() as IssueList;
      expect(own.total).toBe(await district.scalar(`SELECT count(*) FROM issues WHERE department_id = ${departmentId}`));
      expect(own.total).toBeGreaterThan(0);
      expect(own.items.every((issue) => issue.department?.id === departmentId)).toBe(true);
      const positions = await as(department, 'GET', '/api/districts/qingchuan/issues/positions');
      expect(Number(positions.headers['x-issue-count'])).toBe(own.total);
      const other = await district.scalar(`SELECT min(id) FROM issues WHERE department_id != ${departmentId}`);
      const hidden = await as(department, 'GET', `/api/districts/qingchuan/issues/${other}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().message).toBe(`issue ${other} does not exist`);
      expect((await as(commander, 'GET', `/api/districts/qingchuan/issues/${other}`)).statusCode).toBe(200);
      expect((await as(department, 'GET', `/api/districts/qingchuan/issues?department=${departmentId === 1 ? 2 : 1}`)).statusCode).toBe(403);
      const foreign = (await as(commander, 'GET', `/api/districts/qingchuan/issues/${other}`)).json() as IssueDetail;
      expect((await as(department, 'POST', `/api/districts/qingchuan/issues/${other}/actions`, { action: 'accept', version: foreign.version })).statusCode).toBe(404);
    });

    it('lets each role act only as its part of the workflow allows, recording the account and its address', async () => {
      const [commander, department, inspector, leader, gridworker] = await Promise.all((['commander', 'department', 'inspector', 'leader', 'gridworker'] as const).map((role) => signIn(app, role))) as [SignedIn, SignedIn, SignedIn, SignedIn, SignedIn];
      const me = async (who: SignedIn) => (await as(who, 'GET', '/api/session')).json() as SessionAnswer;
      const grids = (await as(commander, 'GET', '/api/districts/qingchuan/grids')).json() as GridCollection;
      const centreOf = (code: string) => centroid(grids.features.find((feature) => feature.properties.code === code)!).geometry.coordinates as [number, number];
      const workerGrid = (await me(gridworker)).account.gridCodes[0]!;
      const elsewhere = grids.features.find((feature) => feature.properties.kind === 'block' && feature.properties.code !== workerGrid)!.properties.code;
      const report = (who: SignedIn, code: string) => {
        const [longitude, latitude] = centreOf(code);
        return as(who, 'POST', '/api/districts/qingchuan/issues', { category: 'exposed_garbage', source: 'grid_patrol', description: '权限测试', address: '测试', longitude, latitude });
      };
      expect((await report(gridworker, elsewhere)).json().message).toMatch(/outside your grids/);
      const reported = await report(gridworker, workerGrid);
      expect(reported.statusCode, reported.body).toBe(201);
      const issue = reported.json() as IssueDetail;
      expect(issue.events[0]!.actor).toBe('吴芳（gridworker）');

      const act = (who: SignedIn, body: object) => as(who, 'POST', `/api/districts/qingchuan/issues/${issue.id}/actions`, body);
      const departmentId = (await me(department)).account.departmentId!;
      expect((await act(department, { action: 'dispatch', version: 1, departmentId })).json().message).toMatch(/may not dispatch/);
      expect((await act(commander, { action: 'dispatch', version: 1, departmentId })).statusCode).toBe(200);
      expect((await act(leader, { action: 'supervise', version: 2, note: '请加快整改' })).statusCode).toBe(
        (await me(leader)).account.gridCodes.includes(workerGrid) ? 200 : 403);
      const version = ((await as(commander, 'GET', `/api/districts/qingchuan/issues/${issue.id}`)).json() as IssueDetail).version;
      expect((await act(inspector, { action: 'accept', version })).statusCode).toBe(403);
      expect((await act(department, { action: 'accept', version })).statusCode).toBe(200);
      expect((await act(department, { action: 'submit_rectification', version: version + 1, note: '已清理' })).statusCode).toBe(200);
      expect((await act(inspector, { action: 'pass_inspection', version: version + 2 })).statusCode).toBe(200);
      expect((await as(leader, 'POST', '/api/districts/qingchuan/issues/bulk', { action: 'void', note: 'x', items: [{ id: issue.id, version: version + 3 }] })).statusCode).toBe(403);

      const writes = (await auditOf(`action=issue.pass_inspection`)).filter((entry) => entry.target === `issue:${issue.id}`);
      expect(writes).toMatchObject([{ username: 'inspector', address: '127.0.0.1', outcome: 'ok' }]);
      const history = ((await as(commander, 'GET', `/api/districts/qingchuan/issues/${issue.id}`)).json() as IssueDetail).events.map((event) => [event.action, event.actor]);
      expect(history.filter(([action]) => action !== 'supervise')).toEqual([
        ['report', '吴芳（gridworker）'], ['dispatch', '孙浩（commander）'], ['accept', `${(await me(department)).account.displayName}（department）`],
        ['submit_rectification', `${(await me(department)).account.displayName}（department）`], ['pass_inspection', '周杰（inspector）'],
      ]);
    });

    it('tells a department account on the live feed of its own problems only', async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const [commander, department] = [await signIn(app, 'commander'), await signIn(app, 'department')];
      const departmentId = (await as(department, 'GET', '/api/session')).json().account.departmentId as number;
      const stream = await openEventStream(`${origin}/api/districts/qingchuan/events`, department.headers);
      try {
        await stream.next('counts');
        const assigned = async (query: string) => ((await as(commander, 'GET', `/api/districts/qingchuan/issues?state=assigned,in_progress&limit=200${query}`)).json() as IssueList).items;
        const foreign = (await assigned('')).find((issue) => issue.department?.id !== departmentId)!;
        const own = (await assigned(`&department=${departmentId}`))[0]!;
        const deadline = new Date(clock + 40 * 86_400_000).toISOString();
        for (const issue of [foreign, own]) {
          expect((await as(commander, 'POST', `/api/districts/qingchuan/issues/${issue.id}/actions`, { action: 'set_deadline', version: issue.version, deadline })).statusCode).toBe(200);
        }
        const heard = await stream.next('issue');
        expect((heard.data as { issue: { id: number } }).issue.id).toBe(own.id);
      } finally {
        stream.close();
      }
    });
  });

  describe('the audit log', () => {
    it('is read and exported by the auditor alone, and the database refuses to change it', async () => {
      const auditor = await signIn(app, 'auditor');
      const page = (await as(auditor, 'GET', '/api/audit?limit=5')).json() as AuditPage;
      expect(page.entries).toHaveLength(5);
      expect(page.nextCursor).not.toBeNull();
      const next = (await as(auditor, 'GET', `/api/audit?limit=5&cursor=${page.nextCursor}`)).json() as AuditPage;
      expect(next.entries[0]!.id).toBeLessThan(page.entries.at(-1)!.id);
      expect((await as(await signIn(app, 'admin'), 'GET', '/api/audit')).statusCode).toBe(403);

      const exported = await as(auditor, 'GET', '/api/audit/export?action=sign_in');
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.body.startsWith('\uFEFF')).toBe(true);
      const lines = exported.body.slice(1).trim().split('\r\n');
      expect(lines[0]).toBe('id,时间 (China time),账号,地址,操作,对象,结果,详情');
      expect(lines.length - 1).toBe(await district.scalar("SELECT count(*) FROM audit_log WHERE action = 'sign_in'"));
      expect((await auditOf('action=audit.export'))[0]).toMatchObject({ username: 'auditor', detail: { action: 'sign_in', rows: lines.length - 1 } });

      const before = await district.scalar('SELECT count(*) FROM audit_log');
      await expect(district.execute('UPDATE audit_log SET action = \'nothing\' WHERE id = 1')).rejects.toThrow(/audit log is never changed/);
      await expect(district.execute('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/audit log is never (changed|deleted)/);
      expect(await district.scalar('SELECT count(*) FROM audit_log')).toBe(before);
    });
  });
});
