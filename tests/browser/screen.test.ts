import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCollection, InspectionPointSummary, PerformanceList, Rankings, ScreenToday } from '../../server/schemas/contract.ts';
import { latestRoundByType, openBySourceGroup, panelRows, wallShape, worstGrids } from '../../client/screen-figures.ts';
import { chinaDay, formatChinaMinute } from '../../server/domain/china-time.ts';
import { DEFAULT_PACING } from '../../server/pacing.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { reportProblemInGrid } from '../support/report-problem.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { signIn } from '../support/test-app.ts';

// Enough problems that every grid has a week's figures for the 红黑榜.
const world = useBrowserWorld(20_000);

const apiJson = async <T,>(url: string) => (await world.server.inject({ method: 'GET', url })).json() as T;
const listed = (session: BrowserSession, testId: string, attribute: string) =>
  session.page.locator(`[data-testid="${testId}"] li`).evaluateAll((items, name) => items.map((item) => item.getAttribute(name)), attribute);

/** A wall PC whose clock was never set: three days and seven hours ahead, on a Monday night in another week. */
const WRONG_CLOCK_MS = (3 * 24 + 7) * 3_600_000;

async function openWall(viewport: { width: number; height: number }, path = '/screen?tour=0', clockOffsetMs = 0): Promise<BrowserSession> {
  const session = await openPage(world.browser, world.origin, { viewport, clockOffsetMs });
  await session.page.goto(`${world.origin}${path}`);
  await session.page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 45_000 });
  return session;
}

/** Every figure, list and label on the wall against what the API says for the server's today. */
async function expectWallToMatchApi(session: BrowserSession, viewport: { width: number; height: number }) {
  const { page } = session;
  const today = await apiJson<ScreenToday>('/api/districts/qingchuan/screen/today');
  const district = (await apiJson<PerformanceList>('/api/districts/qingchuan/performance?unit=district&days=30')).rows[0]!;
  const rankings = await apiJson<Rankings>('/api/districts/qingchuan/rankings?unit=grid&period=last-week');
  const leaders = (await apiJson<PerformanceList>('/api/districts/qingchuan/performance?unit=leader&days=30')).rows
    .filter((row) => row.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const points = await apiJson<InspectionPointSummary[]>('/api/districts/qingchuan/inspection-points');

  const rows = panelRows(wallShape(viewport.width, viewport.height).wide);
  const text = async (testId: string) => (await page.getByTestId(testId).textContent())?.trim();
  // Each panel fills from its own request: wait for each to show the API's value, or fail naming both.
  const shows = <T,>(read: () => Promise<T>, expected: T) => expect.poll(read, { timeout: 20_000 }).toEqual(expected);
  await shows(() => text('screen-open'), String(today.open));
  await shows(() => text('screen-new-today'), String(today.newToday));
  await shows(() => text('screen-closed-today'), String(today.closedToday));
  await shows(() => text('screen-overdue'), String(today.overdue));
  await shows(() => text('screen-rectification-rate'), `${district.rectificationRate}%`);
  await shows(() => text('screen-on-time-rate'), `${district.onTimeRate}%`);
  await shows(() => page.locator('[data-testid="values-sources"] li').allTextContents(), openBySourceGroup(today.bySource).map((row) => String(row.open)));
  await shows(() => listed(session, 'list-categories', 'data-code'), today.topCategories.slice(0, rows.categories).map((row) => row.code));
  expect(rankings.red.length).toBeGreaterThanOrEqual(4);
  await shows(async () => (await text('panel-red-black'))?.includes(`${rankings.window.from.slice(5)}–${rankings.window.to.slice(5)}`), true);
  await shows(() => listed(session, 'list-red', 'data-key'), rankings.red.slice(0, rows.redBlack).map((row) => row.unit.key));
  await shows(() => listed(session, 'list-black', 'data-key'), rankings.black.slice(0, rows.redBlack).map((row) => row.unit.key));
  await shows(() => listed(session, 'list-leaders', 'data-key'), [...leaders.slice(0, rows.leadersTop), ...leaders.slice(-rows.leadersBottom)].map((row) => row.unit.key));
  await shows(() => listed(session, 'list-inspection', 'data-code'), latestRoundByType(points).slice(0, rows.inspection).map((row) => row.code));
  await shows(async () => Number((await listed(session, 'list-feed', 'data-event-id'))[0]), today.latestEvents[0]!.id);
}

for (const viewport of [{ width: 1920, height: 1080 }, { width: 3840, height: 1080 }]) {
  describe(`the big screen at ${viewport.width}×${viewport.height}`, () => {
    let session: BrowserSession;
    beforeAll(async () => {
      session = await openWall(viewport);
      await session.page.locator('[data-testid="screen-freshness"][data-live="live"]').waitFor();
    });
    afterAll(async () => session.close());

    it('holds in every panel the values the API gives, with no cursor, no scrollbar and nothing outside', async () => {
      const { page } = session;
      await expectWallToMatchApi(session, viewport);
      const layout = await page.evaluate(() => ({
        cursor: getComputedStyle(document.querySelector('[data-testid="screen"]')!).cursor,
        scrolls: document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight,
      }));
      expect(layout).toEqual({ cursor: 'none', scrolls: false });
      expect(await page.getByTestId('screen').getAttribute('data-wide')).toBe(String(wallShape(viewport.width, viewport.height).wide));
      expect(session.outsideRequests).toEqual([]);
      // Grids alone are drawn with MapLibre's own layers: deck.gl's code is never fetched.
      expect(session.scripts.filter((path) => path.includes('MapView'))).toHaveLength(1);
      expect(session.scripts.filter((path) => path.includes('deck-overlay'))).toEqual([]);
      await screenshot(page, `screen-${viewport.width}x${viewport.height}`);
    });

    it('shows a problem reported through the API in the live feed and the figures, without reloading or refetching on a timer', async () => {
      const { page } = session;
      const before = await apiJson<ScreenToday>('/api/districts/qingchuan/screen/today');
      const created = await reportProblemInGrid(world.server, 'block', { category: 'exposed_garbage', source: 'citizen_report', description: '垃圾满溢', address: '大屏测试' });
      expect(created.statusCode).toBe(201);

      // The test server turns the background refetch off: only the live feed can bring this.
      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday + 1) }).waitFor();
      await page.locator('[data-testid="screen-open"]', { hasText: String(before.open + 1) }).waitFor();
      await page.locator(`[data-testid="list-feed"] li[data-event-id="${created.json().events[0].id}"]`).waitFor();
      expect(Number((await listed(session, 'list-feed', 'data-event-id'))[0])).toBe(created.json().events[0].id);
    });
  });
}

describe('the big screen on a PC whose clock is three days and seven hours off', () => {
  it('shows the server\'s day, week, figures, 红黑榜, clock and freshness, not its own', async () => {
    const viewport = { width: 1920, height: 1080 };
    const session = await openWall(viewport, '/screen?tour=0', WRONG_CLOCK_MS);
    try {
      const { page } = session;
      await page.locator('[data-testid="screen-freshness"][data-live="live"][data-stale="false"]').waitFor();
      await expectWallToMatchApi(session, viewport);
      // Its own clock reads Monday 23 November, 22:00, a week on from the server's last full week.
      expect(chinaDay(await page.evaluate(() => Date.now()))).toBe('2026-11-23');
      expect(await page.getByTestId('panel-red-black').textContent()).toContain('11-09–11-15');
      expect((await page.getByTestId('screen-clock').textContent())!.slice(0, 5)).toBe(formatChinaMinute(TEST_NOW));
      expect((await page.getByTestId('screen-current-at').textContent())!.slice(0, 5)).toBe(formatChinaMinute(TEST_NOW));
      expect(session.pageErrors).toEqual([]);
      await screenshot(page, 'screen-wrong-clock');
    } finally {
      await session.close();
    }
  });
});

describe('the big screen\'s tour', () => {
  it('opens on the district, then flies to the worst grid and shows its card', async () => {
    const grids = await apiJson<GridCollection>('/api/districts/qingchuan/grids?days=30');
    const worst = grids.features.find((feature) => feature.properties.code === worstGrids(grids, 1)[0])!;
    // Stops of ten minutes, so the card cannot move on while it is read.
    const session = await openWall({ width: 1920, height: 1080 }, '/screen?tour=600');
    try {
      const { page } = session;
      expect(await page.getByTestId('tour-card').count()).toBe(0);

      // The first stop comes when the page's clock has run a stop's time, which the test brings on at once.
      await page.clock.fastForward(600_000);

      const card = page.getByTestId('tour-card');
      await card.waitFor();
      const shown = await card.evaluate((element) => ({ code: element.getAttribute('data-grid-code'), text: element.textContent }));
      expect(shown.code).toBe(worst.properties.code);
      expect(shown.text).toContain(worst.properties.leader!.name);
      await page.locator(`[data-testid="map"][data-selected-grid="${worst.properties.code}"][data-map-idle="true"]`).waitFor({ state: 'attached' });
      await screenshot(page, 'screen-tour');
    } finally {
      await session.close();
    }
  });
});

describe('the big screen on a wall of another height', () => {
  it('lays the charts and the map out as at 1080 lines and draws them at the wall\'s own resolution', async () => {
    const viewport = { width: 1280, height: 720 };
    const session = await openWall(viewport);
    try {
      const { page } = session;
      await page.locator('[data-testid="chart-trend"] canvas').waitFor();
      const measured = await page.evaluate(() => Object.fromEntries(['chart-trend', 'chart-sources', 'map'].map((testId) => {
        const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!;
        const panel = element.closest('.screen-panel-body, .screen-map')!;
        return [testId, {
          laidOut: element.offsetHeight,
          shown: element.getBoundingClientRect().height,
          panel: panel.clientHeight,
          drawn: element.querySelector('canvas')!.height / window.devicePixelRatio,
        }];
      })));
      const { scale } = wallShape(viewport.width, viewport.height);
      for (const [testId, size] of Object.entries(measured)) {
        expect.soft(Math.abs(size.shown - size.panel), `${testId} fills its panel`).toBeLessThanOrEqual(2);
        expect.soft(Math.abs(size.laidOut * scale - size.shown), `${testId} is laid out at the design height`).toBeLessThanOrEqual(1);
        expect.soft(Math.abs(size.drawn - size.shown), `${testId} is drawn at the wall's resolution`).toBeLessThanOrEqual(1);
      }
      await screenshot(page, 'screen-1280x720');
    } finally {
      await session.close();
    }
  });
});

describe('the big screen without its live feed', () => {
  it('says so, polls at the server\'s pace so a new problem still shows, and warns once nothing has come for too long', async () => {
    const session = await openPage(world.browser, world.origin, { viewport: { width: 1920, height: 1080 } });
    try {
      const { page } = session;
      await page.route('**/api/districts/*/events', (route) => route.abort());
      await page.goto(`${world.origin}/screen?tour=0&stale=120`);
      await page.locator('[data-testid="screen-freshness"]:not([data-live="live"])').waitFor();
      const before = await apiJson<ScreenToday>('/api/districts/qingchuan/screen/today');
      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday) }).waitFor();
      await page.locator('[data-testid="screen-freshness"][data-stale="false"]').waitFor();
      const created = await reportProblemInGrid(world.server, 'strip', { category: 'dirty_road', source: 'grid_patrol', description: '路面不洁', address: '断线测试' });
      expect(created.statusCode).toBe(201);

      await page.clock.fastForward(DEFAULT_PACING.pollWhileDownSeconds * 1000);
      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday + 1) }).waitFor();
      expect(await page.getByTestId('screen-freshness').textContent()).toContain('连接中');

      // Now the server cannot be reached at all: past the limit the mark turns to a warning.
      await page.route('**/api/**', (route) => route.abort());
      await page.clock.fastForward(121_000);
      await page.locator('[data-testid="screen-freshness"][data-stale="true"]').waitFor();
      expect(await page.getByTestId('screen-freshness').textContent()).toContain('数据未及时更新');
    } finally {
      await session.close();
    }
  });
});

describe('the big screen at the server\'s midnight', () => {
  it('moves on to the new day\'s figures and windows as soon as the live feed brings the new day', async () => {
    const session = await openWall({ width: 1920, height: 1080 });
    const nextMorning = Date.parse('2026-11-21T00:00:30+08:00');
    try {
      const { page } = session;
      await page.locator('[data-testid="screen-freshness"][data-live="live"]').waitFor();
      const yesterday = await apiJson<ScreenToday>('/api/districts/qingchuan/screen/today');
      expect(yesterday.newToday).toBeGreaterThan(0);
      await page.locator('[data-testid="screen-new-today"]', { hasText: String(yesterday.newToday) }).waitFor();

      world.clock.set(nextMorning);
      // Any message carries the server's time; a settings change, which itself refetches no day's figures, will do.
      const { settings } = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/settings/scoring' })).json();
      const admin = await signIn(world.server, 'admin');
      expect((await world.server.inject({ method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', headers: admin.headers, payload: { settings } })).statusCode).toBe(200);

      const today = await apiJson<ScreenToday>('/api/districts/qingchuan/screen/today');
      expect(today.day).toBe('2026-11-21');
      await page.locator('[data-testid="screen-new-today"]', { hasText: new RegExp(`^${today.newToday}$`) }).waitFor();
      await page.locator('[data-testid="screen-closed-today"]', { hasText: new RegExp(`^${today.closedToday}$`) }).waitFor();
      await page.getByTestId('screen-clock').filter({ hasText: /^00:0/ }).waitFor();
    } finally {
      world.clock.set(TEST_NOW);
      await session.close();
    }
  });
});


describe('the big screen opening', () => {
  it('asks for its grids once, before anything its page asks for, so the map is born with them', async () => {
    // Given a wall PC opening the wall, with every API request it makes noted in order
    const session = await openPage(world.browser, world.origin, { viewport: { width: 1920, height: 1080 } });
    const asked: string[] = [];
    session.page.on('request', (request) => {
      const { pathname, search } = new URL(request.url());
      if (pathname.startsWith('/api/districts/qingchuan/')) asked.push(`${pathname.slice('/api/districts/qingchuan'.length)}${search}`);
    });
    try {
      // When it has drawn its map
      await session.page.goto(`${world.origin}/screen?tour=0`);
      await session.page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 45_000 });

      // Then its grids were asked for once, and first: fetched while the page settled who it is
      // for, and shared with the page's own query rather than asked for again
      const gridRequests = asked.filter((path) => path.startsWith('/grids?'));
      expect(gridRequests).toEqual(['/grids?days=30']);
      expect(asked.filter((path) => !path.startsWith('/events'))[0]).toBe('/grids?days=30');
      expect(asked).toContain('/screen/today');
    } finally {
      await session.close();
    }
  });
});
