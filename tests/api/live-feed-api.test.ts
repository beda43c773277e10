import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IssueList } from '../../server/schemas/contract.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { openEventStream } from '../support/event-stream.ts';

/** The live feed under load, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  /** The live feed holds no client's backlog and makes no write wait: slow, silent and greedy clients included. */

  const CLIENT_BUFFER_BYTES = 64 * 1024;

  let district: TestDistrict;
  let app: TestApp;
  let origin: string;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 600);
    app = await buildTestApp({ store: district.openStore(), liveFeedLimits: { clientBufferBytes: CLIENT_BUFFER_BYTES, resumeEvents: 50, resumePage: 10, batchAbove: 5 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const lastEventId = () => district.scalar('SELECT max(id) FROM issue_events');
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  /** A client that asks for the feed and then never reads a byte. */
  async function silentClient(): Promise<Socket> {
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /api/districts/qingchuan/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${app.signedIn!.headers.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause();
    return socket;
  }

  describe('the live feed', () => {
    it('lets go of a client that does not read once its unread messages pass the bound, and carries on with those that do', async () => {
      const reader = await openEventStream(`${origin}/api/districts/qingchuan/events`, app.signedIn!.headers);
      await reader.next('counts');
      const silent = await silentClient();
      await until(() => app.servedDistricts[0]!.liveFeed.clients() === 2);
      let mostBuffered = 0;
      try {
        // Settings news is sent to everyone every time: far more than a socket holds.
        for (let round = 0; round < 200 && app.servedDistricts[0]!.liveFeed.clients() === 2; round += 1) {
          for (let message = 0; message < 500; message += 1) {
            app.servedDistricts[0]!.liveFeed.announceSettings(round * 500 + message);
            mostBuffered = Math.max(mostBuffered, app.servedDistricts[0]!.liveFeed.mostBufferedBytes());
          }
          await new Promise(setImmediate);
        }
        await until(() => app.servedDistricts[0]!.liveFeed.clients() === 1);
        // What the server holds for a client never passes the bound by more than one message.
        expect(mostBuffered).toBeGreaterThan(CLIENT_BUFFER_BYTES / 2);
        expect(mostBuffered).toBeLessThanOrEqual(CLIENT_BUFFER_BYTES + 200);
        expect((await reader.next('settings')).data).toMatchObject({ type: 'settings' });
      } finally {
        silent.destroy();
        reader.close();
      }
    });

    it('answers a write before announcing it, and tells of many changes at once in one message', async () => {
      const stream = await openEventStream(`${origin}/api/districts/qingchuan/events`, app.signedIn!.headers);
      try {
        await stream.next('counts');
        const listed = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?state=assigned,in_progress&limit=100' })).json() as IssueList;
        const items = listed.items.map((issue) => ({ id: issue.id, version: issue.version }));
        expect(items.length).toBeGreaterThan(5);
        const response = await app.inject({ method: 'POST', url: '/api/districts/qingchuan/issues/bulk', payload: { action: 'set_deadline', deadline: '2026-12-31T09:00:00+08:00', items } });
        expect(response.statusCode, response.body).toBe(200);
        // Answered, and the announcement still waiting its turn (on PostgreSQL it has yet to come back from the server's channel).
        expect(app.servedDistricts[0]!.liveFeed.queued()).toBe(dialect === 'sqlite' ? items.length : 0);
        const batch = await stream.next('issues');
        expect(app.servedDistricts[0]!.liveFeed.queued()).toBe(0);
        expect((batch.data as { issueIds: number[] }).issueIds.sort((a, b) => a - b)).toEqual(items.map((item) => item.id).sort((a, b) => a - b));
        expect(Number(batch.id)).toBe(await lastEventId());
      } finally {
        stream.close();
      }
    });

    it('sends a resume a page at a time, and tells a client too far behind to reload', async () => {
      const ids = await district.column('SELECT id FROM issue_events ORDER BY id');
      const near = await openEventStream(`${origin}/api/districts/qingchuan/events`, app.signedIn!.headers, String(ids.at(-25)));
      try {
        const missed: number[] = [];
        for (let count = 0; count < 24; count += 1) missed.push(Number((await near.next('issue')).id));
        expect(missed).toEqual(ids.slice(-24));
      } finally {
        near.close();
      }
      const far = await openEventStream(`${origin}/api/districts/qingchuan/events`, app.signedIn!.headers, String(ids.at(-200)));
      try {
        await far.next('reload');
      } finally {
        far.close();
      }
    });

    it('answers a HEAD at once instead of holding it open as a stream', async () => {
      const response = await app.inject({ method: 'HEAD', url: '/api/districts/qingchuan/events' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(response.body).toBe('');
    });
  });
});
