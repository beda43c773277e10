import fastifyPlugin from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import type {} from '@fastify/static';
import { ClientError, UpstreamError } from '../errors.ts';

/**
 * The one error handler. Client mistakes come back as 4xx naming the problem; a failing service we
 * pass requests to, as 502 naming it; anything else is logged in full and answered with a bare 500
 * so internals never leak.
 */
export default fastifyPlugin(async (fastify) => {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ClientError) {
      return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: statusText(error.statusCode), message: error.message, ...error.details });
    }
    if (error instanceof UpstreamError) {
      request.log.warn(error.message);
      return reply.code(502).send({ statusCode: 502, error: 'Bad Gateway', message: error.message });
    }
    if (isDatabaseBusy(error)) {
      // Another process kept the database's write lock past the busy timeout: nothing was written.
      request.log.warn('a write found the database busy past its timeout');
      return reply.code(503).header('retry-after', '1').send({ statusCode: 503, error: 'Service Unavailable', message: 'the database is busy with another write; nothing was changed, try again in a moment' });
    }
    if (error.validation) {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
    }
    const statusCode = error.statusCode ?? 500;
    if (statusCode < 500) {
      return reply.code(statusCode).send({ statusCode, error: statusText(statusCode), message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on the server; it has been logged.' });
  });

  fastify.setNotFoundHandler((request, reply) => {
    // Client routes such as /screen or /grids/B07 are pages of the single-page client.
    if (request.method === 'GET' && !request.url.startsWith('/api/') && typeof reply.sendFile === 'function') {
      // The phone app is its own page under /m/, where its service worker's scope begins.
      const path = request.url.split('?')[0]!;
      if (path === '/m') return reply.redirect(`/m/${request.url.slice(2)}`);
      return reply.sendFile(path.startsWith('/m/') ? 'm/index.html' : 'index.html');
    }
    const path = request.url.split('?')[0]!;
    const districtCode = /^\/api\/districts\/([^/]+)\//.exec(path)?.[1];
    const unknownDistrict = districtCode !== undefined && !fastify.servedDistricts.some(({ district }) => district.code === districtCode);
    const message = unknownDistrict ? `there is no district ${districtCode.slice(0, 40)} here; GET /api/districts lists them` : `${request.method} ${path} does not exist`;
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message });
  });
}, { name: 'error-handler', dependencies: ['served-districts'] });

const isDatabaseBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: unknown }).code as string ?? '');

function statusText(statusCode: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 423: 'Locked', 429: 'Too Many Requests' } as Record<number, string>)[statusCode] ?? 'Error';
}
