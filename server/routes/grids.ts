import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common.ts';
import { GridCodeParams, GridCollection, GridDetail } from '../schemas/grids.ts';
import { notFound } from '../errors.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/grids', {
    schema: { tags: ['grids'], summary: 'All grids as GeoJSON, with leader, departments and open/overdue counts', response: { 200: GridCollection } },
  }, async () => fastify.repositories.grids.list(fastify.now()));

  fastify.get('/grids/:code', {
    schema: { tags: ['grids'], summary: 'One grid with its inspection points summary', params: GridCodeParams, response: withErrors({ 200: GridDetail }) },
  }, async (request) => {
    const grid = fastify.repositories.grids.get(request.params.code, fastify.now());
    if (!grid) throw notFound(`grid ${request.params.code}`);
    return grid;
  });
};
export default routes;
