import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { Database } from 'better-sqlite3';
import app, { fastifyOptions, type AppOptions } from '../../server/app.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import type { Store } from '../../server/store/store.ts';
import { districtStoreOf } from '../../server/store/districts.ts';
import { TEST_NOW } from './test-database.ts';

export type TestAppOptions = Omit<AppOptions, 'now' | 'districts'> & { now?: () => number } & ({ store: Store } | { database: Database } | { districts: AppOptions['districts'] });

/** The real app on given districts, or one store (or an opened SQLite database), with the present fixed, and no port. */
export async function buildTestApp(options: TestAppOptions): Promise<FastifyInstance> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  const districts = 'districts' in options ? options.districts
    : [await districtStoreOf('store' in options ? options.store : createSqliteStore(options.database))];
  await server.register(fastifyPlugin(app), { now: () => TEST_NOW, ...options, districts });
  await server.ready();
  return server;
}
