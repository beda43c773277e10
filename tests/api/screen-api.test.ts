import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ISSUE_SOURCES } from '../../server/domain/issue-vocabulary.ts';
import { chinaDay } from '../../server/domain/china-time.ts';
import type { IssueList, ScreenToday } from '../../server/schemas/contract.ts';
import { reportProblemInGrid } from '../support/report-problem.ts';
import { buildTestApp, signIn } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** The big screen's API, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: FastifyInstance;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 3000);
    app = await buildTestApp({ store: district.openStore() });
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const OPEN = 'reported,assigned,in_progress,rectified';
  const total = async (query: string) => ((await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues?${query}&limit=1` })).json() as IssueList).total;
  const today = async () => (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/screen/today' })).json() as ScreenToday;

  describe('the big screen\'s figures of the day', () => {
    it('count what the problem list counts', async () => {
      const figures = await today();
      const day = chinaDay(TEST_NOW);
      expect(figures.day).toBe(day);
      expect(figures.open).toBe(await total(`state=${OPEN}`));
      expect(figures.overdue).toBe(await total(`state=${OPEN}&overdue=true`));
      expect(figures.newToday).toBe(await total(`from=${day}&to=${day}`));
      expect(figures.newToday).toBeGreaterThan(0);
      expect(figures.closedToday).toBe(await district.scalar(`SELECT count(*) FROM issues WHERE closed_at >= ${Date.parse(`${day}T00:00:00+08:00`)}`));
      expect(figures.bySource.map((row) => row.source)).toEqual([...ISSUE_SOURCES]);
      for (const row of figures.bySource) {
        expect(row.open).toBe(await total(`state=${OPEN}&source=${row.source}`));
        expect(row.reportedToday).toBe(await total(`source=${row.source}&from=${day}&to=${day}`));
      }
    });

    it('rank the categories with most open problems, and list the newest events first', async () => {
      const figures = await today();
      expect(figures.topCategories).toHaveLength(8);
      expect(figures.topCategories.map((row) => row.open)).toEqual([...figures.topCategories.map((row) => row.open)].sort((a, b) => b - a));
      expect(figures.topCategories[0]!.open).toBe(await total(`state=${OPEN}&category=${figures.topCategories[0]!.code}`));
      expect(figures.latestEvents).toHaveLength(28);
      const newestFirst = [...figures.latestEvents].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id - a.id);
      expect(figures.latestEvents.map((event) => event.id)).toEqual(newestFirst.map((event) => event.id));
      // Nothing left out is newer than the oldest shown.
      const newerElsewhere = await district.scalar(`SELECT count(*) FROM issue_events WHERE occurred_at > ${Date.parse(figures.latestEvents.at(-1)!.occurredAt)}
        AND action IN ('report', 'pass_inspection', 'dispatch', 'reassign', 'fail_inspection', 'void')`);
      expect(newerElsewhere).toBeLessThan(figures.latestEvents.length);
    });

    it('show a new problem at once: one more new today, and its report as the newest event', async () => {
      const before = await today();
      const created = await reportProblemInGrid(app, 'block', { category: 'exposed_garbage', source: 'citizen_report', description: '垃圾桶满溢', address: '测试' });
      expect(created.statusCode, created.body).toBe(201);
      const after = await today();
      expect(after.newToday).toBe(before.newToday + 1);
      expect(after.open).toBe(before.open + 1);
      expect(after.bySource.find((row) => row.source === 'citizen_report')!.reportedToday).toBe(before.bySource.find((row) => row.source === 'citizen_report')!.reportedToday + 1);
      expect(after.latestEvents[0]).toMatchObject({ action: 'report', issueId: created.json().id });
    });
  });

  describe('a wall on a device token', () => {
    it('is let in with a token the administrator made, shows the wall and nothing else, and stops once the token is revoked', async () => {
      const guarded = await buildTestApp({ store: district.openStore(), signedInAs: null });
      try {
        const wall = (token: string, url = '/api/districts/qingchuan/screen/today') => guarded.inject({ url, headers: { authorization: `Bearer ${token}` } });
        expect((await guarded.inject('/api/districts/qingchuan/screen/today')).statusCode).toBe(401);
        const refused = await wall('qingchuan.guessguessguessguessguessguessguessguessgue');
        expect(refused.statusCode).toBe(401);
        expect(refused.json().message).toMatch(/device token is not known here/);

        const admin = await signIn(guarded, 'admin');
        const created = await guarded.inject({ method: 'POST', url: '/api/screen-devices', headers: admin.headers, payload: { name: '二楼指挥大厅' } });
        expect(created.statusCode, created.body).toBe(201);
        const { token, link, device } = created.json() as { token: string; link: string; device: { id: number } };
        expect(link).toBe(`/screen?device=${token}`);
        expect((await wall(token)).statusCode).toBe(200);
        expect((await wall(token, '/api/districts/qingchuan/grids')).statusCode).toBe(200);
        for (const url of ['/api/districts/qingchuan/issues', '/api/districts/qingchuan/issues/1', '/api/accounts', '/api/audit']) {
          expect((await wall(token, url)).statusCode, url).toBe(403);
        }
        expect(await district.scalar(`SELECT count(*) FROM screen_devices WHERE token_hash = '${token.split('.')[1]}'`)).toBe(0);

        expect((await guarded.inject({ method: 'POST', url: `/api/screen-devices/${device.id}/revoke`, headers: admin.headers })).statusCode).toBe(200);
        const revoked = await wall(token);
        expect(revoked.statusCode).toBe(401);
        expect(revoked.json().message).toMatch(/^this screen's device token was revoked/);
      } finally {
        await guarded.close();
      }
    });
  });
});
