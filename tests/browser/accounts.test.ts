import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, IssueList, SessionAnswer } from '../../server/schemas/contract.ts';
import { DEMO_PASSWORD, demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { openPage, screenshot, startServer, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { signIn } from '../support/test-app.ts';
import { createSeededDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-clock.ts';

/** Signing in, and what each role is offered: the server decides, the pages show only what the account may use. */
const world = useBrowserWorld(2000);

describe('signing in', () => {
  let visitor: BrowserSession;
  beforeAll(async () => {
    visitor = await openPage(world.browser, world.origin, { signedInAs: null });
  });
  afterAll(async () => visitor.close());

  it('shows a department account its own problems only, with its name and role in the header and no pages it may not use', async () => {
    const app = createDriver(visitor);
    await app.given.signInOpened();
    await screenshot(app.page, 'sign-in');
    await app.when.signIn('department', DEMO_PASSWORD);
    await app.page.locator('[data-testid="map"][data-rendered-grids="65"]').waitFor({ state: 'attached', timeout: 45_000 });
    const department = await signIn(world.server, 'department');
    const session = (await world.server.inject({ url: '/api/session', headers: department.headers })).json() as SessionAnswer;
    const own = (await world.server.inject({ url: '/api/districts/qingchuan/issues?state=reported,assigned,in_progress,rectified&limit=1', headers: department.headers })).json() as IssueList;
    const all = (await world.server.inject('/api/districts/qingchuan/issues?state=reported,assigned,in_progress,rectified&limit=1')).json() as IssueList;
    expect(own.total).toBeLessThan(all.total);
    await app.then.issuesOnMap(own.total);
    expect(await app.then.text('account-name')).toBe(session.account.displayName);
    expect(await app.then.text('account-roles')).toBe('责任单位');
    expect(await app.then.navigation()).toEqual(['网格总览', '调度台']);
    await screenshot(app.page, 'department-overview');
    await app.when.signOut();
    expect(await app.then.signInProblem()).toBe('您已退出登录');
    expect(visitor.outsideRequests).toEqual([]);
  });

  it('says how many tries are left after a wrong password, and that the account is locked after the fifth', async () => {
    const app = createDriver(visitor);
    await app.given.signInOpened();
    await app.when.signIn('inspector', 'Wrong#2026');
    expect(await app.then.signInProblem()).toBe('账号或密码错误，再错 4 次将锁定账号');
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      await app.when.signIn('inspector', `Wrong#${attempt}`);
      await app.page.getByTestId('sign-in-problem').filter({ hasText: attempt === 5 ? '已锁定' : `再错 ${5 - attempt} 次` }).waitFor();
    }
    expect(await app.then.signInProblem()).toMatch(/^密码错误次数过多，账号已锁定至 \d\d:\d\d，请稍后再试或联系系统管理员$/);
    await screenshot(app.page, 'sign-in-locked');
    await app.when.signIn('inspector', DEMO_PASSWORD);
    await app.page.getByTestId('sign-in-problem').filter({ hasText: '已锁定' }).waitFor();
  });
});

describe('the administrator', () => {
  it('creates an account and a big screen whose link shows the wall without anyone signed in, until it is revoked', async () => {
    const admin = await openPage(world.browser, world.origin, { signedInAs: 'admin' });
    const wall = await openPage(world.browser, world.origin, { signedInAs: null, viewport: { width: 1920, height: 1080 } });
    try {
      const app = createDriver(admin);
      await app.page.goto(`${world.origin}/accounts`);
      await app.page.getByTestId('accounts-table').waitFor();
      expect(await app.then.navigation()).toEqual(['网格总览', '通报', '账号管理', '数据导入']);
      await app.when.createAccount({ username: '13900001111', displayName: '陈静', role: 'gridworker', gridCodes: 'B03', password: 'Start#2026' });
      expect(await app.then.text('account-state-13900001111')).toBe('待改密码');
      const link = await app.when.createScreenDevice('二楼指挥大厅');
      expect(link).toMatch(new RegExp(`^${world.origin}/screen\\?device=qingchuan\\.[\\w-]{43}$`));
      await screenshot(app.page, 'accounts');

      await wall.page.goto(link);
      await wall.page.getByTestId('screen').waitFor();
      await wall.page.locator('[data-testid="screen-new-today"]').filter({ hasText: /\d/ }).waitFor();
      expect(wall.outsideRequests).toEqual([]);
      expect(wall.pageErrors).toEqual([]);

      const deviceId = Number((await app.page.locator('[data-testid^="device-revoke-"]').last().getAttribute('data-testid'))!.split('-').at(-1));
      await app.page.getByTestId(`device-revoke-${deviceId}`).click();
      await app.page.getByTestId(`device-revoke-${deviceId}`).waitFor({ state: 'detached' });
      await wall.page.reload();
      await wall.page.getByTestId('sign-in-problem').filter({ hasText: '设备令牌已被撤销' }).waitFor();
    } finally {
      await admin.close();
      await wall.close();
    }
  });

  it('runs the demo wall on its device token, given in the README', async () => {
    const wall = await openPage(world.browser, world.origin, { signedInAs: null, viewport: { width: 1920, height: 1080 } });
    try {
      await wall.page.goto(`${world.origin}/screen?device=${demoScreenToken(DEMO_DISTRICT)}`);
      await wall.page.getByTestId('tour-card').waitFor({ timeout: 45_000 });
      expect(wall.pageErrors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('the auditor', () => {
  it('lands on the audit log, which holds every sign-in and change with who made it, and nothing else', async () => {
    const auditor = await openPage(world.browser, world.origin, { signedInAs: 'auditor' });
    try {
      const app = createDriver(auditor);
      await app.page.goto(`${world.origin}/`);
      await app.page.getByTestId('audit-table').waitFor();
      expect(app.then.currentPath()).toBe('/audit');
      expect(await app.then.navigation()).toEqual(['审计日志']);
      const log = (await world.server.inject({ url: '/api/audit?limit=1', headers: (await signIn(world.server, 'auditor')).headers })).json() as AuditPage;
      expect(log.entries[0]).toMatchObject({ username: 'auditor', action: 'sign_in' });
      // The department's sign-in and sign-out of the first test, each with the account and its address.
      const departmentRows = app.page.getByTestId('audit-row').filter({ hasText: 'department' });
      await departmentRows.first().waitFor();
      expect(await departmentRows.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/department127\.0\.0\.1退出/), expect.stringMatching(/department127\.0\.0\.1登录/)]));
      const filtered = app.page.waitForResponse((response) => response.url().includes('/api/audit?') && response.url().includes('action=lockout'));
      await app.page.getByTestId('audit-action').fill('lockout');
      await filtered;
      // The unfiltered rows give way to the one lockout, the inspector's.
      await expect.poll(() => app.page.getByTestId('audit-row').count()).toBe(1);
      expect(await app.page.getByTestId('audit-row').textContent()).toMatch(/inspector127\.0\.0\.1账号锁定/);
      await screenshot(app.page, 'audit');
    } finally {
      await auditor.close();
    }
  });
});

describe('a session left alone', () => {
  it('ends after 30 minutes without use, and the page says so when it is next used', async () => {
    const district = createSeededDatabase(300);
    const clock = createTestClock();
    const { server, origin } = await startServer(district, { clock, security: { sessionIdleMinutes: 30 } });
    const page = await openPage(world.browser, origin);
    try {
      const app = createDriver(page);
      await app.given.overviewOpened();
      clock.set(clock.now() + 31 * 60_000);
      await app.page.reload();
      expect(await app.then.signInProblem()).toBe('长时间未操作，会话已超时，请重新登录');
    } finally {
      await page.close();
      await server.close();
      district.remove();
    }
  });
});
