import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ISSUE_SOURCES } from '../domain/issue-vocabulary.ts';
import { localDateKey, localMidnight } from '../domain/working-time.ts';
import { withErrors } from '../schemas/common.ts';
import { ScreenToday } from '../schemas/screen.ts';

const TOP_CATEGORIES = 8;
const LATEST_EVENTS = 20;

/** The big screen's figures of the day; the rest of its panels read the performance API. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/screen/today', {
    schema: { tags: ['screen'], summary: 'Today\'s new and closed problems, what is open by source and category, and the newest events', response: withErrors({ 200: ScreenToday }) },
  }, async () => {
    const now = fastify.now();
    const { screen, issues } = fastify.repositories;
    return {
      at: new Date(now).toISOString(),
      day: localDateKey(now),
      ...issues.openCounts(now),
      ...screen.counts(localMidnight(now), ISSUE_SOURCES, TOP_CATEGORIES),
      latestEvents: screen.latestEvents(LATEST_EVENTS).map((event) => ({ ...event, occurredAt: new Date(event.occurredAt).toISOString() })),
    };
  });
};
export default routes;
