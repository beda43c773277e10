import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ISSUE_SOURCES } from '../domain/issue-vocabulary.ts';
import { chinaDay, chinaMidnight } from '../domain/china-time.ts';
import { withErrors } from '../schemas/common.ts';
import { OldestOverdue, OldestOverdueQuery, ScreenToday } from '../schemas/screen.ts';
import { invalidParameter } from '../errors.ts';
import { AWAITING_RECTIFICATION_STATES } from '../domain/issue-vocabulary.ts';

const TOP_CATEGORIES = 8;
/** Overdue problems of one grid read to find the oldest; a grid has far fewer. */
const OVERDUE_READ = 1000;
const LATEST_EVENTS = 28;

/** The big screen's figures of the day; the rest of its panels read the performance API. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/screen/today', {
    config: { permission: 'wall' },
    schema: {
      tags: ['screen'], summary: 'Today\'s new and closed problems, what is open by source and category, and the newest events',
      response: withErrors({ 200: ScreenToday }),
    },
  }, async () => {
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
      latestEvents: latestEvents.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt).toISOString(), photoId: event.photoId === null ? null : Number(event.photoId) })),
    };
  });

  fastify.get('/screen/oldest-overdue', {
    config: { permission: 'wall' },
    schema: {
      tags: ['screen'], summary: 'The toured grid\'s problem overdue the longest: the one problem the wall shows of a grid, to a device that sees no problem lists',
      querystring: OldestOverdueQuery, response: withErrors({ 200: OldestOverdue }),
    },
  }, async (request) => {
    const now = fastify.now();
    const gridId = await fastify.repositories.grids.idByCode(request.query.grid);
    if (gridId === undefined) throw invalidParameter('grid', `no grid has the code '${request.query.grid}'`, 'unknown_grid', { grid: request.query.grid });
    const filters = { gridId, states: [...AWAITING_RECTIFICATION_STATES], overdue: true };
    const { items } = await fastify.repositories.issues.list(filters, { limit: OVERDUE_READ }, now, 0);
    const oldest = items.reduce<(typeof items)[number] | null>((first, issue) => (first === null || (issue.deadlineAt ?? '') < (first.deadlineAt ?? '') ? issue : first), null);
    return { issue: oldest };
  });
};
export default routes;
