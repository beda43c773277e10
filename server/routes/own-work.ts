import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common.ts';
import { OwnWork } from '../schemas/issues.ts';
import { scopeOf, signedInAccount } from '../plugins/authentication.ts';
import { ownWork } from '../services/own-work.ts';

/**
 * `GET /api/session/work`: what waits on the signed-in account, in its own district. Its address
 * names no district, so that the phone app can ask for it beside its scripts, before it knows
 * whose it is: one round trip less on a field connection.
 */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/session/work', {
    config: { permission: 'problems' },
    schema: { tags: ['issues'], summary: "The signed-in account's work: its department's problems to rectify, the problems it may re-inspect", response: withErrors({ 200: OwnWork }) },
  }, async (request) => {
    const { served, account } = signedInAccount(request);
    return ownWork(served.store.repositories, account, scopeOf(request), fastify.now());
  });
};
export default routes;
