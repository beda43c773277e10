import fastifyPlugin from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The present, in epoch ms: the one clock every "today", window and deadline is judged by. Tests fix it. */
    now: () => number;
  }
}

export interface ClockPluginOptions {
  now?: () => number;
}

/** The header every answer carries with the server's time, from which browsers learn it (theirs may be wrong). */
export const SERVER_TIME_HEADER = 'x-server-time';

/**
 * The server's clock. Browsers never judge data windows by their own clocks (a wall PC's is often
 * days off); they take today from the server, and learn its time from every answer's header and
 * from the live feed.
 */
export default fastifyPlugin<ClockPluginOptions>(async (fastify, options) => {
  const now = options.now ?? Date.now;
  fastify.decorate('now', now);
  fastify.addHook('onSend', async (_request, reply) => {
    // Also on error answers, whose cause may be the clock itself: then the answer goes without it.
    const instant = (() => {
      try {
        return new Date(now()).toISOString();
      } catch {
        return null;
      }
    })();
    if (instant !== null) reply.header(SERVER_TIME_HEADER, instant);
  });
}, { name: 'clock' });
