import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resolvePerformanceWindow } from '../domain/performance-window.ts';
import { parseTimeWindow } from '../domain/time-window.ts';
import { withErrors } from '../schemas/common.ts';
import { GridCodeParams, GridCollection, GridDetail, GridWindowQuery } from '../schemas/grids.ts';
import { notFound } from '../errors.ts';
import { gridPerformanceByCode, withPerformance } from '../services/grid-performance.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const performanceFor = (query: { from?: string; to?: string }) => {
    const window = resolvePerformanceWindow(parseTimeWindow(query.from, query.to), fastify.now());
    const { settings } = fastify.repositories.scoringSettings.current();
    return { window: { from: window.firstDay, to: window.lastDay }, byCode: gridPerformanceByCode(fastify.repositories.performance, settings, window, fastify.now()) };
  };

  fastify.get('/grids', {
    schema: { tags: ['grids'], summary: 'All grids as GeoJSON, with leader, departments, open/overdue counts and performance', querystring: GridWindowQuery, response: withErrors({ 200: GridCollection }) },
  }, async (request) => {
    const { window, byCode } = performanceFor(request.query);
    const features = fastify.repositories.grids.list(fastify.now()).map((grid) => withPerformance(grid, byCode));
    return { type: 'FeatureCollection' as const, window, features };
  });

  fastify.get('/grids/:code', {
    schema: { tags: ['grids'], summary: 'One grid with its inspection points summary and performance', params: GridCodeParams, querystring: GridWindowQuery, response: withErrors({ 200: GridDetail }) },
  }, async (request) => {
    const grid = fastify.repositories.grids.get(request.params.code, fastify.now());
    if (!grid) throw notFound(`grid ${request.params.code}`);
    return withPerformance(grid, performanceFor(request.query).byCode);
  });
};
export default routes;
