import fastifyPlugin from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyServerOptions } from 'fastify';
import type {} from '@fastify/static';
import { ClientError, refusal, UpstreamError } from '../errors.ts';

/**
 * The one error handler. Client mistakes come back as 4xx naming the problem; a failing service we
 * pass requests to, as 502 naming it; anything else is logged in full and answered with a bare 500
 * so internals never leak.
 */
export default fastifyPlugin(async (fastify) => {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ClientError) {
      return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: statusText(error.statusCode), message: error.message, ...error.refusal, ...error.details });
    }
    if (error instanceof UpstreamError) {
      request.log.warn(error.message);
      return reply.code(502).send({ statusCode: 502, error: 'Bad Gateway', message: error.message, ...refusal('upstream_failed', {}) });
    }
    if (isDatabaseBusy(error)) {
      // Another process kept the database's write lock past the busy timeout: nothing was written.
      request.log.warn('a write found the database busy past its timeout');
      return reply.code(503).header('retry-after', '1').send({ statusCode: 503, error: 'Service Unavailable', message: 'the database is busy with another write; nothing was changed, try again in a moment', code: 'database_busy', params: {} });
    }
    if (error.validation) {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message, ...validationRefusal(error.validation, error.validationContext) });
    }
    const statusCode = error.statusCode ?? 500;
    if (statusCode < 500) {
      // Fastify's own refusals (a body too large, a content type it cannot parse) go by its error code.
      return reply.code(statusCode).send({ statusCode, error: statusText(statusCode), message: error.message, ...refusal('request_rejected', { reason: error.code ?? 'other' }) });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on the server; it has been logged.', ...refusal('server_error', {}) });
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
    const answer = unknownDistrict
      ? { message: `there is no district ${districtCode.slice(0, 40)} here; GET /api/districts lists them`, ...refusal('unknown_district', { district: districtCode.slice(0, 40) }) }
      : { message: `${request.method} ${path} does not exist`, ...refusal('route_not_found', { method: request.method, path: path.slice(0, 200) }) };
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', ...answer });
  });
}, { name: 'error-handler', dependencies: ['served-districts'] });

/** The first schema violation, as the parameter it concerns (its path, or the property missing) and the rule it breaks. */
function validationRefusal(validation: NonNullable<FastifyError['validation']>, context: FastifyError['validationContext']) {
  const [first] = validation;
  const missing = (first?.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const field = [path, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.') || (context ?? 'body');
  return refusal('invalid_request', { field, rule: first?.keyword ?? 'schema' });
}

/**
 * What the router refuses before any route or hook runs (a malformed URL, a parameter too long),
 * answered as the error handler answers every other refusal (Fastify's `frameworkErrors`).
 */
export const frameworkRefusal: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, _request, reply) => {
  const statusCode = error.statusCode ?? 400;
  return (reply as FastifyReply).code(statusCode).send({ statusCode, error: 'Bad Request', message: error.message, ...refusal('request_rejected', { reason: error.code }) });
};

const isDatabaseBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: unknown }).code as string ?? '');

function statusText(statusCode: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 423: 'Locked', 429: 'Too Many Requests' } as Record<number, string>)[statusCode] ?? 'Error';
}
