import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinList, Department, IssueDetail, IssueList } from '../../server/schemas/contract.ts';
import { readDocx } from '../support/office-files.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { COMMANDER } from '../support/test-app.ts';

const world = useBrowserWorld();

/** Of the listed problems, the one furthest from any other, so a small box around it takes in it alone. */
function loneliest(items: IssueList['items']) {
  const clearance = (issue: IssueList['items'][number]) => Math.min(...items.filter((other) => other.id !== issue.id)
    .map((other) => Math.hypot(other.longitude - issue.longitude, other.latitude - issue.latitude)));
  return [...items].sort((a, b) => clearance(b) - clearance(a))[0]!;
}

describe('the dispatcher\'s map', () => {
  let dispatcher: BrowserSession;
  let watcher: BrowserSession;
  beforeAll(async () => {
    dispatcher = await openPage(world.browser, world.origin);
    watcher = await openPage(world.browser, world.origin);
  });
  afterAll(async () => {
    await dispatcher.close();
    await watcher.close();
  });

  it('box-selects a problem on the map, reassigns it, and a second open page sees the change without reloading', async () => {
    const listed = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=assigned,in_progress&limit=1000' })).json() as IssueList;
    const target = loneliest(listed.items);
    const departments = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/departments' })).json() as Department[];
    const newDepartment = departments.find((department) => department.id !== target.department?.id)!;
    const app = createDriver(dispatcher);
    const other = createDriver(watcher);
    await other.given.dispatchOpened();
    await app.given.dispatchOpened();

    await app.when.boxSelectAround(target.longitude, target.latitude, 0.0008);
    expect(await app.then.selectedIssueIds()).toEqual([target.id]);
    await app.when.bulkAct({ action: 'reassign', departmentId: newDepartment.id });

    expect(await app.then.noticeKind()).toBe('done');
    await other.then.departmentShownFor(target.id, newDepartment.name);
    const after = (await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${target.id}` })).json();
    expect(after).toMatchObject({ department: { id: newDepartment.id }, state: 'assigned', version: target.version + 1 });
    expect(after.events.at(-1)).toMatchObject({ action: 'reassign', actor: COMMANDER });
    expect(dispatcher.outsideRequests).toEqual([]);
    await screenshot(dispatcher.page, 'dispatch-reassigned');
    await screenshot(watcher.page, 'dispatch-second-page');
  });

  it('lassoes a problem on the map and voids it with a reason, kept in its history', async () => {
    const listed = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=assigned,in_progress&limit=1000' })).json() as IssueList;
    const target = loneliest(listed.items);
    const app = createDriver(dispatcher);
    await app.given.dispatchOpened();

    await app.when.lassoAround(target.longitude, target.latitude, 0.0008);
    expect(await app.then.selectedIssueIds()).toEqual([target.id]);
    await app.when.bulkAct({ action: 'void', note: '经核实重复上报' });

    expect(await app.then.noticeKind()).toBe('done');
    const after = (await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${target.id}` })).json();
    expect(after.state).toBe('void');
    expect(after.events.at(-1)).toMatchObject({ action: 'void', actor: COMMANDER, note: '经核实重复上报' });
  });

  it('issues a 督查专报 on five problems selected in the list, in the list\'s order, to the archive', async () => {
    const app = createDriver(dispatcher);
    await app.given.dispatchOpened();
    await app.when.selectFirstListed(5);
    const chosen = await dispatcher.page.locator('[data-testid="issue-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-issue-id'))));
    expect(chosen).toHaveLength(5);

    expect(await app.when.issuesSpecialBulletin()).toContain('2026年第1期');
    const archive = (await world.server.inject('/api/districts/qingchuan/bulletins?series=special')).json() as BulletinList;
    expect(archive.items).toHaveLength(1);
    const word = readDocx((await world.server.inject(archive.items[0]!.files.docx!)).rawPayload);
    const codes = await Promise.all(chosen.map(async (id) => ((await world.server.inject(`/api/districts/qingchuan/issues/${id}`)).json() as IssueDetail).code));
    expect(word.tables[0]!.slice(1).map((row) => row[1])).toEqual(codes);
    await screenshot(dispatcher.page, 'dispatch-special-bulletin');
  });

  it('refuses a change made on a stale copy, says plainly what changed, and changes nothing', async () => {
    const stale = await openPage(world.browser, world.origin);
    try {
      const listed = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=assigned,in_progress&limit=1000' })).json() as IssueList;
      const target = listed.items[0]!;
      const app = createDriver(stale);
      await app.given.dispatchOpened({ withLiveFeed: false });
      await app.when.selectListedIssue(target.id);
      // Meanwhile someone else (in another window) moves the deadline; this page, cut off from the live feed, still shows the old version.
      const changed = await world.server.inject({
        method: 'POST', url: `/api/districts/qingchuan/issues/${target.id}/actions`,
        payload: { action: 'set_deadline', version: target.version, deadline: '2026-12-01T17:00:00+08:00' },
      });
      expect(changed.statusCode).toBe(200);

      await app.when.bulkAct({ action: 'void', note: '重复' });

      expect(await app.then.noticeKind()).toBe('refused');
      expect(await app.then.noticeText()).toContain(`${target.code}：已被他人修改（现为第 ${target.version + 1} 版，`);
      const after = (await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${target.id}` })).json();
      expect(after).toMatchObject({ state: target.state, version: target.version + 1 });
      expect(after.refusals.at(-1)).toMatchObject({ action: 'void', actor: COMMANDER, version: target.version });
      await screenshot(stale.page, 'dispatch-conflict');
    } finally {
      await stale.close();
    }
  });

  it('says a refusal in the dispatcher\'s language: a problem reassigned to the department it is already with', async () => {
    const listed = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=assigned&limit=1' })).json() as IssueList;
    const target = listed.items[0]!;
    const app = createDriver(dispatcher);
    await app.given.dispatchOpened();
    await app.when.selectListedIssue(target.id);

    await app.when.bulkAct({ action: 'reassign', departmentId: target.department!.id });

    expect(await app.then.noticeKind()).toBe('refused');
    const notice = await app.then.noticeText();
    expect(notice).toContain('问题已由该部门负责，请选择其他部门');
    // The server's English ("departmentId: the problem is already with that department") stays out of the notice.
    expect(notice).not.toMatch(/[A-Za-z]{4,}/);
    const after = (await world.server.inject(`/api/districts/qingchuan/issues/${target.id}`)).json() as IssueDetail;
    expect(after).toMatchObject({ version: target.version, department: { id: target.department!.id } });
  });

  it('downloads the filtered list, every problem of it, as the office files it', async () => {
    const app = createDriver(dispatcher);
    await app.given.dispatchOpened();
    await app.page.getByTestId('state-filter').selectOption('rectified');
    const { total } = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=rectified&limit=1' })).json() as IssueList;
    await app.page.getByTestId('issue-total').filter({ hasText: String(total) }).waitFor();
    await screenshot(app.page, 'dispatch-export');
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-problems-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^青川区问题清单\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(readFileSync((await download.path())!, 'utf8').slice(1)) as string[][];
    expect(rows).toHaveLength(total + 1);
    expect(new Set(rows.slice(1).map((row) => row[rows[0]!.indexOf('状态')]))).toEqual(new Set(['待复查']));
  });
});

describe('the dispatcher\'s layout', () => {
  const STACKED = ['issue-list-heading', 'issue-filters', 'bulk-bar', 'issue-table-head'] as const;

  it.each([[1024, 768], [1366, 768], [1600, 900], [1920, 1080]])('at %i×%i stacks the list\'s header without blank bands, labels every column, and leaves the map most of the width', async (width, height) => {
    const session = await openPage(world.browser, world.origin, { viewport: { width, height } });
    try {
      const app = createDriver(session);
      await app.given.dispatchOpened();

      const boxes = await app.then.boxes([...STACKED, 'issue-list', 'map']);
      const stacked = STACKED.map((id) => boxes[id]!);
      for (const [index, below] of stacked.slice(1).entries()) {
        const gap = below.y - (stacked[index]!.y + stacked[index]!.height);
        expect(gap, `${STACKED[index]} → ${STACKED[index + 1]}`).toBeGreaterThanOrEqual(-1);
        expect(gap, `${STACKED[index]} → ${STACKED[index + 1]}`).toBeLessThanOrEqual(16);
      }
      // Six filters in two rows of even columns.
      expect(boxes['issue-filters']!.height).toBeLessThanOrEqual(70);
      expect(await app.then.columnHeadings()).toEqual(['上报时间', '网格', '问题类别', '责任部门', '整改时限']);
      expect(await app.then.overflowsSideways('issue-list')).toBe(false);
      expect(boxes['issue-list']!.x + boxes['issue-list']!.width).toBeLessThanOrEqual(boxes.map!.x + 1);
      expect(boxes.map!.width / width).toBeGreaterThanOrEqual(0.5);
      await screenshot(session.page, `dispatch-layout-${width}x${height}`);
    } finally {
      await session.close();
    }
  });

  it('on a tablet upright (768×1024) puts the map above the list, keeps half the screen for it, and gives the list the full width', async () => {
    const session = await openPage(world.browser, world.origin, { viewport: { width: 768, height: 1024 } });
    try {
      const app = createDriver(session);
      await app.given.dispatchOpened();

      const boxes = await app.then.boxes(['issue-list', 'issue-table-head', 'map']);
      const list = boxes['issue-list']!;
      const map = boxes.map!;
      expect(map.y + map.height).toBeLessThanOrEqual(list.y + 1);
      expect((map.width * map.height) / (768 * 1024)).toBeGreaterThanOrEqual(0.5);
      expect(list.width).toBeGreaterThanOrEqual(760);
      // Every column heading on one line: squeezed, "问题类别" stood a character to a line.
      expect(boxes['issue-table-head']!.height).toBeLessThanOrEqual(40);
      expect(await app.then.columnHeadings()).toEqual(['上报时间', '网格', '问题类别', '责任部门', '整改时限']);
      expect(await app.then.overflowsSideways('issue-list')).toBe(false);
      await screenshot(session.page, 'dispatch-layout-768x1024');
    } finally {
      await session.close();
    }
  });
});
