import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resolvePerformanceWindow } from '../domain/performance-window.ts';
import type { Limits } from '../limits.ts';
import { withErrors } from '../schemas/common.ts';
import { City, CityQuery, DistrictList } from '../schemas/districts.ts';
import { cityFigures } from '../services/city.ts';

/** The installation's districts (`/api/districts`), and the city view of them side by side (`/api/city`). */
const routes: FastifyPluginAsyncTypebox<{ limits: Limits }> = async (fastify, { limits }) => {
  fastify.get('/districts', {
    config: { permission: 'signed-in' },
    schema: { tags: ['city'], summary: 'The districts served; each one\'s API is under /api/districts/<code>', response: { 200: DistrictList } },
  }, async () => fastify.servedDistricts.map(({ district }) => district));

  fastify.get('/city', {
    config: { permission: 'map' },
    schema: { tags: ['city'], summary: 'Every district\'s composite, 整改率 and overdue problems over a window, ranked', querystring: CityQuery, response: withErrors({ 200: City }) },
  }, async (request) => {
    const window = resolvePerformanceWindow(request.query, fastify.now(), limits.maximumWindowDays);
    return { window: { from: window.firstDay, to: window.lastDay }, districts: await cityFigures(fastify.servedDistricts, window, fastify.now()) };
  });
};
export default routes;
