import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { LiveMessage } from '../schemas/contract.ts';
import type { Pacing } from '../pacing.ts';
import { invalidParameter } from '../errors.ts';

/** The most missed events a reconnecting client is sent; past that it is told to reload instead. */
const RESUME_LIMIT = 5000;

/** A message as an SSE event named by its type; a problem's change also carries its event id to resume from. */
function format(message: LiveMessage): string {
  return `${message.type === 'issue' ? `id: ${message.id}\n` : ''}event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`;
}

/** GET /api/events: the live feed as Server-Sent Events, resumable with Last-Event-ID. */
const routes: FastifyPluginAsyncTypebox<{ pacing: Pacing }> = async (fastify, { pacing }) => {
  const streams = new Set<ServerResponse>();
  // Open streams would hold the server open for ever; end them when it closes.
  fastify.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  fastify.get('/events', {
    schema: {
      tags: ['live'],
      summary: 'Server-Sent Events, each with the server\'s time: `issue` (a problem changed, with the event and the problem as it now is; the id is the event id), `counts` (open and overdue now), `settings` (the scoring settings changed) and `clock` (the heartbeat). Send Last-Event-ID to receive what was missed; `reload` when too much was. The messages\' shapes are LiveMessage in server/schemas/live-feed.ts.',
      headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 30 })) }),
      querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ maxLength: 30, description: 'as the Last-Event-ID header, for clients that cannot set it' })) }),
    },
  }, async (request, reply) => {
    const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
    if (resumeFrom !== undefined && !/^\d{1,15}$/.test(resumeFrom)) throw invalidParameter('Last-Event-ID', `'${resumeFrom}' is not an event id this feed gave out`);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    stream.write(`retry: ${pacing.reconnectSeconds * 1000}\n\n`);
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

    // The heartbeat keeps proxies from closing an idle stream and tells the page the server's time.
    const heartbeat = setInterval(() => stream.write(format(fastify.liveFeed.clockNow())), pacing.heartbeatSeconds * 1000);
    stream.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });
};
export default routes;
