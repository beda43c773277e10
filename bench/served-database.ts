import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import app, { fastifyOptions } from '../server/app.ts';
import { UNLIMITED } from '../server/plugins/rate-limits.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { districtStoreOf } from '../server/store/districts.ts';
import { DEFAULT_SEED, seedDatabase } from '../server/seed/seed-database.ts';
import { signInOver, type SessionHeaders } from './session.ts';

/** What several benchmarks share: the million-problem database, seeding one, and serving one over real HTTP. */

const projectRoot = resolve(import.meta.dirname, '..');
/** Built once by `npm run bench` and reused; BENCH_DATABASE puts it elsewhere. */
export const MILLION_DATABASE = resolve(process.env.BENCH_DATABASE ?? join(projectRoot, 'data/bench-1m.db'));

/** Seeds a demo district of `issueCount` problems at `path`; the seconds it took. */
export function seedTimed(path: string, issueCount: number): number {
  const database = openDatabase(path);
  const started = performance.now();
  seedDatabase(database, { seed: DEFAULT_SEED, now: Date.now(), issueCount, basemapDirectory: join(tmpdir(), `civgrid-bench-basemap-${process.pid}`) });
  const seconds = (performance.now() - started) / 1000;
  database.close();
  return seconds;
}

export async function serveDatabase(path: string): Promise<{ server: FastifyInstance; origin: string; headers: SessionHeaders }> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  // Measured from one address, far past what a person sends: no rate limit in the way.
  await server.register(fastifyPlugin(app), { districts: [await districtStoreOf(createSqliteStore(openDatabase(path)))], rateLimits: UNLIMITED, security: { signInsPerMinute: 1_000_000 } });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { server, origin, headers: await signInOver(origin) };
}
