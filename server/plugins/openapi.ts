import fastifyPlugin from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI document built from the routes' TypeBox schemas, browsable at /api/docs (assets served locally). */
export default fastifyPlugin(async (fastify) => {
  await fastify.register(swagger, {
    openapi: {
      info: {
        title: 'CivGrid API',
        description: '创城网格一张图: grids, problems, inspection points and their people',
        version: '1',
      },
    },
  });
  await fastify.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The default validator badge calls an outside server; the intranet has none.
    uiConfig: { validatorUrl: null },
  });
}, { name: 'openapi' });
