import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { GridCollection, GridDetail, IssueDetail, IssueList, InspectionPointDetail, InspectionPointSummary, Category, Department, Leader, Street } from '../../server/schemas/contract.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { buildTestApp } from '../support/test-app.ts';
import { apiClient } from '../support/api-client.ts';
import { MIGRATIONS } from '../../server/database/migrations/index.ts';

/** The read API, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: FastifyInstance;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 3000);
    app = await buildTestApp({ store: district.openStore() });
    ({ get, expectError, allIssues } = apiClient(app));
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  let get: ReturnType<typeof apiClient>['get'];
  let expectError: ReturnType<typeof apiClient>['expectError'];
  let allIssues: ReturnType<typeof apiClient>['allIssues'];

  describe('GET /api/health', () => {
    it('answers with the schema version and the present', async () => {
      expect(await get('/api/health')).toEqual({ status: 'ok', schemaVersion: MIGRATIONS.length, time: new Date(TEST_NOW).toISOString() });
    });
  });

  describe('the server\'s clock', () => {
    it('tells its time on every answer, errors included, from which a browser with a wrong clock learns it', async () => {
      for (const url of ['/api/districts/qingchuan/grids', '/api/districts/qingchuan/issues?limit=1', '/api/districts/qingchuan/issues?limit=0', '/api/nothing-here']) {
        expect((await app.inject({ method: 'GET', url })).headers['x-server-time'], url).toBe(new Date(TEST_NOW).toISOString());
      }
    });

    it('tells the pages their pace: the defaults, or what the office set', async () => {
      expect(await get('/api/client-settings')).toEqual({ now: new Date(TEST_NOW).toISOString(), refreshSeconds: 30, pollWhileDownSeconds: 10 });
      const paced = await buildTestApp({ store: district.openStore(), pacing: { refreshSeconds: 0, pollWhileDownSeconds: 4 } });
      try {
        expect((await paced.inject({ method: 'GET', url: '/api/client-settings' })).json()).toMatchObject({ refreshSeconds: 0, pollWhileDownSeconds: 4 });
      } finally {
        await paced.close();
      }
    });
  });

  describe('GET /api/districts/qingchuan/grids', () => {
    it('returns the 65 grids as GeoJSON with leader, departments and counts', async () => {
      const grids = await get<GridCollection>('/api/districts/qingchuan/grids');
      expect(grids.type).toBe('FeatureCollection');
      expect(grids.features).toHaveLength(65);
      const grid = grids.features[0]!;
      expect(grid.geometry.type).toBe('Polygon');
      expect(grid.properties).toMatchObject({ code: expect.any(String), kind: expect.stringMatching(/^(block|strip)$/), street: { id: expect.any(Number) } });
      expect(grid.properties.leader).toEqual({ id: expect.any(Number), name: expect.any(String), title: expect.any(String) });
      expect(grid.properties.departments.map((d) => d.role)).toContain('lead');
    });

    it('counts open and overdue issues that the issue list confirms', async () => {
      const grids = await get<GridCollection>('/api/districts/qingchuan/grids');
      const busiest = [...grids.features].sort((a, b) => b.properties.overdueIssues - a.properties.overdueIssues)[0]!.properties;
      expect(busiest.overdueIssues).toBeGreaterThan(0);
      const open = await get<IssueList>(`/api/districts/qingchuan/issues?grid=${busiest.code}&state=reported,assigned,in_progress,rectified&limit=1`);
      const overdue = await get<IssueList>(`/api/districts/qingchuan/issues?grid=${busiest.code}&overdue=true&limit=1`);
      expect(open.total).toBe(busiest.openIssues);
      expect(overdue.total).toBe(busiest.overdueIssues);
      const totalOpen = grids.features.reduce((sum, feature) => sum + feature.properties.openIssues, 0);
      expect((await get<IssueList>('/api/districts/qingchuan/issues?state=reported,assigned,in_progress,rectified&limit=1')).total).toBe(totalOpen);
    });
  });

  describe('GET /api/districts/qingchuan/grids/:code', () => {
    it('returns one grid with its inspection summary', async () => {
      const grid = await get<GridDetail>('/api/districts/qingchuan/grids/B07');
      expect(grid.properties.code).toBe('B07');
      const points = await get<InspectionPointSummary[]>('/api/districts/qingchuan/inspection-points?grid=B07');
      expect(grid.properties.inspection.points).toBe(points.length);
      expect(grid.properties.inspection.byType.reduce((sum, type) => sum + type.points, 0)).toBe(points.length);
      expect(grid.properties.inspection.latestRound?.evaluatedOn).toBe('2026-09-15');
    });

    it('answers 404 for a grid that does not exist', async () => {
      await expectError('/api/districts/qingchuan/grids/NOPE', 404, /grid NOPE does not exist/);
    });
  });

  describe('GET /api/districts/qingchuan/issues', () => {
    it('pages newest first through every issue exactly once', async () => {
      const items = await allIssues('');
      expect(items).toHaveLength(3000);
      expect(new Set(items.map((issue) => issue.id)).size).toBe(3000);
      const ids = items.map((issue) => issue.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const first = await get<IssueList>('/api/districts/qingchuan/issues?limit=10');
      expect(first.total).toBe(3000);
      expect(first.items).toHaveLength(10);
      expect(first.nextCursor).toBe(String(first.items[9]!.id));
    });

    it('filters by grid, states and source', async () => {
      const items = await allIssues('grid=S03&state=closed,void&source=citizen_report');
      expect(items.length).toBeGreaterThan(0);
      for (const issue of items) {
        expect(issue.grid.code).toBe('S03');
        expect(['closed', 'void']).toContain(issue.state);
        expect(issue.source).toBe('citizen_report');
      }
    });

    it('takes a main category to mean all its subcategories', async () => {
      const categories = await get<Category[]>('/api/districts/qingchuan/categories');
      const children = categories.filter((category) => category.parentCode === 'traffic_order').map((category) => category.code);
      const items = await allIssues('category=traffic_order');
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((issue) => children.includes(issue.category.code))).toBe(true);
      const byChild = await Promise.all(children.map((code) => get<IssueList>(`/api/districts/qingchuan/issues?category=${code}&limit=1`)));
      expect(byChild.reduce((sum, page) => sum + page.total, 0)).toBe(items.length);
    });

    it('filters what falls due today, or within 24 or 72 hours, on the server\'s clock', async () => {
      const endOfToday = Date.parse('2026-11-21T00:00:00+08:00');
      for (const [due, before] of [['today', endOfToday], ['next24', TEST_NOW + 24 * 3_600_000], ['next72', TEST_NOW + 72 * 3_600_000]] as const) {
        const listed = await allIssues(`due=${due}&state=assigned,in_progress`);
        const expected = await district.scalar(`SELECT count(*) FROM issues WHERE state IN ('assigned', 'in_progress')
          AND deadline_at >= ${TEST_NOW} AND deadline_at < ${before}`);
        expect(listed.length, due).toBe(expected);
        expect(listed.every((issue) => Date.parse(issue.deadlineAt!) >= TEST_NOW && Date.parse(issue.deadlineAt!) < before), due).toBe(true);
      }
      expect((await allIssues('due=next72')).length).toBeGreaterThan((await allIssues('due=today')).length);
    });

    it('filters overdue issues: assigned or in progress and past the deadline', async () => {
      const overdue = await allIssues('overdue=true');
      expect(overdue.length).toBeGreaterThan(0);
      for (const issue of overdue) {
        expect(['assigned', 'in_progress']).toContain(issue.state);
        expect(Date.parse(issue.deadlineAt!)).toBeLessThan(TEST_NOW);
        expect(issue.overdue).toBe(true);
      }
      const notOverdue = await get<IssueList>('/api/districts/qingchuan/issues?overdue=false&limit=1');
      expect(notOverdue.total + overdue.length).toBe(3000);
    });

    it('filters by department', async () => {
      const items = await allIssues('department=1');
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((issue) => issue.department?.id === 1)).toBe(true);
    });

    it('filters by a reporting window of whole China days', async () => {
      const items = await allIssues('from=2026-10-01&to=2026-10-07');
      expect(items.length).toBeGreaterThan(0);
      for (const issue of items) {
        const reported = Date.parse(issue.reportedAt);
        expect(reported).toBeGreaterThanOrEqual(Date.parse('2026-10-01T00:00:00+08:00'));
        expect(reported).toBeLessThan(Date.parse('2026-10-08T00:00:00+08:00'));
      }
    });

    it('filters by bounding box: exactly the issues inside it, edges included', async () => {
      const everything = await allIssues('');
      const edge = everything.find((issue) => issue.longitude > 116.99 && issue.longitude < 117.02 && issue.latitude > 36.6 && issue.latitude < 36.62)!;
      const bbox = [edge.longitude, 36.6, 117.02, 36.62];
      const inside = everything.filter((issue) => issue.longitude >= bbox[0]! && issue.latitude >= bbox[1]!
        && issue.longitude <= bbox[2]! && issue.latitude <= bbox[3]!);
      const items = await allIssues(`bbox=${bbox.join(',')}`);
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((issue) => issue.id)).toEqual(inside.map((issue) => issue.id));
      expect(items.map((issue) => issue.id)).toContain(edge.id);
    });

    it.each([
      ['/api/districts/qingchuan/issues?limit=0', /limit/],
      ['/api/districts/qingchuan/issues?limit=100000', /limit/],
      ['/api/districts/qingchuan/issues?limit=ten', /limit/],
      ['/api/districts/qingchuan/issues?grid=ZZ99', /^grid: /],
      ['/api/districts/qingchuan/issues?state=open', /^state: 'open' is not one of/],
      ['/api/districts/qingchuan/issues?source=rumour', /^source: /],
      ['/api/districts/qingchuan/issues?category=nonsense', /^category: /],
      ['/api/districts/qingchuan/issues?department=999', /^department: /],
      ['/api/districts/qingchuan/issues?department=abc', /department/],
      ['/api/districts/qingchuan/issues?overdue=maybe', /overdue/],
      ['/api/districts/qingchuan/issues?due=tomorrow', /due/],
      ['/api/districts/qingchuan/issues?from=2026-13-01', /^from: /],
      ['/api/districts/qingchuan/issues?from=not-a-date', /from/],
      ['/api/districts/qingchuan/issues?to=2026-02-30', /^to: /],
      ['/api/districts/qingchuan/issues?from=2026-10-08&to=2026-10-01', /^to: /],
      ['/api/districts/qingchuan/issues?bbox=1,2,3', /^bbox: /],
      ['/api/districts/qingchuan/issues?bbox=117,36,116,37', /^bbox: /],
      ['/api/districts/qingchuan/issues?cursor=abc', /^cursor: /],
    ])('answers 400 naming the parameter for %s', async (url, message) => {
      await expectError(url, 400, message);
    });
  });

  describe('GET /api/districts/qingchuan/issues/:id', () => {
    it('returns the issue with its full history', async () => {
      const [withRework] = (await allIssues('state=closed')).filter((issue) => issue.reworkCount > 0);
      const issue = await get<IssueDetail>(`/api/districts/qingchuan/issues/${withRework!.id}`);
      expect(issue.events[0]).toMatchObject({ action: 'report', fromState: null, toState: 'reported' });
      expect(issue.events.map((event) => event.action)).toContain('fail_inspection');
      expect(issue.events.at(-1)).toMatchObject({ action: 'pass_inspection', toState: 'closed' });
      expect(issue.version).toBe(issue.events.length);
    });

    it('answers 404 for an unknown id and 400 for one that is not a number', async () => {
      await expectError('/api/districts/qingchuan/issues/999999', 404, /issue 999999 does not exist/);
      await expectError('/api/districts/qingchuan/issues/abc', 400, /id/);
    });
  });

  describe('GET /api/districts/qingchuan/inspection-points', () => {
    it('filters by grid and type, with the latest evaluation', async () => {
      const markets = await get<InspectionPointSummary[]>('/api/districts/qingchuan/inspection-points?type=market');
      expect(markets.length).toBeGreaterThan(0);
      expect(markets.every((point) => point.type.code === 'market' && point.latestEvaluation !== null)).toBe(true);
      const all = await get<InspectionPointSummary[]>('/api/districts/qingchuan/inspection-points');
      expect(all.length).toBeGreaterThanOrEqual(500);
    });

    it('returns one point with every evaluation, the latest last', async () => {
      const point = await get<InspectionPointDetail>('/api/districts/qingchuan/inspection-points/1');
      expect(point.evaluations.length).toBeGreaterThanOrEqual(4);
      expect(point.latestEvaluation).toEqual(point.evaluations.at(-1));
    });

    it('names a bad filter and answers 404 for an unknown point', async () => {
      await expectError('/api/districts/qingchuan/inspection-points?type=volcano', 400, /^type: /);
      await expectError('/api/districts/qingchuan/inspection-points?grid=ZZ', 400, /^grid: /);
      await expectError('/api/districts/qingchuan/inspection-points/99999', 404, /does not exist/);
    });
  });

  describe('reference lists', () => {
    it('lists 27 leaders with their 2–3 grids, 60 departments, categories and streets', async () => {
      const leaders = await get<Leader[]>('/api/districts/qingchuan/leaders');
      expect(leaders).toHaveLength(27);
      expect(leaders.every((leader) => leader.grids.length >= 2 && leader.grids.length <= 3)).toBe(true);
      expect(await get<Department[]>('/api/districts/qingchuan/departments')).toHaveLength(60);
      const categories = await get<Category[]>('/api/districts/qingchuan/categories');
      expect(categories.filter((c) => c.parentCode === null).every((c) => c.deadline === null)).toBe(true);
      expect(categories.filter((c) => c.parentCode !== null).every((c) => c.deadline !== null)).toBe(true);
      const streets = await get<Street[]>('/api/districts/qingchuan/streets');
      expect(streets.reduce((sum, street) => sum + street.grids, 0)).toBe(65);
    });
  });

  describe('the API as a whole', () => {
    it('publishes its OpenAPI document', async () => {
      const document = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/districts', '/api/city', '/api/districts/{district}/grids', '/api/districts/{district}/issues', '/api/districts/{district}/issues/{id}', '/api/districts/{district}/inspection-points']));
    });

    it('answers 404 in JSON for an unknown API path', async () => {
      await expectError('/api/nothing-here', 404, /GET \/api\/nothing-here does not exist/);
    });

    it('hides internals when something breaks', async () => {
      // A second handle on the same file: the broken app closes it without touching the main app's.
      let clockBroken = false;
      const broken = await buildTestApp({ store: district.openStore(), now: () => {
        if (clockBroken) throw new Error('secret internal detail');
        return TEST_NOW;
      } });
      clockBroken = true;
      try {
        const response = await broken.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' });
        expect(response.statusCode).toBe(500);
        expect(response.body).not.toMatch(/secret internal detail/);
      } finally {
        await broken.close();
      }
    });
  });
});
