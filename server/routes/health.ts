import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Limits } from '../limits.ts';
import { Health, Readiness } from '../schemas/system.ts';
import { readiness } from '../services/readiness.ts';

/** `/api/health`: the process answers (live). `/api/health/ready`: it can do its work (ready), or 503 saying why not. */
const routes: FastifyPluginAsyncTypebox<{ limits: Limits }> = async (fastify, { limits }) => {
  fastify.get('/health', {
    config: { permission: 'open' },
    schema: { tags: ['system'], summary: 'Whether the server answers (live)', response: { 200: Health } },
  }, async () => ({ status: 'ok' as const, schemaVersion: (await fastify.servedDistricts[0]!.store.schemaVersion()).current, time: new Date(fastify.now()).toISOString() }));

  fastify.get('/health/ready', {
    config: { permission: 'open' },
    schema: { tags: ['system'], summary: 'Whether the server can do its work: database writable, migrations current, disk space left (503 when not)', response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    const lastBackupAt = fastify.hasDecorator('backups') ? fastify.backups.status().lastTakenAt : null;
    const ready = await readiness(fastify.servedDistricts.map(({ store }) => store), limits.minimumFreeDiskBytes, lastBackupAt);
    return reply.code(ready.status === 'ready' ? 200 : 503).send(ready);
  });
};
export default routes;
