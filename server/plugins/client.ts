import fastifyPlugin from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';

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
  await fastify.register(fastifyStatic, {
    root: options.clientDirectory,
    prefix: '/',
    wildcard: false,
    setHeaders(reply, path) {
      // The MapLibre worker is an ES module; browsers refuse a worker sent with another type.
      if (path.endsWith('.mjs')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
}, { name: 'client' });
