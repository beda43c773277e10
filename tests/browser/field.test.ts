import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid } from '@turf/turf';
import type { GridCollection, IssueDetail, IssueList, PerformanceList, SessionAnswer, UploadedPhoto } from '../../server/schemas/contract.ts';
import type { Role } from '../../server/domain/roles.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createFieldDriver } from './support/field-driver.ts';
import { signIn, type SignedIn } from '../support/test-app.ts';
import { phonePhoto, sendPhotos } from '../support/photos.ts';
import { demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';

/**
 * The phone app at /m, as the people in the street use it on a 390×844 touch screen with GPS:
 * a grid worker reports, the department rectifies, the inspector fails the fix and then passes
 * the rework, and the desktop shows every photo; and a report made without a signal arrives once.
 */

const world = useBrowserWorld(1500);
const DISTRICT = '/api/districts/qingchuan';
const METRE = 1 / 111_195;
let accounts: Record<'gridworker' | 'department' | 'inspector', SignedIn>;
let problemSite: [number, number];
let issueCode: string;
let issueId: number;
const phones: BrowserSession[] = [];

const getIssue = async (id: number) => (await world.server.inject({ method: 'GET', url: `${DISTRICT}/issues/${id}` })).json() as IssueDetail;
const reportsOf = async (who: SignedIn) => (await world.server.inject({ method: 'GET', url: `${DISTRICT}/issues?reportedBy=me&limit=1000`, headers: who.headers })).json() as IssueList;
const act = async (who: SignedIn | null, id: number, body: object) =>
  (await world.server.inject({ method: 'POST', url: `${DISTRICT}/issues/${id}/actions`, headers: who?.headers, payload: body })).json() as IssueDetail;
const stateOf = async (id: number) => (await getIssue(id)).state;

/** A phone signed in as a demo account, standing this far north of the problem's site. */
async function phoneOf(role: Role, metresAway = 0, options: { serviceWorkers?: boolean } = {}) {
  const session = await openPage(world.browser, world.origin, {
    signedInAs: role, phoneAt: { longitude: problemSite[0], latitude: problemSite[1] + metresAway * METRE, accuracy: 8 }, ...options,
  });
  phones.push(session);
  return session;
}

describe('the phone app', () => {
  beforeAll(async () => {
    accounts = {
      gridworker: await signIn(world.server, 'gridworker'),
      department: await signIn(world.server, 'department'),
      inspector: await signIn(world.server, 'inspector'),
    };
    const session = (await world.server.inject({ method: 'GET', url: '/api/session', headers: accounts.gridworker.headers })).json() as SessionAnswer;
    const grids = (await world.server.inject({ method: 'GET', url: `${DISTRICT}/grids` })).json() as GridCollection;
    problemSite = centroid(grids.features.find((feature) => feature.properties.code === session.account.gridCodes[0])!).geometry.coordinates as [number, number];
  });
  afterAll(async () => {
    for (const phone of phones) await phone.close();
  });

  it('lets a grid worker report with a camera photo: GPS placed, the grid shown before sending, the photo\'s EXIF time and place kept', async () => {
    // Given a grid worker's phone in the street, in their grid.
    const phone = await phoneOf('gridworker');
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    await phone.page.getByTestId('report-grid').filter({ hasText: '所在网格' }).waitFor();
    expect(await field.then.text('report-position')).toContain('±8 米');
    const reportsBefore = (await reportsOf(accounts.gridworker)).total;

    // When they photograph the problem with a 12-megapixel camera (taken 5 minutes ago, 20 m off) and report it.
    const takenAt = world.clock.now() - 5 * 60_000;
    await field.when.reports({
      photo: await phonePhoto({ takenAt, position: [problemSite[0], problemSite[1] + 20 * METRE], seed: 81, width: 4000 }),
      categorySearch: '垃圾', category: 'exposed_garbage', description: '垃圾桶满溢，地面散落垃圾',
    });
    await field.then.allSent();

    // Then the server has it once, with the photo as taken: when and where from its EXIF, nothing doubtful.
    const reports = await reportsOf(accounts.gridworker);
    expect(reports.total).toBe(reportsBefore + 1);
    const reported = await getIssue(reports.items[0]!.id);
    expect(reported).toMatchObject({ description: '垃圾桶满溢，地面散落垃圾', state: 'reported', category: { code: 'exposed_garbage' } });
    expect(reported.photos).toHaveLength(1);
    // Shrunk on the phone to 2560 px before sending, its EXIF carried across.
    expect([reported.photos[0]!.width, reported.photos[0]!.height]).toEqual([2560, 1920]);
    expect(reported.photos[0]).toMatchObject({ stage: 'report', flags: [], takenAt: new Date(Math.floor(takenAt / 1000) * 1000).toISOString() });
    expect(reported.photos[0]!.distanceMetres).toBeGreaterThan(15);
    expect(reported.photos[0]!.distanceMetres).toBeLessThan(25);
    [issueId, issueCode] = [reported.id, reported.code];
    // And it stands in their own reports with its photo and state.
    const card = field.then.card(issueCode);
    await card.waitFor();
    expect(await card.getByTestId('field-issue-state').textContent()).toBe('待交办');
    await card.locator('img').evaluate((image: HTMLImageElement) => image.decode());
    await screenshot(phone.page, 'field-my-reports');
    expect(phone.outsideRequests).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('gives the department the problem in 我的待办 with its working time counting down, and takes the rectification with an after-photo', async () => {
    // Given the commander dispatched it to the department.
    const session = (await world.server.inject({ method: 'GET', url: '/api/session', headers: accounts.department.headers })).json() as SessionAnswer;
    await act(null, issueId, { action: 'dispatch', version: (await getIssue(issueId)).version, departmentId: session.account.departmentId });
    // The dispatcher's list of problems under way shows it with its photo.
    const desktop = await openPage(world.browser, world.origin);
    phones.push(desktop);
    await desktop.page.goto(`${world.origin}/dispatch`);
    const row = desktop.page.locator(`[data-testid="issue-row"][data-issue-id="${issueId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('issue-row-photo').getAttribute('src')).toBe(`${DISTRICT}/photos/${(await getIssue(issueId)).reportPhotoId}/thumb`);

    // When the department's phone opens 我的待办.
    const phone = await phoneOf('department', 10);
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    const card = field.then.card(issueCode);
    await card.waitFor();
    // Then the problem is there with its working time left; the list starts with the longest overdue.
    expect(await card.getByTestId('task-countdown').textContent()).toMatch(/^剩 \d+ (小时 \d+ 分|个工作日)$/);
    const countdowns = await phone.page.getByTestId('task-countdown').allTextContents();
    const overdueCount = countdowns.filter((text) => text.startsWith('超期')).length;
    expect(countdowns.slice(0, overdueCount).every((text) => text.startsWith('超期'))).toBe(true);
    expect(await field.then.text('tasks-summary')).toContain(`超期 ${overdueCount} 件`);
    await screenshot(phone.page, 'field-tasks');

    // When they accept it, and then submit the rectification with a photo of the fix and a note.
    await field.when.opens(issueCode);
    await field.when.acts('accept');
    await expect.poll(() => stateOf(issueId), { timeout: 30_000 }).toBe('in_progress');
    await card.waitFor();
    await field.when.opens(issueCode);
    await phone.page.getByTestId('field-action-submit_rectification').tap();
    // A rectification without an after-photo cannot be sent.
    await phone.page.getByTestId('action-note').fill('已清运，地面已冲洗');
    expect(await phone.page.getByTestId('action-submit').isDisabled()).toBe(true);
    await phone.page.getByTestId('issue-sheet-close').tap();
    await field.when.opens(issueCode);
    await field.when.acts('submit_rectification', { photo: await phonePhoto({ takenAt: world.clock.now(), position: [problemSite[0], problemSite[1] + 10 * METRE], seed: 82 }), note: '已清运，地面已冲洗' });

    // Then it awaits re-inspection with its after-photo.
    await expect.poll(() => stateOf(issueId), { timeout: 30_000 }).toBe('rectified');
    expect((await getIssue(issueId)).photos.map((photo) => [photo.stage, photo.flags])).toEqual([['report', []], ['rectification', []]]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('lets the inspector, nearest first, fail the fix with a photo and a reason, then pass the rework', async () => {
    // Given the inspector's phone at the problem.
    const phone = await phoneOf('inspector', 5);
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    // Then the problem leads 待复查, being the nearest.
    await phone.page.getByTestId('field-issue').first().waitFor();
    expect(await phone.page.getByTestId('field-issue').first().getAttribute('data-code')).toBe(issueCode);

    // When they open it: before and after side by side.
    await field.when.opens(issueCode);
    await phone.page.locator('[data-testid="issue-photos-before"] [data-testid="issue-photo"] img').waitFor();
    await phone.page.locator('[data-testid="issue-photos-after"] [data-testid="issue-photo"] img').waitFor();
    await phone.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="issue-photo"] img')].every((image) => (image as HTMLImageElement).naturalWidth > 0));
    await screenshot(phone.page, 'field-reinspection');
    // And they fail it, with what is still wrong photographed.
    await field.when.acts('fail_inspection', { photo: await phonePhoto({ takenAt: world.clock.now(), position: [problemSite[0], problemSite[1] + 5 * METRE], seed: 83 }), note: '绿化带内仍有垃圾' });
    await expect.poll(() => stateOf(issueId), { timeout: 30_000 }).toBe('in_progress');
    expect((await getIssue(issueId)).reworkCount).toBe(1);

    // Given the department's rework.
    const rework = ((await sendPhotos(world.server, accounts.department, [{ name: 'rework.jpg', bytes: await phonePhoto({ takenAt: world.clock.now(), position: problemSite, seed: 84 }) }])).json() as UploadedPhoto[])[0]!;
    await act(accounts.department, issueId, { action: 'submit_rectification', version: (await getIssue(issueId)).version, note: '绿化带已清理', photoIds: [rework.id] });

    // When the inspector opens it again and passes it.
    await field.given.appOpened();
    await field.when.opens(issueCode);
    await field.when.acts('pass_inspection');

    // Then it is closed (销号).
    await expect.poll(() => stateOf(issueId), { timeout: 30_000 }).toBe('closed');
    expect(phone.pageErrors).toEqual([]);
  });

  it('shows the desktop problem panel every photo in order: the report before, rectifications and re-inspection after', async () => {
    const desktop = await openPage(world.browser, world.origin);
    phones.push(desktop);
    await desktop.page.goto(`${world.origin}/issues/${issueId}`);
    await desktop.page.locator(`[data-testid="issue-panel"][data-issue-id="${issueId}"]`).waitFor();
    const stages = (side: string) => desktop.page.locator(`[data-testid="issue-photos-${side}"] [data-testid="issue-photo"]`).evaluateAll((figures) => figures.map((figure) => (figure as HTMLElement).dataset.stage));
    await desktop.page.locator('[data-testid="issue-photos-after"] [data-testid="issue-photo"]').nth(2).waitFor();
    expect(await stages('before')).toEqual(['report']);
    expect(await stages('after')).toEqual(['rectification', 'reinspection', 'rectification']);

    // And the wall's live feed shows the 复查通过销号 with the after-photo of the rework that passed.
    const rework = (await getIssue(issueId)).photos.at(-1)!;
    const wall = await openPage(world.browser, world.origin, { signedInAs: null, viewport: { width: 1920, height: 1080 } });
    phones.push(wall);
    await wall.page.goto(`${world.origin}/screen?device=${encodeURIComponent(demoScreenToken(DEMO_DISTRICT))}`);
    const photo = wall.page.locator('[data-testid="list-feed"] li.feed-pass_inspection [data-testid="feed-photo"]').first();
    await photo.waitFor();
    expect(await photo.getAttribute('src')).toContain(`/photos/${rework.id}/thumb?device=`);
    await photo.evaluate((image: HTMLImageElement) => image.decode());
    expect(wall.pageErrors).toEqual([]);
  });

  it('keeps a report made without a signal on the phone, shows it waiting, and sends it exactly once when the signal returns', async () => {
    // Given a grid worker's phone with the app open, which then loses its signal.
    const phone = await phoneOf('gridworker', 40);
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    await phone.page.getByTestId('report-grid').filter({ hasText: '所在网格' }).waitFor();
    await field.when.tab('report');
    const reportsBefore = (await reportsOf(accounts.gridworker)).total;
    await phone.page.context().setOffline(true);

    // When they report.
    await field.when.reports({
      photo: await phonePhoto({ takenAt: world.clock.now() - 60_000, position: [problemSite[0], problemSite[1] + 40 * METRE], seed: 85 }),
      categorySearch: '广告', category: 'illegal_flyers', description: '地下通道墙面小广告',
    });

    // Then it waits on the phone, counted, and the server has nothing.
    await phone.page.getByTestId('outbox-count').filter({ hasText: '待发送 1' }).waitFor();
    expect(await phone.page.getByTestId('my-reports-waiting').textContent()).toContain('地下通道墙面小广告');
    expect((await reportsOf(accounts.gridworker)).total).toBe(reportsBefore);

    // When the signal returns, and the server's first answer is lost on the way back.
    let answersLost = 0;
    await phone.page.route('**/api/districts/*/issues', async (route) => {
      if (route.request().method() !== 'POST' || answersLost > 0) return route.fallback();
      answersLost += 1;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await phone.page.context().setOffline(false);
    await expect.poll(() => answersLost, { timeout: 30_000 }).toBe(1);
    // The phone tries again on its own a little later.
    await phone.page.clock.fastForward(20_000);
    await field.then.allSent();

    // Then the problem is on the server exactly once.
    const reports = await reportsOf(accounts.gridworker);
    expect(reports.total).toBe(reportsBefore + 1);
    expect(reports.items.filter((item) => item.description === '地下通道墙面小广告')).toHaveLength(1);
    expect((await getIssue(reports.items[0]!.id)).photos).toHaveLength(1);
  });

  it('shows a leader their grids with grade and rank and their open problems, and takes a 督办 note on one', async () => {
    // Given a leader's phone.
    const phone = await phoneOf('leader');
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    const session = (await world.server.inject({ method: 'GET', url: '/api/session', headers: (await signIn(world.server, 'leader')).headers })).json() as SessionAnswer;
    // Then each of their grids is there with its rank among the district's.
    await phone.page.getByTestId('my-grid').first().waitFor();
    expect(await phone.page.getByTestId('my-grid').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.code))).toEqual(session.account.gridCodes);
    const performance = (await world.server.inject({ method: 'GET', url: `${DISTRICT}/performance?unit=grid&days=30` })).json() as PerformanceList;
    const ranked = performance.rows.filter((row) => row.rank !== null).length;
    const expectedRanks = session.account.gridCodes.map((code) => performance.rows.find((row) => row.unit.key === code)!.rank)
      .map((rank) => (rank === null ? '—' : `第 ${rank} / ${ranked}`));
    expect(await phone.page.getByTestId('my-grid-rank').allTextContents()).toEqual(expectedRanks);
    await screenshot(phone.page, 'field-my-grids');

    // When they open a problem of their grid and add a 督办 note.
    const problem = phone.page.locator('[data-testid="my-grid"] [data-testid="field-issue"]').first();
    const code = (await problem.getAttribute('data-code'))!;
    const id = Number(await problem.getAttribute('data-issue-id'));
    await field.when.opens(code);
    await field.when.acts('supervise', { note: '请本周内整改到位' });

    // Then the problem's history has it, as the leader.
    await expect.poll(async () => (await getIssue(id)).events.at(-1)?.action, { timeout: 30_000 }).toBe('supervise');
    expect((await getIssue(id)).events.at(-1)).toMatchObject({ note: '请本周内整改到位', actor: expect.stringContaining('（leader）') });
    expect(phone.pageErrors).toEqual([]);
  });

  it('is installable and opens with no signal: its service worker keeps the app on the phone', async () => {
    // Given the app opened once, its service worker installed.
    const phone = await phoneOf('gridworker', 0, { serviceWorkers: true });
    const field = createFieldDriver(phone);
    await field.given.appOpened();
    expect(await phone.page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${world.origin}/field-sw.js`);
    const manifest = await phone.page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href)).json() as Promise<{ start_url: string; icons: unknown[] }>);
    expect(manifest.start_url).toBe('/m/');
    expect(manifest.icons.length).toBeGreaterThan(0);
    await phone.page.reload();
    await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // When the phone has no signal and the app is opened again.
    await phone.page.context().setOffline(true);
    await phone.page.reload();

    // Then it opens, as the account that last used it, and speaks English when asked (the language it fetches is kept too).
    await phone.page.getByTestId('field-app').waitFor();
    expect(await field.then.text('field-account')).toBe('吴芳');
    await field.when.switchesLanguage();
    await expect.poll(() => field.then.text('field-tab-report')).toBe('Report');
  });
});
