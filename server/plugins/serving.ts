import fastifyPlugin from 'fastify-plugin';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import { constants } from 'node:zlib';

/**
 * How answers travel: an unchanged one is answered 304 by its ETag, and the rest go compressed
 * (brotli, else gzip) when the browser takes it. Brotli at quality 4 compresses an answer made
 * on the fly in about the time gzip takes; the built assets were compressed at their best once.
 */
export default fastifyPlugin(async (fastify) => {
  // The ETag is taken of the answer itself, before compression, so it holds for any encoding.
  await fastify.register(etag);
  await fastify.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}, { name: 'serving' });
