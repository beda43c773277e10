import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCollection } from '../../server/schemas/grids.ts';
import type { InspectionPointSummary } from '../../server/schemas/inspection-points.ts';
import type { PerformanceList, Rankings } from '../../server/schemas/performance.ts';
import type { ScreenToday } from '../../server/schemas/screen.ts';
import { lastFullDays } from '../../client/day-window.ts';
import { lastFullWeek, latestRoundByType, openBySourceGroup, panelRows, wallShape } from '../../client/screen-figures.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { POLL_WHILE_DOWN_MS } from '../../client/api/live-feed.tsx';
import { reportProblemInGrid } from '../support/report-problem.ts';
import { TEST_NOW } from '../support/test-database.ts';

// Enough problems that every grid has a week's figures for the 红黑榜.
const world = useBrowserWorld(20_000);

const apiJson = async <T,>(url: string) => (await world.server.inject({ method: 'GET', url })).json() as T;
const listed = (session: BrowserSession, testId: string, attribute: string) =>
  session.page.locator(`[data-testid="${testId}"] li`).evaluateAll((items, name) => items.map((item) => item.getAttribute(name)), attribute);

for (const viewport of [{ width: 1920, height: 1080 }, { width: 3840, height: 1080 }]) {
  describe(`the big screen at ${viewport.width}×${viewport.height}`, () => {
    let session: BrowserSession;
    beforeAll(async () => {
      session = await openPage(world.browser, world.origin, viewport);
      await session.page.goto(`${world.origin}/screen?tour=0`);
      await session.page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 45_000 });
      await session.page.locator('[data-testid="screen-freshness"][data-live="live"]').waitFor();
    });
    afterAll(async () => session.close());

    it('holds in every panel the values the API gives, with no cursor, no scrollbar and nothing outside', async () => {
      const { page } = session;
      const today = await apiJson<ScreenToday>('/api/screen/today');
      const month = lastFullDays(30, TEST_NOW);
      const district = (await apiJson<PerformanceList>(`/api/performance?unit=district&from=${month.from}&to=${month.to}`)).rows[0]!;
      const week = lastFullWeek(TEST_NOW);
      const rankings = await apiJson<Rankings>(`/api/rankings?unit=grid&from=${week.from}&to=${week.to}`);
      const leaders = (await apiJson<PerformanceList>(`/api/performance?unit=leader&from=${month.from}&to=${month.to}`)).rows
        .filter((row) => row.rank !== null).sort((a, b) => a.rank! - b.rank!);
      const points = await apiJson<InspectionPointSummary[]>('/api/inspection-points');

      const rows = panelRows(wallShape(viewport.width, viewport.height).wide);
      await page.locator('[data-testid="list-leaders"] li').first().waitFor();
      const text = async (testId: string) => (await page.getByTestId(testId).textContent())?.trim();
      expect(await text('screen-open')).toBe(String(today.open));
      expect(await text('screen-new-today')).toBe(String(today.newToday));
      expect(await text('screen-closed-today')).toBe(String(today.closedToday));
      expect(await text('screen-overdue')).toBe(String(today.overdue));
      expect(await text('screen-rectification-rate')).toBe(`${district.rectificationRate}%`);
      expect(await text('screen-on-time-rate')).toBe(`${district.onTimeRate}%`);
      expect((await listed(session, 'values-sources', 'data-group')).length).toBe(5);
      expect(await page.locator('[data-testid="values-sources"] li').allTextContents()).toEqual(openBySourceGroup(today.bySource).map((row) => String(row.open)));
      expect(await listed(session, 'list-categories', 'data-code')).toEqual(today.topCategories.slice(0, rows.categories).map((row) => row.code));
      expect(rankings.red.length).toBeGreaterThanOrEqual(4);
      expect(await listed(session, 'list-red', 'data-key')).toEqual(rankings.red.slice(0, rows.redBlack).map((row) => row.unit.key));
      expect(await listed(session, 'list-black', 'data-key')).toEqual(rankings.black.slice(0, rows.redBlack).map((row) => row.unit.key));
      expect(await listed(session, 'list-leaders', 'data-key')).toEqual([...leaders.slice(0, rows.leadersTop), ...leaders.slice(-rows.leadersBottom)].map((row) => row.unit.key));
      expect(await listed(session, 'list-inspection', 'data-code')).toEqual(latestRoundByType(points).slice(0, rows.inspection).map((row) => row.code));
      expect(Number((await listed(session, 'list-feed', 'data-event-id'))[0])).toBe(today.latestEvents[0]!.id);

      const layout = await page.evaluate(() => ({
        cursor: getComputedStyle(document.querySelector('[data-testid="screen"]')!).cursor,
        scrolls: document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight,
      }));
      expect(layout).toEqual({ cursor: 'none', scrolls: false });
      expect(await page.getByTestId('screen').getAttribute('data-wide')).toBe(String(wallShape(viewport.width, viewport.height).wide));
      expect(session.outsideRequests).toEqual([]);
      await screenshot(page, `screen-${viewport.width}x${viewport.height}`);
    });

    it('shows a problem reported through the API in the live feed and the figures within 2 s, without reloading', async () => {
      const { page } = session;
      const before = await apiJson<ScreenToday>('/api/screen/today');
      const created = await reportProblemInGrid(world.server, 'block', { category: 'exposed_garbage', source: 'citizen_report', description: '垃圾满溢', address: '大屏测试', actor: '市民' });
      expect(created.statusCode).toBe(201);

      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday + 1) }).waitFor({ timeout: 2000 });
      await page.locator('[data-testid="screen-open"]', { hasText: String(before.open + 1) }).waitFor({ timeout: 2000 });
      const firstEvent = Number((await listed(session, 'list-feed', 'data-event-id'))[0]);
      expect(firstEvent).toBe(created.json().events[0].id);
    });
  });
}

describe('the big screen\'s tour', () => {
  it('opens on the district, then flies to the worst grid and shows its card', async () => {
    const month = lastFullDays(30, TEST_NOW);
    const grids = await apiJson<GridCollection>(`/api/grids?from=${month.from}&to=${month.to}`);
    const worst = grids.features.filter((feature) => feature.properties.performance.composite !== null)
      .sort((a, b) => a.properties.performance.composite! - b.properties.performance.composite! || a.properties.code.localeCompare(b.properties.code))[0]!;
    const session = await openPage(world.browser, world.origin, { width: 1920, height: 1080 });
    try {
      // A long stop, so the card cannot move on while it is read.
      await session.page.goto(`${world.origin}/screen?tour=8`);
      await session.page.locator('[data-testid="map"][data-rendered-grids="65"]').waitFor({ state: 'attached', timeout: 45_000 });
      expect(await session.page.getByTestId('tour-card').count()).toBe(0);

      const card = session.page.getByTestId('tour-card');
      await card.waitFor({ timeout: 20_000 });
      const shown = await card.evaluate((element) => ({ code: element.getAttribute('data-grid-code'), text: element.textContent }));
      expect(shown.code).toBe(worst.properties.code);
      expect(shown.text).toContain(worst.properties.leader.name);
      await session.page.locator(`[data-testid="map"][data-selected-grid="${worst.properties.code}"]`).waitFor({ state: 'attached' });
      await screenshot(session.page, 'screen-tour');
    } finally {
      await session.close();
    }
  });
});

describe('the big screen on a wall of another height', () => {
  it('lays the charts and the map out as at 1080 lines and draws them at the wall\'s own resolution', async () => {
    const viewport = { width: 1280, height: 720 };
    const session = await openPage(world.browser, world.origin, viewport);
    try {
      const { page } = session;
      await page.goto(`${world.origin}/screen?tour=0`);
      await page.locator('[data-testid="map"][data-rendered-grids="65"][data-map-idle="true"]').waitFor({ state: 'attached', timeout: 45_000 });
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
  it('says so, and polls: a new problem still shows within the polling interval', async () => {
    const session = await openPage(world.browser, world.origin, { width: 1920, height: 1080 });
    try {
      const { page } = session;
      await page.route('**/api/events', (route) => route.abort());
      await page.goto(`${world.origin}/screen?tour=0`);
      await page.locator('[data-testid="screen-freshness"]:not([data-live="live"])').waitFor();
      const before = await apiJson<ScreenToday>('/api/screen/today');
      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday) }).waitFor();
      const created = await reportProblemInGrid(world.server, 'strip', { category: 'dirty_road', source: 'grid_patrol', description: '路面不洁', address: '断线测试', actor: '网格员' });
      expect(created.statusCode).toBe(201);

      await page.locator('[data-testid="screen-new-today"]', { hasText: String(before.newToday + 1) }).waitFor({ timeout: POLL_WHILE_DOWN_MS + 5000 });
      expect(await page.getByTestId('screen-freshness').textContent()).toContain('连接中');
    } finally {
      await session.close();
    }
  });
});
