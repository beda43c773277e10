import fastifyPlugin from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Helmet's headers, with a Content-Security-Policy that lets the page run only our own scripts
 * and reach only our own server. Each allowance beyond 'self' is there for one reason:
 * - worker-src blob: MapLibre starts its web workers from a blob: URL it builds from its own bundle.
 * - img-src data: blob: MapLibre and deck.gl hand images (sprites, icon atlases) to WebGL as blob: and data: URLs.
 * - style-src 'unsafe-inline': MapLibre, ECharts and React position their elements with inline
 *   style attributes; styles cannot run code. Scripts stay 'self' only: no inline script, no eval.
 * No upgrade-insecure-requests: intranet installations are often plain HTTP, where it would break every request.
 */
export default fastifyPlugin<{ behindTlsProxy: boolean }>(async (fastify, { behindTlsProxy }) => {
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only where the site is reached over HTTPS; on a plain-HTTP intranet it means nothing.
    strictTransportSecurity: behindTlsProxy ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
}, { name: 'security-headers' });
