import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../../server/database/open.ts';
import { rasterTemplateProblem } from '../../server/basemap/raster-tiles.ts';
import { copyMBTilesToPMTiles } from '../support/pmtiles-writer.ts';
import { DISTRICT_TILES_FILE } from '../../server/basemap/district-tiles.ts';
import { tileOf } from '../../server/basemap/vector-tiles.ts';
import type { GridCollection } from '../../server/schemas/contract.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';
import { decodeTile } from '../support/vector-tile.ts';

let district: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  district = createSeededDatabase(200);
  app = await buildTestApp({ database: district.database, basemapTiles: join(district.basemapDirectory, DISTRICT_TILES_FILE) });
});
afterAll(async () => {
  await app.close();
  district.remove();
});

describe('the base-map tiles', () => {
  it('are described by a TileJSON pointing back at our own server, never at the host a request names', async () => {
    const response = await app.inject({ method: 'GET', url: '/tiles/tiles.json', headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(200);
    const tileJson = response.json();
    expect(tileJson).toMatchObject({ minzoom: 10, maxzoom: 16 });
    // The archive's version in the address, so that a browser's cached tiles never outlive a base map replaced.
    expect(tileJson.tiles).toEqual([expect.stringMatching(/^\/tiles\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=[0-9a-f]{12}$/)]);
    expect(tileJson.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['water', 'parks', 'blocks', 'roads', 'places']);
  });

  it('serve the district\'s roads with their Chinese names, gzipped', async () => {
    const grids = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    const [longitude, latitude] = grids.features.find((feature) => feature.id === 'B01')!.geometry.coordinates[0]![0] as number[];
    const { x, y } = tileOf(longitude!, latitude!, 14);
    const response = await app.inject({ method: 'GET', url: `/tiles/14/${x}/${y}.pbf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
    expect(response.headers['content-encoding']).toBe('gzip');
    const layers = decodeTile(response.rawPayload);
    expect(layers.roads!.length).toBeGreaterThan(0);
    expect(layers.roads!.every((road) => /路|街|道|巷/.test(String(road.name)) && ['primary', 'secondary', 'branch'].includes(String(road.class)))).toBe(true);
  });

  it('answer 204 where the map has nothing', async () => {
    const response = await app.inject({ method: 'GET', url: '/tiles/14/0/0.pbf' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });

  it.each([
    ['/tiles/3/8/0.pbf', /^x: 8 is outside zoom 3/],
    ['/tiles/3/0/9.pbf', /^y: 9 is outside zoom 3/],
    ['/tiles/30/0/0.pbf', /z/],
    ['/tiles/a/0/0.pbf', /z/],
  ])('refuse %s with 400 naming the coordinate', async (url, message) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(message);
  });
});

describe('the base-map style', () => {
  it('points MapLibre at our own vector tiles, in the light and the dark theme', async () => {
    for (const theme of ['light', 'dark']) {
      const response = await app.inject({ method: 'GET', url: `/tiles/style/${theme}.json`, headers: { host: 'evil.example' } });
      expect(response.statusCode).toBe(200);
      const style = response.json();
      expect(style.sources.district).toMatchObject({ type: 'vector', tiles: [expect.stringMatching(/^\/tiles\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=/)], minzoom: 10, maxzoom: 16 });
      expect(style.glyphs).toBeUndefined();
      expect(style.layers.map((layer: { id: string }) => layer.id)).toContain('road-labels');
    }
    const light = (await app.inject({ method: 'GET', url: '/tiles/style/light.json' })).json();
    const dark = (await app.inject({ method: 'GET', url: '/tiles/style/dark.json' })).json();
    expect(light.layers[0].paint['background-color']).not.toBe(dark.layers[0].paint['background-color']);
  });

  it('refuses a theme it does not have, naming it', async () => {
    const response = await app.inject({ method: 'GET', url: '/tiles/style/sepia.json' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/theme/);
  });
});

// Each further app opens its own connection, as closing an app closes its database.
describe('a PMTiles base map', () => {
  let pmtilesApp: FastifyInstance;
  beforeAll(async () => {
    const pmtilesPath = join(district.basemapDirectory, 'district.pmtiles');
    expect(copyMBTilesToPMTiles(join(district.basemapDirectory, DISTRICT_TILES_FILE), pmtilesPath)).toBeGreaterThan(100);
    pmtilesApp = await buildTestApp({ database: openDatabase(district.path), basemapTiles: pmtilesPath });
  });
  afterAll(async () => pmtilesApp.close());

  it('serves the same tiles as the MBTiles it was made from, and the same TileJSON', async () => {
    const grids = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
    const [longitude, latitude] = grids.features.find((feature) => feature.id === 'B01')!.geometry.coordinates[0]![0] as number[];
    for (const z of [10, 13, 16]) {
      const { x, y } = tileOf(longitude!, latitude!, z);
      const fromMBTiles = await app.inject({ method: 'GET', url: `/tiles/${z}/${x}/${y}.pbf` });
      const fromPMTiles = await pmtilesApp.inject({ method: 'GET', url: `/tiles/${z}/${x}/${y}.pbf` });
      expect(fromPMTiles.statusCode).toBe(200);
      expect(fromPMTiles.rawPayload.equals(gunzipSync(fromMBTiles.rawPayload))).toBe(true);
    }
    const tileJson = (await pmtilesApp.inject({ method: 'GET', url: '/tiles/tiles.json' })).json();
    expect(tileJson).toMatchObject({ minzoom: 10, maxzoom: 16 });
    expect(tileJson.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['water', 'parks', 'blocks', 'roads', 'places']);
    expect((await pmtilesApp.inject({ method: 'GET', url: '/tiles/14/0/0.pbf' })).statusCode).toBe(204);
  });
});

describe('a site\'s raster tile service', () => {
  const TEMPLATE = 'http://tiles.intranet.example/wmts?TILEMATRIX={z}&TILECOL={x}&TILEROW={y}&tk=SECRET-KEY';
  const requested: string[] = [];
  // A stand-in tile service: a PNG for row 1, nothing for row 2, a failure for row 3, silence for row 4.
  const standIn: typeof fetch = async (input) => {
    const url = String(input);
    requested.push(url);
    const row = new URL(url).searchParams.get('TILEROW');
    if (row === '1') return new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { headers: { 'content-type': 'image/png' } });
    if (row === '2') return new Response(null, { status: 404 });
    if (row === '3') return new Response('boom', { status: 503 });
    throw new TypeError('fetch failed');
  };
  let rasterApp: FastifyInstance;
  beforeAll(async () => {
    rasterApp = await buildTestApp({
      database: openDatabase(district.path), basemapTiles: join(district.basemapDirectory, DISTRICT_TILES_FILE), rasterTiles: TEMPLATE, fetchRaster: standIn,
      publicUrl: 'http://civgrid.district.example:8080',
    });
  });
  afterAll(async () => rasterApp.close());

  it('takes the vector map\'s place in the style, through our own server at the address configured, whatever Host a request names', async () => {
    const style = (await rasterApp.inject({ method: 'GET', url: '/tiles/style/dark.json', headers: { host: 'evil.example' } })).json();
    expect(style.sources.district).toEqual({ type: 'raster', tiles: ['http://civgrid.district.example:8080/tiles/raster/{z}/{x}/{y}'], tileSize: 256 });
    expect(JSON.stringify(style)).not.toContain('SECRET-KEY');
    expect((await rasterApp.inject({ method: 'GET', url: '/tiles/14/0/0.pbf' })).statusCode).toBe(404);
  });

  it('passes a tile through with its type, the key added on the server', async () => {
    const response = await rasterApp.inject({ method: 'GET', url: '/tiles/raster/12/5/1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect([...response.rawPayload]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(requested.at(-1)).toBe('http://tiles.intranet.example/wmts?TILEMATRIX=12&TILECOL=5&TILEROW=1&tk=SECRET-KEY');
  });

  it('answers 204 where the service has no tile, and 502 naming the service, not its key, when it fails', async () => {
    expect((await rasterApp.inject({ method: 'GET', url: '/tiles/raster/12/5/2' })).statusCode).toBe(204);
    for (const [row, message] of [['3', 'the raster tile service at tiles.intranet.example answered 503'], ['4', 'the raster tile service at tiles.intranet.example did not answer']]) {
      const response = await rasterApp.inject({ method: 'GET', url: `/tiles/raster/12/5/${row}` });
      expect(response.statusCode).toBe(502);
      expect(response.json().message).toBe(message);
      expect(response.body).not.toContain('SECRET-KEY');
    }
  });

  it('refuses a tile outside its zoom without asking the service', async () => {
    const before = requested.length;
    const response = await rasterApp.inject({ method: 'GET', url: '/tiles/raster/2/4/1' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^x: 4 is outside zoom 2/);
    expect(requested.length).toBe(before);
  });

  it('is checked at start: a template must be http(s) and hold {z}, {x} and {y}', () => {
    expect(rasterTemplateProblem(TEMPLATE)).toBeNull();
    expect(rasterTemplateProblem('http://tiles.example/{z}/{x}.png')).toBe('the template lacks {y}');
    expect(rasterTemplateProblem('ftp://tiles.example/{z}/{x}/{y}.png')).toBe("'ftp:' is not http or https");
    expect(rasterTemplateProblem('tiles/{z}/{x}/{y}')).toBe("'tiles/{z}/{x}/{y}' is not a URL");
  });
});
