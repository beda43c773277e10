import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Pacing } from '../pacing.ts';
import { invalidParameter } from '../errors.ts';
import { scopeOf } from '../plugins/authentication.ts';
import type { ProblemVisibility } from '../plugins/live-feed.ts';
import { gridCodes } from '../services/accounts.ts';
import type { ProblemScope } from '../domain/roles.ts';

const EVENT_STREAM_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };

/** Which events a narrowed account hears of: its department's problems (and those that just left it), or its grids'. */
async function visibility(scope: ProblemScope, codeOf: () => Promise<Map<number, string>>): Promise<ProblemVisibility | undefined> {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'department') {
    const { departmentId } = scope;
    return (issue, event) => issue.department?.id === departmentId || (event.changes.departmentId as unknown[] | undefined)?.[0] === departmentId;
  }
  const codes = await codeOf();
  const gridCodesSeen = new Set(scope.gridIds.map((id) => codes.get(id)));
  return (issue) => gridCodesSeen.has(issue.grid.code);
}

/** GET /api/districts/<code>/events: the live feed as Server-Sent Events, resumable with Last-Event-ID. */
const routes: FastifyPluginAsyncTypebox<{ pacing: Pacing }> = async (fastify, { pacing }) => {
  fastify.get('/events', {
    config: { permission: 'live', deviceTokenInQuery: true },
    schema: {
      tags: ['live'],
      summary: 'Server-Sent Events, each with the server\'s time: `issue` (a problem changed, with the event and the problem as it now is; the id is the event id), `issues` (many changed at once), `counts` (open and overdue now), `settings` (the scoring settings changed) and `clock` (the heartbeat). Send Last-Event-ID to receive what was missed; `reload` when too much was. A client that does not read is disconnected. The messages\' shapes are LiveMessage in server/schemas/live-feed.ts.',
      headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 30 })) }),
      querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ maxLength: 30, description: 'as the Last-Event-ID header, for clients that cannot set it' })) }),
    },
  }, async (request, reply) => {
    const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
    if (resumeFrom !== undefined && !/^\d{1,15}$/.test(resumeFrom)) throw invalidParameter('Last-Event-ID', `'${resumeFrom}' is not an event id this feed gave out`, 'bad_cursor', {});
    // A HEAD asks only whether the feed is there; it must not hang as a stream.
    if (request.method === 'HEAD') return reply.headers(EVENT_STREAM_HEADERS).send();
    reply.hijack();
    reply.raw.writeHead(200, { ...EVENT_STREAM_HEADERS, connection: 'keep-alive' });
    reply.raw.write(`retry: ${pacing.reconnectSeconds * 1000}\n\n`);
    const sees = await visibility(scopeOf(request), async () => (await gridCodes(fastify.store, fastify.now())).codeOf);
    await fastify.liveFeed.connect(reply.raw, resumeFrom === undefined ? undefined : Number(resumeFrom), sees);
  });
};
export default routes;
