import type { FastifyServerOptions } from 'fastify';

/** Query parameters whose values are secrets: a big screen's device token, a raster service's key, passwords. */
const SECRET_PARAMETERS = /([?&](?:device|token|password|tk|key)=)[^&#]*/gi;

/** A URL fit for a log: secrets in its query replaced. */
export const redactSecrets = (url: string) => url.replaceAll(SECRET_PARAMETERS, '$1[redacted]');

/** The process's logger: pino at `level`, with no token, password or cookie ever written out. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      req: (request) => ({ method: request.method, url: redactSecrets(request.url), host: request.host, remoteAddress: request.ip }),
    },
  };
}
