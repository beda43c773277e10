import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { centroid } from '@turf/turf';
import type { GridCollection } from '../../server/schemas/contract.ts';

/** Reports a problem through the API at the centre of the first grid of a kind, as a citizen or inspector would. */
export async function reportProblemInGrid(
  server: FastifyInstance, kind: 'block' | 'strip', problem: { category: string; source: string; description: string; address: string },
): Promise<LightMyRequestResponse> {
  const grids = (await server.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
  const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.kind === kind)!).geometry.coordinates as [number, number];
  return server.inject({ method: 'POST', url: '/api/districts/qingchuan/issues', payload: { ...problem, longitude, latitude } });
}
