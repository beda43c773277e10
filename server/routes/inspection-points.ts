import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withErrors } from '../schemas/common.ts';
import { InspectionPointDetail, InspectionPointIdParams, InspectionPointQuery, InspectionPointSummary } from '../schemas/inspection-points.ts';
import { invalidParameter, notFound } from '../errors.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { grids, inspectionPoints } = fastify.repositories;
  fastify.get('/inspection-points', {
    config: { permission: 'map' },
    schema: { tags: ['inspection points'], summary: 'Inspection points with their latest evaluation', querystring: InspectionPointQuery, response: withErrors({ 200: Type.Array(InspectionPointSummary) }) },
  }, async (request) => {
    const { grid, type } = request.query;
    if (grid !== undefined && await grids.idByCode(grid) === undefined) throw invalidParameter('grid', `no grid has the code '${grid}'`, 'unknown_grid', { grid });
    if (type !== undefined && !await inspectionPoints.typeExists(type)) throw invalidParameter('type', `no inspection point type has the code '${type}'`, 'unknown_point_type', { type });
    return inspectionPoints.list({ gridCode: grid, typeCode: type });
  });

  fastify.get('/inspection-points/:id', {
    config: { permission: 'map' },
    schema: { tags: ['inspection points'], summary: 'One inspection point with every field evaluation', params: InspectionPointIdParams, response: withErrors({ 200: InspectionPointDetail }) },
  }, async (request) => {
    const point = await inspectionPoints.get(request.params.id);
    if (!point) throw notFound('inspection_point', request.params.id);
    return point;
  });
};
export default routes;
