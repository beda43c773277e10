import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import app, { fastifyOptions, type AppOptions } from '../../server/app.ts';
import { TEST_NOW } from './test-database.ts';

/** The real app on a given database, with the present fixed, and no port. */
export async function buildTestApp(options: Omit<AppOptions, 'now'> & { now?: () => number }): Promise<FastifyInstance> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  await server.register(fastifyPlugin(app), { now: () => TEST_NOW, ...options });
  await server.ready();
  return server;
}
