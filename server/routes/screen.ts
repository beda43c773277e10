import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ISSUE_SOURCES } from '../domain/issue-vocabulary.ts';
import { chinaDay, chinaMidnight } from '../domain/china-time.ts';
import { Type } from 'typebox';
import { ErrorResponse, withErrors } from '../schemas/common.ts';
import { ClientError } from '../errors.ts';
import { ScreenToday } from '../schemas/screen.ts';

const TOP_CATEGORIES = 8;
const LATEST_EVENTS = 28;

/** The big screen's figures of the day; the rest of its panels read the performance API. */
const routes: FastifyPluginAsyncTypebox<{ token?: string }> = async (fastify, options) => {
  fastify.get('/screen/today', {
    schema: {
      tags: ['screen'], summary: 'Today\'s new and closed problems, what is open by source and category, and the newest events',
      querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200, description: 'the wall link\'s token, when the server sets one (CIVGRID_SCREEN_TOKEN)' })) }),
      response: withErrors({ 200: ScreenToday, 403: ErrorResponse }),
    },
  }, async (request) => {
    // Until accounts exist, a wall is let in by the token in its link.
    if (options.token && request.query.token !== options.token) throw new ClientError(403, 'token: this big-screen link is not valid; ask the command office for the current one');
    const now = fastify.now();
    const { screen, performance } = fastify.repositories;
    const [openCounts, counts, latestEvents] = await Promise.all([
      performance.districtOpenCounts(now), screen.counts(chinaMidnight(now), ISSUE_SOURCES, TOP_CATEGORIES), screen.latestEvents(LATEST_EVENTS),
    ]);
    return {
      at: new Date(now).toISOString(),
      day: chinaDay(now),
      ...openCounts,
      ...counts,
      latestEvents: latestEvents.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt).toISOString() })),
    };
  });
};
export default routes;
