import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { watchTileArchive } from '../basemap/tile-archive.ts';
import { createRasterTileSource, type RasterTileLimits, type RasterTileSource } from '../basemap/raster-tiles.ts';
import { basemapStyle, MAP_THEMES, type BasemapSource } from '../basemap/basemap-style.ts';
import { invalidParameter, notFound } from '../errors.ts';
import { Binary, ErrorResponse, literals, withErrors } from '../schemas/common.ts';

export interface TileRoutesOptions {
  /** The vector tile archive to serve (MBTiles or PMTiles), once it is there; omitted, no vector tiles. */
  archivePath?: string;
  /** How often the archive's file is looked at for a new one (an import replaces it); a second unless told. */
  archiveCheckMilliseconds?: number;
  /** A raster tile URL template to pass through; it takes the place of the vector tiles. */
  rasterTemplate?: string;
  /** How raster tiles are fetched (tests give a stand-in service). */
  fetchRaster?: typeof fetch;
  /** Limits and the cache of the raster pass-through. */
  rasterLimits?: Partial<RasterTileLimits>;
  /**
   * The address browsers reach this server at (CIVGRID_PUBLIC_URL), for the absolute tile URLs
   * other tools need; without it, URLs are root-relative and our pages resolve them. Never taken
   * from a request's Host header, which the client chooses.
   */
  publicUrl?: string;
}

const TileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 24 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});


function checkTile({ z, x, y }: { z: number; x: number; y: number }): void {
  if (x >= 2 ** z) throw invalidParameter('x', `${x} is outside zoom ${z}, which has columns 0–${2 ** z - 1}`, 'tile_outside_zoom', { zoom: z });
  if (y >= 2 ** z) throw invalidParameter('y', `${y} is outside zoom ${z}, which has rows 0–${2 ** z - 1}`, 'tile_outside_zoom', { zoom: z });
}

/** The base map's style and tiles, all from our own server: the intranet has nothing else. */
const routes: FastifyPluginAsyncTypebox<TileRoutesOptions> = async (fastify, options) => {
  const watched = options.archivePath && !options.rasterTemplate ? watchTileArchive(options.archivePath, options.archiveCheckMilliseconds) : null;
  const raster: RasterTileSource | null = options.rasterTemplate ? createRasterTileSource(options.rasterTemplate, options.fetchRaster, options.rasterLimits) : null;
  if (watched) fastify.addHook('onClose', () => watched.close());
  const origin = options.publicUrl?.replace(/\/$/, '') ?? '';

  async function basemapSource(): Promise<BasemapSource> {
    if (raster) return { kind: 'raster', tiles: `${origin}/tiles/raster/{z}/{x}/{y}` };
    const opened = await watched?.current();
    if (!opened) return { kind: 'none' };
    const { minzoom, maxzoom, bounds } = await opened.archive.describe();
    // The archive's version in the URL: tiles cached by browsers for an hour are not those of a base map since replaced.
    return { kind: 'vector', tiles: `${origin}/tiles/{z}/{x}/{y}.pbf?v=${opened.version}`, minzoom, maxzoom, bounds };
  }

  fastify.get('/tiles/style/:theme.json', {
    config: { permission: 'map' },
    schema: {
      tags: ['base map'], summary: 'The base map\'s MapLibre style in a theme: light for desks, dark for the big screen',
      params: Type.Object({ theme: literals(MAP_THEMES) }),
      response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }),
    },
  }, async (request) => basemapStyle(request.params.theme, await basemapSource()));

  if (watched) {
    fastify.get('/tiles/tiles.json', {
    config: { permission: 'map' },
      schema: { tags: ['base map'], summary: 'TileJSON of the vector base map', response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }) },
    }, async () => {
      const opened = await watched.current();
      if (!opened) throw notFound('base_map', '', 'the base map (none is built or imported yet)');
      const { minzoom, maxzoom, bounds, vectorLayers } = await opened.archive.describe();
      return { tilejson: '3.0.0', tiles: [`${origin}/tiles/{z}/{x}/{y}.pbf?v=${opened.version}`], minzoom, maxzoom, bounds, vector_layers: vectorLayers };
    });

    fastify.get('/tiles/:z/:x/:y.pbf', {
    config: { permission: 'map' },
      schema: {
        tags: ['base map'], summary: 'One vector tile, protobuf, gzipped when stored so (204 where the map has nothing)', params: TileParams,
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 40, description: 'the archive\'s version, as the style gives it' })) }),
        response: withErrors({ 200: Binary, 204: Type.Null() }),
      },
    }, async (request, reply) => {
      checkTile(request.params);
      const tile = await (await watched.current())?.archive.tile(request.params.z, request.params.x, request.params.y);
      reply.header('cache-control', 'public, max-age=3600');
      if (!tile) return reply.code(204).send(null);
      reply.header('content-type', 'application/x-protobuf');
      if (tile.gzipped) reply.header('content-encoding', 'gzip');
      return reply.send(tile.data);
    });
  }

  if (raster) {
    fastify.get('/tiles/raster/:z/:x/:y', {
    config: { permission: 'map' },
      schema: {
        tags: ['base map'], summary: 'One raster tile from the site\'s tile service, passed through (204 where it has none, 502 when it fails)',
        params: TileParams, response: withErrors({ 200: Binary, 204: Type.Null(), 502: ErrorResponse }),
      },
    }, async (request, reply) => {
      checkTile(request.params);
      const tile = await raster.tile(request.params.z, request.params.x, request.params.y);
      if (!tile) return reply.code(204).send(null);
      reply.header('cache-control', 'public, max-age=86400').header('content-type', tile.contentType).header('x-content-type-options', 'nosniff');
      return reply.send(tile.data);
    });
  }
};
export default routes;
