import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { DISTRICT_TILES_FILE } from '../../server/basemap/district-tiles.ts';
import { tileOf } from '../../server/basemap/vector-tiles.ts';
import type { GridCollection } from '../../server/schemas/grids.ts';
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
  it('are described by a TileJSON pointing back at our own server', async () => {
    const response = await app.inject({ method: 'GET', url: '/tiles/tiles.json', headers: { host: 'civgrid.local:8080' } });
    expect(response.statusCode).toBe(200);
    const tileJson = response.json();
    expect(tileJson).toMatchObject({ tiles: ['http://civgrid.local:8080/tiles/{z}/{x}/{y}.pbf'], minzoom: 10, maxzoom: 16 });
    expect(tileJson.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['water', 'parks', 'blocks', 'roads', 'places']);
  });

  it('serve the district\'s roads with their Chinese names, gzipped', async () => {
    const grids = (await app.inject({ method: 'GET', url: '/api/grids' })).json() as GridCollection;
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
