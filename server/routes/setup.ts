import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common.ts';
import { District } from '../schemas/districts.ts';
import { SetupBody, SetupStatus } from '../schemas/setup.ts';
import { ClientError, refusal } from '../errors.ts';
import { completeSetup, type AwaitingSetup } from '../services/setup.ts';
import type { District as DistrictValue } from '../store/districts.ts';

export interface SetupRouteOptions {
  /** Present while the installation has no district. */
  setup?: AwaitingSetup;
  /** Called once the district exists, after the answer is sent: the process starts serving it. */
  onSetupComplete?: (district: DistrictValue) => void;
  signInsPerMinute: number;
}

/** `GET /api/setup` says whether the installation waits for its district; `POST /api/setup` names it and makes its administrator. */
const routes: FastifyPluginAsyncTypebox<SetupRouteOptions> = async (fastify, options) => {
  let setup = options.setup;
  fastify.get('/setup', {
    config: { permission: 'open' },
    schema: { tags: ['accounts'], summary: 'Whether this installation still waits for its district and first administrator', response: { 200: SetupStatus } },
  }, async () => ({ needed: setup !== undefined }));

  fastify.post('/setup', {
    config: { permission: 'open', rateLimit: { groupId: 'sign-ins', max: options.signInsPerMinute, timeWindow: 60_000 } },
    bodyLimit: 4096,
    schema: {
      tags: ['accounts'], summary: 'Name the district of a new installation and make its first administrator, with the code the server printed',
      body: SetupBody, response: withErrors({ 201: District }),
    },
  }, async (request, reply) => {
    if (!setup) throw new ClientError(409, 'this installation already has its district; sign in instead', refusal('setup_done', {}));
    const district = await completeSetup(setup, request.body, request.ip, fastify.now());
    setup = undefined;
    reply.raw.once('finish', () => options.onSetupComplete?.(district));
    return reply.code(201).send(district);
  });
};
export default routes;
