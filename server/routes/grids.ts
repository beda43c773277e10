import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resolvePerformanceWindow, type PerformanceWindow, type WindowQuery } from '../domain/performance-window.ts';
import { withErrors } from '../schemas/common.ts';
import type { Limits } from '../limits.ts';
import { GridCodeParams, GridCollection as GridCollectionSchema, GridDetail, GridWindowQuery } from '../schemas/grids.ts';
import type { GridCollection } from '../schemas/contract.ts';
import { createAnswerCache } from '../services/answer-cache.ts';
import { sendSerialized } from './send-serialized.ts';
import { notFound } from '../errors.ts';
import { gridPerformanceByCode, withPerformance } from '../services/grid-performance.ts';

const routes: FastifyPluginAsyncTypebox<{ limits: Limits }> = async (fastify, { limits }) => {
  /** The grids' performance over a window, and the settings' colouring it was graded with. */
  const performanceIn = async (window: PerformanceWindow, now: number) => {
    const { settings } = await fastify.repositories.scoringSettings.current();
    return {
      colouring: { gradeThresholds: settings.gradeThresholds, colourBands: settings.colourBands },
      byCode: await gridPerformanceByCode(fastify.repositories.performance, settings, window, now),
    };
  };
  const windowOf = (query: WindowQuery, now: number) => resolvePerformanceWindow(query, now, limits.maximumWindowDays);

  const answers = createAnswerCache(fastify.repositories.dataVersion);
  fastify.get('/grids', {
    config: { permission: 'map' },
    schema: { tags: ['grids'], summary: 'All grids as GeoJSON, with leader, departments, open/overdue counts and performance', querystring: GridWindowQuery, response: withErrors({ 200: GridCollectionSchema }) },
  }, async (request, reply) => {
    const now = fastify.now();
    const window = windowOf(request.query, now);
    // Kept per window of days until the data under it changes (see the answer cache).
    const body = await answers.answer(`${window.firstDay}/${window.lastDay}`, now, async (): Promise<GridCollection> => {
      const { colouring, byCode } = await performanceIn(window, now);
      const features = (await fastify.repositories.grids.list(now)).map((grid) => withPerformance(grid, byCode));
      return { type: 'FeatureCollection', window: { from: window.firstDay, to: window.lastDay }, colouring, features };
    });
    return sendSerialized(reply, body);
  });

  fastify.get('/grids/:code', {
    config: { permission: 'map' },
    schema: { tags: ['grids'], summary: 'One grid with its inspection points summary and performance', params: GridCodeParams, querystring: GridWindowQuery, response: withErrors({ 200: GridDetail }) },
  }, async (request) => {
    const now = fastify.now();
    const grid = await fastify.repositories.grids.get(request.params.code, now);
    if (!grid) throw notFound('grid', request.params.code);
    return withPerformance(grid, (await performanceIn(windowOf(request.query, now), now)).byCode);
  });
};
export default routes;
