import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Pacing } from '../pacing.ts';
import { ClientSettings } from '../schemas/system.ts';

/** What the browser pages need to know before anything else: the server's time and their pace. */
const routes: FastifyPluginAsyncTypebox<{ pacing: Pacing }> = async (fastify, { pacing }) => {
  fastify.get('/client-settings', {
    config: { permission: 'signed-in' },
    schema: { tags: ['system'], summary: 'The server\'s time and how often pages refetch', response: { 200: ClientSettings } },
  }, async () => ({ now: new Date(fastify.now()).toISOString(), refreshSeconds: pacing.refreshSeconds, pollWhileDownSeconds: pacing.pollWhileDownSeconds }));
};
export default routes;
