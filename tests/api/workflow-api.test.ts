import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { centroid } from '@turf/turf';
import { deadlineFrom } from '../../server/domain/working-time.ts';
import { chinaDay, parseChinaDateTime } from '../../server/domain/china-time.ts';
import type { GridCollection, IssueDetail, Category } from '../../server/schemas/contract.ts';
import { buildTestApp, COMMANDER, signIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { openEventStream } from '../support/event-stream.ts';
import type { AddressInfo } from 'node:net';

/** The workflow through the API, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: FastifyInstance;
  let clock = TEST_NOW;
  let categories: Category[];
  let insideB07: [number, number];

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1500);
    app = await buildTestApp({ store: district.openStore(), now: () => clock });
    categories = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/categories' })).json() as Category[];
    const grids = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    insideB07 = centroid(grids.features.find((feature) => feature.properties.code === 'B07')!).geometry.coordinates as [number, number];
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const issueCount = () => district.scalar('SELECT count(*) FROM issues');
  const eventCount = () => district.scalar('SELECT count(*) FROM issue_events');
  const get = async (id: number) => (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${id}` })).json() as IssueDetail;
  const act = (id: number, body: object) => app.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${id}/actions`, payload: { ...body } });

  async function report(category = 'sanitation_blind_spot', at = TEST_NOW): Promise<IssueDetail> {
    clock = at;
    const response = await app.inject({
      method: 'POST', url: '/api/districts/qingchuan/issues',
      payload: { category, source: 'grid_patrol', description: '楼道堆放杂物', address: '测试路 1 号', longitude: insideB07[0], latitude: insideB07[1] },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as IssueDetail;
  }

  describe('reporting a problem', () => {
    it('files it in the grid its position falls in, 待交办, with its first event', async () => {
      const issue = await report();
      expect(issue).toMatchObject({ state: 'reported', grid: { code: 'B07' }, version: 1, department: null, category: { code: 'sanitation_blind_spot' } });
      expect(issue.events).toMatchObject([{ action: 'report', actor: COMMANDER, fromState: null, toState: 'reported' }]);
    });

    it.each([
      [{ longitude: 100, latitude: 30 }, /^longitude: 100, 30 is outside the district's grids/],
      [{ category: 'no_such_kind' }, /^category: 'no_such_kind' is not a kind of problem/],
      [{ category: 'environment' }, /^category: 'environment' is not a kind of problem/],
      [{ description: '' }, /description/],
      [{ address: ' '.repeat(201) }, /address/],
    ])('refuses %j with 400 naming the field, and files nothing', async (override, message) => {
      const before = [await issueCount(), await eventCount()];
      const response = await app.inject({
        method: 'POST', url: '/api/districts/qingchuan/issues',
        payload: { category: 'exposed_garbage', source: 'citizen_report', description: '垃圾', address: '某处', longitude: insideB07[0], latitude: insideB07[1], ...override },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
      expect([await issueCount(), await eventCount()]).toEqual(before);
    });
  });

  describe('dispatching', () => {
    it('proposes the routing table\'s department and defaults the deadline from the category in working time', async () => {
      const issue = await report('exposed_garbage');
      const suggestion = (await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/${issue.id}/routing` })).json();
      expect(suggestion.department).not.toBeNull();

      const response = await act(issue.id, { action: 'dispatch', version: 1 });

      expect(response.statusCode).toBe(200);
      const rule = categories.find((category) => category.code === 'exposed_garbage')!.deadline!;
      expect(response.json()).toMatchObject({ state: 'assigned', version: 2, department: suggestion.department, deadlineAt: new Date(deadlineFrom(TEST_NOW, rule)).toISOString() });
      expect(response.json().events.at(-1)).toMatchObject({
        action: 'dispatch', actor: COMMANDER, fromState: 'reported', toState: 'assigned', changes: { departmentId: [null, suggestion.department.id] },
      });
    });

    it('counts a one-working-day deadline over the National Day holiday and onto a make-up Saturday', async () => {
      const beforeHoliday = await report('sanitation_blind_spot', parseChinaDateTime('2026-09-30T16:00'));
      const dispatched = (await act(beforeHoliday.id, { action: 'dispatch', version: 1 })).json() as IssueDetail;
      expect(chinaDay(Date.parse(dispatched.deadlineAt!))).toBe('2026-10-08');

      const beforeMakeUpDay = await report('sanitation_blind_spot', parseChinaDateTime('2026-10-09T16:00'));
      const onSaturday = (await act(beforeMakeUpDay.id, { action: 'dispatch', version: 1 })).json() as IssueDetail;
      expect(chinaDay(Date.parse(onSaturday.deadlineAt!))).toBe('2026-10-10');
      clock = TEST_NOW;
    });

    it('counts a problem overdue in the list\'s total once its deadline passes, with no write in between', async () => {
      const overdueTotal = async () => (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?overdue=true&limit=1' })).json().total as number;
      // The map's positions are counted afresh on every request: the standard the list's total is held to.
      const overdueCounted = async () => Number((await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues/positions?overdue=true' })).headers['x-issue-count']);
      const reported = await report();
      const deadline = new Date(TEST_NOW + 3 * 3_600_000).toISOString();
      expect((await act(reported.id, { action: 'dispatch', version: 1, deadline })).statusCode).toBe(200);
      const before = await overdueTotal();
      expect(before).toBe(await overdueCounted());
      clock = TEST_NOW + 4 * 3_600_000;
      const after = await overdueTotal();
      expect(after).toBe(await overdueCounted());
      expect(after).toBeGreaterThan(before);
      const listed = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?overdue=true&limit=500' })).json().items as Array<{ id: number }>;
      expect(listed.map((issue) => issue.id)).toContain(reported.id);
      clock = TEST_NOW;
    });

    it('takes a department and deadline the dispatcher chose instead', async () => {
      const issue = await report();
      const response = await act(issue.id, { action: 'dispatch', version: 1, departmentId: 3, deadline: '2026-11-25T09:00:00+08:00' });
      expect(response.json()).toMatchObject({ department: { id: 3 }, deadlineAt: '2026-11-25T01:00:00.000Z' });
    });
  });

  describe('the whole way from report to 销号, with rework and an extension', () => {
    it('records every step, and the counters stay equal to a recomputation', async () => {
      const issue = await report();
      let version = 1;
      const step = async (body: object, state: string) => {
        const response = await act(issue.id, { version, ...body });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().state).toBe(state);
        version = response.json().version;
      };
      await step({ action: 'dispatch' }, 'assigned');
      await step({ action: 'accept' }, 'in_progress');
      await step({ action: 'request_extension', deadline: '2026-11-30T17:00:00+08:00', note: '需要协调物业' }, 'in_progress');
      await step({ action: 'approve_extension' }, 'in_progress');
      await step({ action: 'submit_rectification', note: '已清理' }, 'rectified');
      await step({ action: 'fail_inspection', note: '仍有残留' }, 'in_progress');
      await step({ action: 'submit_rectification', note: '彻底清理' }, 'rectified');
      await step({ action: 'pass_inspection' }, 'closed');

      const closed = await get(issue.id);
      expect(closed).toMatchObject({ extended: true, reworkCount: 1, deadlineAt: '2026-11-30T09:00:00.000Z', version: 9 });
      expect(closed.events.map((event) => event.action)).toEqual([
        'report', 'dispatch', 'accept', 'request_extension', 'approve_extension', 'submit_rectification', 'fail_inspection', 'submit_rectification', 'pass_inspection',
      ]);
      expect(closed.events.find((event) => event.action === 'fail_inspection')!.note).toBe('仍有残留');
      expect(await district.storedCounters()).toEqual(await district.recomputedCounters());
    });

    it('reopens a recurring problem as a new problem linked to the closed one', async () => {
      const issue = await report();
      let version = 1;
      for (const body of [{ action: 'dispatch' }, { action: 'accept' }, { action: 'submit_rectification', note: '已清理' }, { action: 'pass_inspection' }]) {
        version = (await act(issue.id, { version, ...body })).json().version;
      }
      const response = await act(issue.id, { action: 'reopen', version });
      expect(response.statusCode).toBe(200);
      const reopened = response.json() as IssueDetail;
      const recurrence = reopened.events.at(-1)!.changes.recurrence![1] as number;
      expect(reopened.state).toBe('closed');
      expect(await get(recurrence)).toMatchObject({ state: 'reported', recurrenceOf: issue.id, grid: { code: 'B07' } });
      expect(await district.storedCounters()).toEqual(await district.recomputedCounters());
    });
  });

  describe('the other actions', () => {
    it('reassigns, changes the deadline, refuses an extension, sends back and voids, each recorded with its note', async () => {
      const issue = await report();
      let version = 1;
      const step = async (body: object) => {
        const response = await act(issue.id, { version, ...body });
        expect(response.statusCode, response.body).toBe(200);
        version = response.json().version;
        return response.json() as IssueDetail;
      };
      await step({ action: 'dispatch', departmentId: 3 });
      expect(await step({ action: 'reassign', departmentId: 4, note: '属地调整' })).toMatchObject({ state: 'assigned', department: { id: 4 } });
      expect(await step({ action: 'set_deadline', deadline: '2026-11-27T17:00:00+08:00' })).toMatchObject({ deadlineAt: '2026-11-27T09:00:00.000Z' });
      await step({ action: 'request_extension', deadline: '2026-12-04T17:00:00+08:00', note: '需要协调' });
      expect(await step({ action: 'refuse_extension', note: '期限内可完成' })).toMatchObject({ deadlineAt: '2026-11-27T09:00:00.000Z', extended: false });
      expect(await step({ action: 'send_back', note: '不属于本单位' })).toMatchObject({ state: 'reported', department: null, deadlineAt: null });
      const voided = await step({ action: 'void', note: '重复上报' });
      expect(voided.state).toBe('void');
      expect(voided.events.map((event) => [event.action, event.note])).toEqual([
        ['report', null], ['dispatch', null], ['reassign', '属地调整'], ['set_deadline', null], ['request_extension', '需要协调'],
        ['refuse_extension', '期限内可完成'], ['send_back', '不属于本单位'], ['void', '重复上报'],
      ]);
      expect(voided.events[2]!.changes.departmentId).toEqual([3, 4]);
      expect(await district.storedCounters()).toEqual(await district.recomputedCounters());
    });
  });

  describe('refusals', () => {
    it('answers an action the state does not allow with 409 naming the state and the allowed actions, and keeps the attempt', async () => {
      const issue = await report();
      const response = await act(issue.id, { action: 'pass_inspection', version: 1 });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ message: 'cannot pass_inspection a problem that is reported; it allows dispatch, void, supervise', allowed: ['dispatch', 'void', 'supervise'], issue: { id: issue.id, state: 'reported' } });
      const after = await get(issue.id);
      expect(after.version).toBe(1);
      expect(after.refusals).toMatchObject([{ action: 'pass_inspection', actor: COMMANDER, version: 1 }]);
    });

    it('lets one of two writers on the same version win; the other gets 409 with the problem as it now is, and both outcomes are kept', async () => {
      const issue = await report();
      const first = await act(issue.id, { action: 'dispatch', version: 1, departmentId: 3 });
      const second = await act(issue.id, { action: 'void', version: 1, note: '重复' });

      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(409);
      expect(second.json().message).toBe(`issue ${issue.id} has changed since version 1: it is now version 2, assigned`);
      expect(second.json().issue).toMatchObject({ state: 'assigned', version: 2, department: { id: 3 } });
      const history = await get(issue.id);
      expect(history.events.map((event) => [event.action, event.actor])).toEqual([['report', COMMANDER], ['dispatch', COMMANDER]]);
      expect(history.refusals).toMatchObject([{ action: 'void', actor: COMMANDER, version: 1, reason: second.json().message }]);
    });

    it.each([
      [{ action: 'void', version: 1 }, /^note: a reason is required to void/],
      [{ action: 'dispatch', version: 1, deadline: '2020-01-01T00:00:00Z' }, /^deadlineAt: the deadline must be in the future/],
      [{ action: 'dispatch', version: 1, departmentId: 99999 }, /^departmentId: no department has the id 99999/],
      [{ action: 'fly', version: 1 }, /action/],
      [{ action: 'dispatch' }, /version/],
    ])('refuses the malformed %j with 400 naming the field, changing nothing', async (body, message) => {
      const issue = await report();
      const before = await eventCount();
      const response = await act(issue.id, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
      expect(await eventCount()).toBe(before);
      expect((await get(issue.id)).version).toBe(1);
    });

    it('answers 404 for a problem that does not exist', async () => {
      const response = await act(987654, { action: 'accept', version: 1 });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('bulk actions', () => {
    const bulk = (body: object) => app.inject({ method: 'POST', url: '/api/districts/qingchuan/issues/bulk', payload: { ...body } });

    it('are all or nothing: one stale item refuses them all and each item says how it fared', async () => {
      const issues = [await report(), await report(), await report()];
      const before = await eventCount();
      const response = await bulk({ action: 'dispatch', items: [{ id: issues[0]!.id, version: 1 }, { id: issues[1]!.id, version: 7 }, { id: issues[2]!.id, version: 1 }] });

      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        ok: false, message: '1 of 3 refused; nothing was changed',
        outcomes: [
          { id: issues[0]!.id, ok: true },
          { id: issues[1]!.id, ok: false, statusCode: 409, current: { code: issues[1]!.code, version: 1, state: 'reported' } },
          { id: issues[2]!.id, ok: true },
        ],
      });
      expect(await eventCount()).toBe(before);
      for (const issue of issues) expect((await get(issue.id)).state).toBe('reported');
      expect((await get(issues[1]!.id)).refusals).toHaveLength(1);
    });

    it('do every item when none is refused, each with its routed department', async () => {
      const issues = [await report(), await report()];
      const response = await bulk({ action: 'dispatch', items: issues.map((issue) => ({ id: issue.id, version: 1 })) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true, outcomes: issues.map((issue) => ({ id: issue.id, ok: true, version: 2 })) });
      for (const issue of issues) expect(await get(issue.id)).toMatchObject({ state: 'assigned', version: 2 });
      expect(await district.storedCounters()).toEqual(await district.recomputedCounters());
    });
  });

  describe('the live feed', () => {
    let origin: string;
    let liveApp: TestApp;
    beforeAll(async () => {
      liveApp = await buildTestApp({ store: district.openStore(), now: () => clock, pacing: { heartbeatSeconds: 1 } });
      await liveApp.listen({ port: 0, host: '127.0.0.1' });
      origin = `http://127.0.0.1:${(liveApp.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => liveApp.close());

    const liveAct = (id: number, body: object) =>
      liveApp.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${id}/actions`, payload: { ...body } });

    it('sends each change with the problem as it now is, then the counts', async () => {
      const issue = await report();
      const stream = await openEventStream(`${origin}/api/districts/qingchuan/events`, liveApp.signedIn!.headers);
      try {
        await stream.next('counts');
        expect((await liveAct(issue.id, { action: 'dispatch', version: 1 })).statusCode).toBe(200);
        const change = await stream.next('issue');
        expect(change.data).toMatchObject({ type: 'issue', event: { action: 'dispatch', issueId: issue.id }, issue: { id: issue.id, state: 'assigned', version: 2 } });
        expect(Number(change.id)).toBeGreaterThan(0);
        const counts = (await stream.next('counts')).data as { open: number; overdue: number };
        expect(counts.open).toBe(await district.scalar("SELECT count(*) FROM issues WHERE state IN ('reported', 'assigned', 'in_progress', 'rectified')"));
      } finally {
        stream.close();
      }
    });

    it('sends a client that reconnects with Last-Event-ID what it missed, in order, then carries on live', async () => {
      const issue = await report();
      const first = await openEventStream(`${origin}/api/districts/qingchuan/events`, liveApp.signedIn!.headers);
      await first.next('counts');
      await liveAct(issue.id, { action: 'dispatch', version: 1 });
      const seen = await first.next('issue');
      first.close();

      await liveAct(issue.id, { action: 'accept', version: 2 });
      await liveAct(issue.id, { action: 'submit_rectification', version: 3, note: '已整改' });

      const resumed = await openEventStream(`${origin}/api/districts/qingchuan/events`, liveApp.signedIn!.headers, seen.id);
      try {
        const missed = [await resumed.next('issue'), await resumed.next('issue')];
        expect(missed.map((event) => (event.data as { event: { action: string } }).event.action)).toEqual(['accept', 'submit_rectification']);
        expect(Number(missed[0]!.id)).toBeGreaterThan(Number(seen.id));
        await liveAct(issue.id, { action: 'pass_inspection', version: 4 });
        expect(((await resumed.next('issue')).data as { issue: { state: string } }).issue.state).toBe('closed');
      } finally {
        resumed.close();
      }
    });

    it('announces a scoring settings change, and beats with the server\'s time, never the machine\'s', async () => {
      const stream = await openEventStream(`${origin}/api/districts/qingchuan/events`, liveApp.signedIn!.headers);
      try {
        const counts = await stream.next('counts');
        expect((counts.data as { at: string }).at).toBe(new Date(clock).toISOString());
        const settings = (await liveApp.inject({ method: 'GET', url: '/api/districts/qingchuan/settings/scoring' })).json().settings;
        const admin = await signIn(liveApp, 'admin');
        const put = await liveApp.inject({ method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', headers: admin.headers, payload: { settings } });
        expect(put.statusCode, put.body).toBe(200);
        expect((await stream.next('settings')).data).toEqual({ type: 'settings', changeId: put.json().change.id, at: new Date(clock).toISOString() });
        expect((await stream.next('clock')).data).toEqual({ type: 'clock', at: new Date(clock).toISOString() });
      } finally {
        stream.close();
      }
    });

    it('refuses a Last-Event-ID it never gave out', async () => {
      const response = await liveApp.inject({ method: 'GET', url: '/api/districts/qingchuan/events', headers: { 'last-event-id': 'yesterday' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/^Last-Event-ID: 'yesterday'/);
    });
  });

  describe('two server processes on one database', () => {
    let other: TestApp;
    let otherOrigin: string;
    beforeAll(async () => {
      other = await buildTestApp({ store: district.openStore(), now: () => clock, pacing: { heartbeatSeconds: 1 } });
      await other.listen({ port: 0, host: '127.0.0.1' });
      otherOrigin = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => other.close());

    it('refuse a stale version whichever of them is asked', async () => {
      const issue = await report();
      expect((await act(issue.id, { action: 'dispatch', version: 1 })).statusCode).toBe(200);
      const stale = await other.inject({ method: 'POST', url: `/api/districts/qingchuan/issues/${issue.id}/actions`, payload: { action: 'dispatch', version: 1 } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().issue).toMatchObject({ version: 2, state: 'assigned' });
    });

    it.runIf(dialect === 'postgres')('share one live feed: a change made through one reaches the other\'s clients, and a resume there finds it', async () => {
      const issue = await report();
      const stream = await openEventStream(`${otherOrigin}/api/districts/qingchuan/events`, other.signedIn!.headers);
      try {
        await stream.next('counts');
        expect((await act(issue.id, { action: 'dispatch', version: 1 })).statusCode).toBe(200);
        const change = await stream.next('issue');
        expect(change.data).toMatchObject({ event: { action: 'dispatch', issueId: issue.id }, issue: { version: 2 } });
        stream.close();
        expect((await act(issue.id, { action: 'accept', version: 2 })).statusCode).toBe(200);
        const resumed = await openEventStream(`${otherOrigin}/api/districts/qingchuan/events`, other.signedIn!.headers, change.id);
        try {
          expect(((await resumed.next('issue')).data as { event: { action: string } }).event.action).toBe('accept');
        } finally {
          resumed.close();
        }
      } finally {
        stream.close();
      }
    });
  });
});
