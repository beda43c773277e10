import fastifyPlugin from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { DISTRICT_CODE_PATTERN } from '../store/districts.ts';

interface ObjectSchema { properties?: Record<string, unknown>; required?: string[] }

const DISTRICT_PARAMETER = { type: 'string', pattern: DISTRICT_CODE_PATTERN, description: 'the district\'s code, as GET /api/districts lists them' };

/**
 * OpenAPI document built from the routes' TypeBox schemas, browsable at /api/docs (assets served
 * locally). Each district's routes are registered under its own code; the document shows them
 * once, as `/api/districts/{district}/…`.
 */
export default fastifyPlugin(async (fastify) => {
  await fastify.register(swagger, {
    openapi: {
      info: {
        title: 'CivGrid API',
        description: '创城网格一张图: grids, problems, inspection points and their people, for each of a city\'s districts',
        version: '1',
      },
    },
    transform: ({ schema, url }) => {
      const scoped = /^\/api\/districts\/([^/]+)(\/.*)$/.exec(url);
      if (!scoped) return { schema, url };
      const params = (schema?.params ?? {}) as ObjectSchema;
      return {
        url: `/api/districts/:district${scoped[2]}`,
        schema: {
          ...schema,
          hide: Boolean(schema?.hide) || scoped[1] !== fastify.servedDistricts[0]?.district.code,
          params: { type: 'object', ...params, properties: { district: DISTRICT_PARAMETER, ...params.properties }, required: ['district', ...(params.required ?? [])] },
        },
      };
    },
  });
  // The API's documentation is for anyone signed in.
  fastify.addHook('onRoute', (route) => {
    if (route.config?.permission === undefined && route.url.startsWith('/api/docs')) route.config = { ...route.config, permission: 'signed-in' };
  });
  await fastify.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The default validator badge calls an outside server; the intranet has none.
    uiConfig: { validatorUrl: null },
  });
}, { name: 'openapi', dependencies: ['served-districts'] });
