import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { openTileArchive } from '../basemap/tile-archive.ts';
import { invalidParameter } from '../errors.ts';
import { withErrors } from '../schemas/common.ts';

export interface TileRoutesOptions {
  /** The MBTiles file to serve. */
  archivePath: string;
}

const TileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 24 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});

/** The base map's vector tiles and their TileJSON, from our own server: the intranet has nothing else. */
const routes: FastifyPluginAsyncTypebox<TileRoutesOptions> = async (fastify, options) => {
  const archive = await openTileArchive(options.archivePath);
  fastify.addHook('onClose', () => archive.close());

  fastify.get('/tiles/tiles.json', {
    schema: { tags: ['base map'], summary: 'TileJSON of the base map', response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async (request) => {
    const { minzoom, maxzoom, bounds, vectorLayers } = await archive.describe();
    return {
      tilejson: '3.0.0',
      tiles: [`${request.protocol}://${request.host}/tiles/{z}/{x}/{y}.pbf`],
      minzoom, maxzoom, bounds, vector_layers: vectorLayers,
    };
  });

  fastify.get('/tiles/:z/:x/:y.pbf', {
    schema: {
      tags: ['base map'], summary: 'One vector tile, gzipped protobuf (204 where the map has nothing)', params: TileParams,
      response: withErrors({ 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 204: Type.Null() }),
    },
  }, async (request, reply) => {
    const { z, x, y } = request.params;
    if (x >= 2 ** z) throw invalidParameter('x', `${x} is outside zoom ${z}, which has columns 0–${2 ** z - 1}`);
    if (y >= 2 ** z) throw invalidParameter('y', `${y} is outside zoom ${z}, which has rows 0–${2 ** z - 1}`);
    const tile = await archive.tile(z, x, y);
    reply.header('cache-control', 'public, max-age=3600');
    if (!tile) return reply.code(204).send(null);
    reply.header('content-type', 'application/x-protobuf');
    if (tile.gzipped) reply.header('content-encoding', 'gzip');
    return reply.send(tile.data);
  });
};
export default routes;
