import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCollection, GridDetail, PerformanceList, Category, Leader, IssueDetail, InspectionPointSummary, UploadedPhoto, Trend } from '../../server/schemas/contract.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { DEFAULT_SCORING_SETTINGS, GRADES } from '../../server/domain/scoring-settings.ts';
import { decodeIssuePositions, type IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import { bbox, centroid } from '@turf/turf';
import { brotliDecompressSync } from 'node:zlib';
import { signIn, type SignedIn } from '../support/test-app.ts';
import { phonePhoto, sendPhotos } from '../support/photos.ts';

const world = useBrowserWorld();
let session: BrowserSession;

/** How many problems the positions endpoint finds for a query, as the map's problem layer asks it. */
async function issueCountFromApi(query: string): Promise<number> {
  const response = await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/positions?${query}` });
  return Number(response.headers['x-issue-count']);
}

const OPEN = 'state=reported,assigned,in_progress,rectified';

async function gridFromApi(code: string): Promise<GridDetail> {
  return (await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/grids/${code}` })).json() as GridDetail;
}

describe('the overview map', () => {
  beforeAll(async () => {
    session = await openPage(world.browser, world.origin);
  });
  afterAll(async () => session.close());

  it('draws all 65 grids without a single request outside our server', async () => {
    const app = createDriver(session);
    await app.given.overviewOpened();
    await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
    expect(session.outsideRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(Number(await app.page.getByTestId('map').getAttribute('data-road-labels'))).toBeGreaterThan(5);
    // The problems and inspection points are deck.gl's, fetched once there are some to draw.
    await expect.poll(() => session.scripts.filter((path) => path.includes('deck-overlay')).length).toBe(1);
    expect(await app.then.text('app-title')).toBe('创城网格一张图');
    await screenshot(app.page, 'overview');
  });

  it('colours the grids by the metric and period a leader picks, with its legend, kept in the URL', async () => {
    const app = createDriver(session);
    await app.given.overviewOpened();
    expect(await app.page.getByTestId('map-legend').getAttribute('data-metric')).toBe('composite');

    await app.when.chooseMetric('onTimeRate');
    await app.when.choosePeriod(90);

    expect(await app.page.getByTestId('map-legend').getAttribute('data-metric')).toBe('onTimeRate');
    expect(await app.then.text('map-legend')).toContain('按期整改率');
    const ninetyDays = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids?days=90' })).json() as GridCollection;
    // The answer has come; the range it sets is drawn on the next render.
    await app.page.getByTestId('window-range').filter({ hasText: ninetyDays.window.from }).waitFor();
    expect(app.then.currentSearch()).toBe('?metric=onTimeRate&days=90');
    await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
    await screenshot(app.page, 'overview-on-time-rate');
    await app.page.goto(`${world.origin}/`);
  });

  it('shows every inspection point, and hides them with the layer toggle', async () => {
    const app = createDriver(session);
    const points = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/inspection-points' })).json() as InspectionPointSummary[];
    await app.given.overviewOpened();
    const mapShows = (count: number) => app.page.locator(`[data-testid="map"][data-inspection-points="${count}"]`).waitFor({ state: 'attached' });

    await mapShows(points.length);
    await app.page.getByTestId('toggle-inspection-points').click();
    await mapShows(0);
    expect(app.then.currentSearch()).toBe('?points=off');
    await app.page.getByTestId('toggle-inspection-points').click();
    await mapShows(points.length);
  });

  it('draws the problems the API finds, filtered by state, category and source, the filter kept in the URL', async () => {
    const app = createDriver(session);
    const categories = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/categories' })).json() as Category[];
    const group = categories.find((category) => category.parentCode === null)!;
    await app.given.overviewOpened();
    const openCount = await issueCountFromApi(OPEN);
    expect(openCount).toBeGreaterThan(0);
    await app.then.issuesOnMap(openCount);
    expect(await app.then.text('issue-layer-count')).toBe(`${openCount} 件`);
    expect(await app.page.getByTestId('map').getAttribute('data-issue-layer-mode')).toBe('density');

    await app.when.filterIssues('state', 'overdue');
    const overdue = await issueCountFromApi(`${OPEN}&overdue=true`);
    await app.then.issuesOnMap(overdue);
    await app.when.filterIssues('category', group.code);
    const overdueInGroup = await issueCountFromApi(`${OPEN}&overdue=true&category=${group.code}`);
    await app.then.issuesOnMap(overdueInGroup);
    await app.when.filterIssues('state', 'closed');
    await app.when.filterIssues('source', 'citizen_report');
    const closedFromCitizens = await issueCountFromApi(`state=closed&category=${group.code}&source=citizen_report`);
    await app.then.issuesOnMap(closedFromCitizens);
    expect(new Set([openCount, overdue, overdueInGroup, closedFromCitizens]).size).toBe(4);
    expect(app.then.currentSearch()).toBe(`?state=closed&category=${group.code}&source=citizen_report`);

    await app.when.toggleIssues();
    await app.then.issuesOnMap(0);
    await app.page.goto(`${world.origin}/?state=overdue`);
    await app.then.issuesOnMap(overdue);
    await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
    await screenshot(app.page, 'overview-overdue-density');
    await app.page.goto(`${world.origin}/`);
  });

  it('opens a problem clicked on the map once zoomed in to its dots', async () => {
    const app = createDriver(session);
    const grids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    const busiest = [...grids.features].sort((a, b) => b.properties.openIssues - a.properties.openIssues)[0]!.properties.code;
    const response = await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/positions?${OPEN}` });
    const everywhere = decodeIssuePositions(new Uint8Array(response.rawPayload).buffer);
    const inGrid = await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/positions?${OPEN}&grid=${busiest}` });
    const candidates = decodeIssuePositions(new Uint8Array(inGrid.rawPayload).buffer);
    // The grid's problem furthest from any other, so the click cannot mean a neighbour.
    const loneliest = loneliestProblem(candidates, everywhere);
    expect(loneliest.clearance).toBeGreaterThan(0.0003);
    await app.given.overviewOpened(`/grids/${busiest}?points=off`);
    await app.page.locator('[data-testid="map"][data-issue-layer-mode="points"][data-map-idle="true"]').waitFor({ state: 'attached' });

    await app.when.clickMapAt(loneliest.longitude, loneliest.latitude);

    await app.page.locator(`[data-testid="issue-panel"][data-issue-id="${loneliest.id}"]`).waitFor();
    expect(app.then.currentPath()).toBe(`/issues/${loneliest.id}`);
    await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
    await screenshot(app.page, 'overview-problem-dots');
    await app.page.goto(`${world.origin}/`);
  });

  it('names an inspection point with its latest verdict and 得分率 when the pointer rests on it', async () => {
    const app = createDriver(session);
    const points = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/inspection-points?grid=B07' })).json() as InspectionPointSummary[];
    const evaluated = points.filter((point) => point.latestEvaluation !== null);
    // The point furthest from its neighbours, so the pointer cannot rest on another.
    const clearance = (point: InspectionPointSummary) => Math.min(...points.filter((other) => other.id !== point.id)
      .map((other) => Math.hypot(other.longitude - point.longitude, other.latitude - point.latitude)));
    const target = evaluated.sort((a, b) => clearance(b) - clearance(a))[0]!;
    await app.given.overviewOpened('/grids/B07?issues=off');

    await app.when.hoverMapAt(target.longitude, target.latitude);

    const tooltip = app.page.locator('.map-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(target.name);
    expect(await tooltip.textContent()).toContain(`得分率 ${target.latestEvaluation!.scoreRate}%`);
    await screenshot(app.page, 'overview-inspection-point-tooltip');
    await app.page.goto(`${world.origin}/`);
  });

  it('finds a leader by name and shows only their grids, outlined on the map', async () => {
    const app = createDriver(session);
    const leaders = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/leaders' })).json() as Leader[];
    const leader = leaders.find((candidate) => candidate.grids.length === 3) ?? leaders[0]!;
    const codes = leader.grids.map((grid) => grid.code).sort();
    await app.given.overviewOpened();

    await app.when.pickLeader(leader.name, leader.id);

    expect(await app.then.text('leader-banner')).toContain(leader.name);
    expect((await app.then.highlightedGridsOnMap())!.split(',').sort()).toEqual(codes);
    expect(await app.then.listedGrids()).toEqual(codes);
    expect(await app.then.text('grid-list-heading')).toBe(`网格（${codes.length}个）`);
    expect(app.then.currentSearch()).toBe(`?leader=${leader.id}`);
    await screenshot(app.page, 'overview-leader');
    await app.page.getByTestId('leader-clear').click();
    await app.page.getByTestId('leader-banner').waitFor({ state: 'detached' });
    expect(await app.then.listedGrids()).toHaveLength(65);
    expect(await app.then.highlightedGridsOnMap()).toBe('');
  });

  it('drills from a grid to a problem and its history, pointed out on the map, and back', async () => {
    const app = createDriver(session);
    const grids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    const busiest = [...grids.features].sort((a, b) => b.properties.openIssues - a.properties.openIssues)[0]!.properties.code;
    await app.given.overviewOpened(`/grids/${busiest}`);
    const firstItem = app.page.locator('[data-testid^="issue-item-"]').first();
    await firstItem.waitFor();
    const issueId = Number((await firstItem.getAttribute('data-testid'))!.slice('issue-item-'.length));
    const expected = (await world.server.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${issueId}` })).json() as IssueDetail;

    await firstItem.hover();
    await app.page.locator(`[data-testid="map"][data-focused-issue="${expected.longitude},${expected.latitude}"]`).waitFor({ state: 'attached' });
    await firstItem.click();

    await app.page.locator(`[data-testid="issue-panel"][data-issue-id="${issueId}"]`).waitFor();
    expect(app.then.currentPath()).toBe(`/issues/${issueId}`);
    expect(await app.then.text('issue-panel-title')).toBe(expected.code);
    expect(await app.page.locator('[data-testid="issue-timeline"] li').count()).toBe(expected.events.length);
    expect(await app.then.selectedGridOnMap()).toBe(busiest);
    await app.page.locator(`[data-testid="map"][data-focused-issue="${expected.longitude},${expected.latitude}"][data-map-idle="true"]`).waitFor({ state: 'attached' });
    await screenshot(app.page, 'overview-issue');

    await app.page.goBack();
    await app.then.gridPanelFor(busiest).waitFor();
    expect(app.then.currentPath()).toBe(`/grids/${busiest}`);
  });

  it('shows a problem\'s photos, before beside after, with when and how far each was taken and what is doubtful', async () => {
    const now = world.clock.now();
    const [gridworker, department] = [await signIn(world.server, 'gridworker'), await signIn(world.server, 'department')];
    const grids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.code === 'B01')!).geometry.coordinates as [number, number];
    const upload = async (who: SignedIn, bytes: Buffer) => ((await sendPhotos(world.server, who, [{ name: 'IMG.jpg', bytes }])).json() as UploadedPhoto[])[0]!;
    /** As the account, or (null) as the commander the test's reads are made as. */
    const act = async (who: SignedIn | null, id: number, body: object) =>
      (await world.server.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${id}/actions`, headers: who?.headers, payload: body })).json() as IssueDetail;
    // Given a problem reported with a photo on the spot, rectified with one taken 300 m away.
    const before = await upload(gridworker, await phonePhoto({ takenAt: now - 60_000, position: [longitude, latitude], seed: 71 }));
    let issue = (await world.server.inject({
      method: 'POST', url: '/api/districts/qingchuan/issues', headers: gridworker.headers,
      payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '路边垃圾堆积', address: '金桂片区', longitude, latitude, photoIds: [before.id] },
    })).json() as IssueDetail;
    const departmentId = ((await world.server.inject({ method: 'GET', url: '/api/session', headers: department.headers })).json() as { account: { departmentId: number } }).account.departmentId;
    issue = await act(null, issue.id, { action: 'dispatch', version: issue.version, departmentId });
    issue = await act(department, issue.id, { action: 'accept', version: issue.version });
    const after = await upload(department, await phonePhoto({ takenAt: now, position: [longitude, latitude + 300 / 111_195], seed: 72 }));
    await act(department, issue.id, { action: 'submit_rectification', version: issue.version, note: '已清运', photoIds: [after.id] });

    // When the commander opens it.
    const app = createDriver(session);
    await app.given.overviewOpened(`/issues/${issue.id}`);
    await app.page.locator(`[data-testid="issue-panel"][data-issue-id="${issue.id}"]`).waitFor();
    const photos = app.page.getByTestId('issue-photos');
    await photos.scrollIntoViewIfNeeded();
    // Then the report's photo stands before, the rectification's after, both loaded from our server.
    await app.page.locator(`[data-testid="issue-photos-before"] [data-photo-id="${before.id}"] img`).waitFor();
    await app.page.locator(`[data-testid="issue-photos-after"] [data-photo-id="${after.id}"] img`).waitFor();
    await app.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="issue-photo"] img')].every((image) => (image as HTMLImageElement).naturalWidth > 0));
    expect(await app.page.getByTestId('issue-photo-flag').allTextContents()).toEqual(['拍摄位置距问题超过 200 米']);
    expect(await photos.textContent()).toContain('整改前');
    expect(await photos.textContent()).toContain('距问题 300 米');
    await screenshot(app.page, 'issue-photos');
    expect(session.outsideRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it('opens the panel of a grid clicked on the map, with the numbers the API gives', async () => {
    const app = createDriver(session);
    const expected = await gridFromApi('B07');

    await app.when.pickGridFromList('B07');
    await app.when.closeGridPanel();
    expect(app.then.currentPath()).toBe('/');
    // Zoomed in, a click on a problem's dot opens the problem; with the layer off it means the grid.
    await app.when.toggleIssues();
    await app.when.clickMapCentre();

    await app.then.gridPanelFor('B07').waitFor();
    expect(app.then.currentPath()).toBe('/grids/B07');
    expect(await app.then.text('grid-panel-title')).toBe(expected.properties.name);
    expect(await app.then.text('grid-panel-open')).toBe(String(expected.properties.openIssues));
    expect(await app.then.text('grid-panel-overdue')).toBe(String(expected.properties.overdueIssues));
    expect(await app.then.text('grid-panel-leader')).toContain(expected.properties.leader!.name);

    const performance = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/performance?unit=grid&days=30' })).json() as PerformanceList;
    const row = performance.rows.find((candidate) => candidate.unit.key === 'B07')!;
    await app.page.getByTestId('grid-performance').waitFor();
    expect(await app.then.text('grid-panel-composite')).toBe(row.composite === null ? '—' : String(row.composite));
    expect(await app.then.text('grid-panel-rank')).toBe(row.rank === null ? '—' : `${row.rank}/${performance.rows.filter((candidate) => candidate.rank !== null).length}`);
    expect(await app.page.locator('[data-testid="grid-panel-metrics"] tr[data-metric="rectificationRate"] td').first().textContent())
      .toBe(row.rectificationRate === null ? '—' : `${row.rectificationRate}%`);
    expect(Number(await app.page.getByTestId('trend-chart').getAttribute('data-months'))).toBeGreaterThanOrEqual(12);
    // The trend's months without a sufficient sample are gaps, as the API marks them; the months the window cuts short are marked partial.
    const trend = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/performance/trend?unit=grid&id=B07&interval=month&days=365' })).json() as Trend;
    expect(Number(await app.page.getByTestId('trend-chart').getAttribute('data-gaps'))).toBe(trend.points.filter((point) => !point.sampleSufficient).length);
    expect(await app.page.getByTestId('trend-chart').getAttribute('data-partial')).toBe('2');
    const gridPoints = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/inspection-points?grid=B07' })).json() as InspectionPointSummary[];
    await app.page.getByTestId('grid-panel-points').waitFor();
    expect(await app.page.locator('[data-testid="grid-panel-points"] li').count()).toBe(gridPoints.length);
    await screenshot(app.page, 'overview-grid-panel');
    await app.when.toggleIssues();
  });

  it('switches to English and back', async () => {
    const app = createDriver(session);
    // English is fetched when first chosen.
    await app.when.switchLanguage();
    await expect.poll(() => app.then.text('app-title')).toBe('CivGrid');
    await app.when.switchLanguage();
    await expect.poll(() => app.then.text('app-title')).toBe('创城网格一张图');
  });
});

describe('grade thresholds changed by the office', () => {
  // The scoring settings are the administrator's to change.
  const putThresholds = async (gradeThresholds: typeof DEFAULT_SCORING_SETTINGS.gradeThresholds) => world.server.inject({
    method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', headers: (await signIn(world.server, 'admin')).headers,
    payload: { settings: { ...DEFAULT_SCORING_SETTINGS, gradeThresholds }, note: '放宽等级线' },
  });
  /** Each grid's band as the server grades it now: its grade, or none when the sample is too small. */
  const bandsFromApi = async () => {
    const grids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    return grids.features.map((feature) => `${feature.properties.code}:${feature.properties.performance.grade === null ? '-' : GRADES.indexOf(feature.properties.performance.grade)}`).sort().join(',');
  };

  it('recolour the map and rewrite its legend as soon as they are changed, without a reload', async () => {
    const changing = await openPage(world.browser, world.origin);
    try {
      const app = createDriver(changing);
      await app.given.overviewOpened();
      await app.page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
      const before = await bandsFromApi();
      await app.then.gridBandsOnMap(before);
      expect(await app.then.text('metric-legend')).toContain('A 级（≥90）');

      expect((await putThresholds({ A: 70, B: 60, C: 50, D: 30 })).statusCode).toBe(200);

      await app.page.getByTestId('metric-legend').filter({ hasText: 'A 级（≥70）' }).waitFor();
      const after = await bandsFromApi();
      expect(after).not.toBe(before);
      await app.then.gridBandsOnMap(after);
      expect(await app.then.text('metric-legend')).toContain('E 级（<30）');
      await screenshot(app.page, 'overview-thresholds-changed');
    } finally {
      await putThresholds(DEFAULT_SCORING_SETTINGS.gradeThresholds);
      await changing.close();
    }
  });
});

describe('a deep link to a grid', () => {
  it('opens that grid, selected on the map and framed', async () => {
    const deepLinkSession = await openPage(world.browser, world.origin);
    try {
      const app = createDriver(deepLinkSession);
      const expected = await gridFromApi('B14');
      await app.given.overviewOpened('/grids/B14');
      await app.then.gridPanelFor('B14').waitFor();
      expect(await app.then.text('grid-panel-title')).toBe(expected.properties.name);
      expect(await app.then.selectedGridOnMap()).toBe('B14');
      const allGrids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
      const [gridWest, gridSouth, gridEast, gridNorth] = bbox(allGrids.features.find((candidate) => candidate.properties.code === 'B14')!);
      const [districtWest, , districtEast] = bbox(allGrids);
      await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
      const [west, south, east, north] = await app.then.viewBounds();
      expect([west <= gridWest, south <= gridSouth, east >= gridEast, north >= gridNorth]).toEqual([true, true, true, true]);
      expect(east - west).toBeLessThan(districtEast - districtWest);
      expect(deepLinkSession.outsideRequests).toEqual([]);
    } finally {
      await deepLinkSession.close();
    }
  });

  it('from a leader, to a grid not theirs, frames that grid and not their own', async () => {
    const leaderSession = await openPage(world.browser, world.origin, { signedInAs: 'leader' });
    try {
      const app = createDriver(leaderSession);
      const allGrids = (await world.server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
      // The demo's leader answers for the first grid and every other grid of its leader.
      const leaderId = allGrids.features.find((feature) => feature.properties.code === 'B01')!.properties.leader!.id;
      const ownGrids = allGrids.features.filter((feature) => feature.properties.leader?.id === leaderId).map((feature) => feature.properties.code);
      expect(ownGrids.length).toBeGreaterThan(0);
      expect(ownGrids).not.toContain('B14');
      await app.given.overviewOpened('/grids/B14');
      await app.then.gridPanelFor('B14').waitFor();
      await app.page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
      expect((await app.page.getByTestId('map').getAttribute('data-highlighted-grids'))!.split(',').sort()).toEqual(ownGrids.sort());
      const [gridWest, gridSouth, gridEast, gridNorth] = bbox(allGrids.features.find((candidate) => candidate.properties.code === 'B14')!);
      const [west, south, east, north] = await app.then.viewBounds();
      const [middleLongitude, middleLatitude] = [(west + east) / 2, (south + north) / 2];
      expect([gridWest < middleLongitude, middleLongitude < gridEast, gridSouth < middleLatitude, middleLatitude < gridNorth]).toEqual([true, true, true, true]);
    } finally {
      await leaderSession.close();
    }
  });
});

/** Of the candidates, the problem whose nearest other problem is furthest, with that distance in degrees. */
function loneliestProblem(candidates: IssuePositions, everywhere: IssuePositions) {
  let best = { id: 0, longitude: 0, latitude: 0, clearance: -1 };
  for (let index = 0; index < candidates.count; index += 1) {
    const longitude = candidates.positions[index * 2]!;
    const latitude = candidates.positions[index * 2 + 1]!;
    let clearance = Infinity;
    for (let other = 0; other < everywhere.count; other += 1) {
      if (everywhere.ids[other] === candidates.ids[index]) continue;
      clearance = Math.min(clearance, Math.hypot(everywhere.positions[other * 2]! - longitude, everywhere.positions[other * 2 + 1]! - latitude));
    }
    if (clearance > best.clearance) best = { id: candidates.ids[index]!, longitude, latitude, clearance };
  }
  return best;
}

describe('the built client', () => {
  it('is sent compressed at build time, its hashed assets to be kept a year and its page checked each time', async () => {
    const page = await world.server.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'identity' } });
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    const asset = await world.server.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await world.server.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'identity' } });
    expect(brotliDecompressSync(asset.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
});
