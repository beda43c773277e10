import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { schemaVersion } from '../database/migrate.ts';
import { Health } from '../schemas/system.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/health', {
    schema: { tags: ['system'], summary: 'Whether the server and its database answer', response: { 200: Health } },
  }, async () => ({ status: 'ok' as const, schemaVersion: schemaVersion(fastify.database), time: new Date(fastify.now()).toISOString() }));
};
export default routes;
