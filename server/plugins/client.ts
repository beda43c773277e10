import fastifyPlugin from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface ClientPluginOptions {
  clientDirectory: string;
}

/**
 * Serves the built client from our own server: the intranet reaches nothing else. The not-found handler answers other paths outside /api with the client's
 * index.html, and the client routes itself.
 */
export default fastifyPlugin<ClientPluginOptions>(async (fastify, options) => {
  if (!existsSync(options.clientDirectory)) {
    fastify.log.warn(`no built client in ${options.clientDirectory}; run npm run build`);
    return;
  }
  // The client's own files are open (the sign-in page is one of them); the API behind it is not.
  fastify.addHook('onRoute', (route) => {
    const file = route.url === '/' ? 'index.html' : decodeURIComponent(route.url.slice(1));
    if (route.config?.permission === undefined && existsSync(join(options.clientDirectory, file))) route.config = { ...route.config, permission: 'open' };
  });
  await fastify.register(fastifyStatic, {
    root: options.clientDirectory,
    prefix: '/',
    wildcard: false,
    // The build writes .br and .gz beside each asset; they are sent as they are, compressed once.
    preCompressed: true,
    setHeaders(reply, path) {
      // The MapLibre worker is an ES module; browsers refuse a worker sent with another type.
      if (/\.mjs(\.br|\.gz)?$/.test(path)) reply.header('content-type', 'text/javascript; charset=utf-8');
      // Built assets carry their content's hash in their names: a new build means new names.
      reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}, { name: 'client' });
