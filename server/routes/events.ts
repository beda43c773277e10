import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { LiveMessage } from '../plugins/live-feed.ts';
import { invalidParameter } from '../errors.ts';

/** The most missed events a reconnecting client is sent; past that it is told to reload instead. */
const RESUME_LIMIT = 5000;
const HEARTBEAT_MS = 15_000;

function format(message: LiveMessage): string {
  return message.type === 'issue'
    ? `id: ${message.id}\nevent: issue\ndata: ${JSON.stringify(message)}\n\n`
    : `event: counts\ndata: ${JSON.stringify(message)}\n\n`;
}

/** GET /api/events: the live feed as Server-Sent Events, resumable with Last-Event-ID. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const streams = new Set<ServerResponse>();
  // Open streams would hold the server open for ever; end them when it closes.
  fastify.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  fastify.get('/events', {
    schema: {
      tags: ['live'],
      summary: 'Server-Sent Events: `issue` (a problem changed, with the event and the problem as it now is; the id is the event id) and `counts` (open and overdue now). Send Last-Event-ID to receive what was missed; `reload` when too much was.',
      headers: Type.Object({ 'last-event-id': Type.Optional(Type.String()) }),
      querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ description: 'as the Last-Event-ID header, for clients that cannot set it' })) }),
    },
  }, async (request, reply) => {
    const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
    if (resumeFrom !== undefined && !/^\d{1,15}$/.test(resumeFrom)) throw invalidParameter('Last-Event-ID', `'${resumeFrom}' is not an event id this feed gave out`);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    stream.write('retry: 3000\n\n');
    streams.add(stream);

    // Listen before replaying, holding live messages back, so none falls between the two.
    const held: LiveMessage[] = [];
    let replaying = true;
    const unsubscribe = fastify.liveFeed.subscribe((message) => (replaying ? held.push(message) : stream.write(format(message))));
    let lastSent = resumeFrom === undefined ? 0 : Number(resumeFrom);
    if (resumeFrom !== undefined) {
      const missed = fastify.liveFeed.since(lastSent, RESUME_LIMIT + 1);
      if (missed.length > RESUME_LIMIT) {
        stream.write('event: reload\ndata: {}\n\n');
      } else {
        for (const message of missed) stream.write(format(message));
      }
      lastSent = missed.length > 0 && missed.length <= RESUME_LIMIT ? (missed.at(-1) as { id: number }).id : lastSent;
    }
    replaying = false;
    for (const message of held) if (message.type !== 'issue' || message.id > lastSent) stream.write(format(message));
    stream.write(format(fastify.liveFeed.countsNow()));

    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    stream.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });
};
export default routes;
