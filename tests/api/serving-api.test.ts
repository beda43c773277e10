import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { centroid } from '@turf/turf';
import type { GridCollection } from '../../server/schemas/contract.ts';
import { openDatabase } from '../../server/database/open.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createTestClock } from '../support/test-clock.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';

/** Answers travel compressed, an unchanged one is 304, and a kept answer is never stale. */

let district: TestDatabase;
let app: FastifyInstance;
const clock = createTestClock();
beforeAll(async () => {
  district = createSeededDatabase(600);
  app = await buildTestApp({ database: district.database, now: clock.now });
});
afterAll(async () => {
  await app.close();
  district.remove();
});

const grids = async (server = app) => (await server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
const counts = (collection: GridCollection, code: string) => {
  const { openIssues, overdueIssues } = collection.features.find((feature) => feature.properties.code === code)!.properties;
  return { openIssues, overdueIssues };
};

describe('answers', () => {
  it('go brotli- or gzip-compressed as the browser takes them, the same answer either way', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids', headers: { 'accept-encoding': 'identity' } });
    const brotli = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids', headers: { 'accept-encoding': 'br, gzip' } });
    const gzip = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids', headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([brotli.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual(['br', 'gzip']);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('unchanged since the browser last had them are answered 304 by their ETag', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/performance?unit=grid&days=30' });
    const again = await app.inject({ method: 'GET', url: '/api/districts/qingchuan/performance?unit=grid&days=30', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('the grids\' kept answer', () => {
  it('follows a write, a write by another server process on the same database, and a problem falling overdue with no write at all', async () => {
    const collection = await grids();
    const block = collection.features.find((feature) => feature.properties.kind === 'block')!;
    const code = block.properties.code;
    const [longitude, latitude] = centroid(block).geometry.coordinates as [number, number];
    const report = (server: FastifyInstance) => server.inject({
      method: 'POST', url: '/api/districts/qingchuan/issues',
      payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '缓存测试', address: '缓存测试', longitude, latitude },
    });
    const before = counts(collection, code);

    expect((await report(app)).statusCode).toBe(201);
    expect(counts(await grids(), code).openIssues).toBe(before.openIssues + 1);

    const other = await buildTestApp({ database: openDatabase(district.path), now: clock.now });
    try {
      expect((await report(other)).statusCode).toBe(201);
    } finally {
      await other.close();
    }
    expect(counts(await grids(), code).openIssues).toBe(before.openIssues + 2);

    const nextDeadline = district.database.prepare(`SELECT deadline_at AS deadline, g.code FROM issues i JOIN grids g ON g.id = i.grid_id
      WHERE state IN ('assigned', 'in_progress') AND deadline_at >= @now ORDER BY deadline_at LIMIT 1`).get({ now: clock.now() }) as { deadline: number; code: string };
    const overdueBefore = counts(await grids(), nextDeadline.code).overdueIssues;
    clock.set(nextDeadline.deadline + 1);
    try {
      expect(counts(await grids(), nextDeadline.code).overdueIssues).toBeGreaterThan(overdueBefore);
    } finally {
      clock.set(createTestClock().now());
    }
  });
});
