import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, LineString } from 'geojson';
import type { BasemapImportAnswer } from '../../server/schemas/contract.ts';
import { DISTRICT_TILES_FILE } from '../../server/basemap/district-tiles.ts';
import { tileOf } from '../../server/basemap/vector-tiles.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';
import { sendImport } from '../support/imports.ts';
import { decodeTile } from '../support/vector-tile.ts';
import { xiachengRoads, xiachengRoadsIn } from '../support/xiacheng-fixtures.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** A site's own roads cut into the base map's tiles by the demo's pipeline, served at once without a restart; the import kept on each database. */
let demo: TestDatabase;
beforeAll(() => {
  demo = createSeededDatabase(0);
});
afterAll(() => demo.remove());

describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let layers: string;
  let app: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 100);
    layers = mkdtempSync(join(tmpdir(), 'civgrid-basemap-'));
    cpSync(demo.basemapDirectory, layers, { recursive: true });
    app = await buildTestApp({
      store: district.openStore(), rateLimits: UNLIMITED, basemapTiles: join(layers, DISTRICT_TILES_FILE), basemapLayers: layers, basemapCheckMilliseconds: 0,
    });
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
    rmSync(layers, { recursive: true, force: true });
  });

  const roadsInGaussKruger = () => new TextEncoder().encode(JSON.stringify(xiachengRoadsIn('EPSG:4549')));
  const apply = (id: string, acceptWarnings: boolean) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings } });
  const styleTiles = async () => ((await app.inject('/tiles/style/light.json')).json() as { sources: { district: { tiles: string[]; bounds: number[] } } }).sources.district;
  const tileAt = async ([longitude, latitude]: number[], version: string) => {
    const { x, y } = tileOf(longitude!, latitude!, 15);
    const response = await app.inject(`/tiles/15/${x}/${y}.pbf?v=${version}`);
    return response.statusCode === 200 ? decodeTile(response.rawPayload) : {};
  };

  describe('importing a base-map layer', () => {
    it('refuses a file without the layer\'s geometry, and a layer not named, changing nothing', async () => {
      const before = readFileSync(join(layers, DISTRICT_TILES_FILE));
      const points = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '武林广场' }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } }] };
      const noLayer = await sendImport(app, admin, { name: 'roads.geojson', bytes: new TextEncoder().encode(JSON.stringify(points)) }, { kind: 'basemap' });
      expect(noLayer.statusCode).toBe(400);
      expect(noLayer.json().message).toMatch(/^layer: name the layer/);
      const dryRun = await sendImport(app, admin, { name: 'roads.geojson', bytes: new TextEncoder().encode(JSON.stringify(points)) }, { kind: 'basemap', layer: 'roads', coordinateSystem: 'EPSG:4326' });
      const answer = dryRun.json() as BasemapImportAnswer;
      expect(answer.report.errors.map((error) => error.code)).toEqual(['no_features']);
      expect((await apply(answer.id, true)).json().code).toBe('import_has_errors');
      expect(readFileSync(join(layers, DISTRICT_TILES_FILE)).equals(before)).toBe(true);
    });

    it('cuts a GIS office\'s roads in CGCS2000 Gauss-Krüger into the tiles, which the style points at under a new version', async () => {
      const before = await styleTiles();
      const dryRun = await sendImport(app, admin, { name: '道路.geojson', bytes: roadsInGaussKruger() }, { kind: 'basemap', layer: 'roads', coordinateSystem: 'EPSG:4549' });
      expect(dryRun.statusCode, dryRun.body).toBe(201);
      const answer = dryRun.json() as BasemapImportAnswer;
      expect(answer.report).toMatchObject({ layer: 'roads', kept: { primary: 1, secondary: 1, branch: 1 }, errors: [] });
      // The demo district is elsewhere: the office is told, and accepts it.
      expect(answer.report.warnings.map((warning) => warning.code)).toEqual(['far_from_district', 'features_skipped']);
      expect((await apply(answer.id, false)).json().code).toBe('import_warnings_not_accepted');
      const applied = await apply(answer.id, true);
      expect(applied.statusCode, applied.body).toBe(200);
      // The demo's own layers, far away, are emptied rather than kept beside the real district's.
      expect((applied.json() as BasemapImportAnswer).report.applied?.dropped.sort()).toEqual(['blocks', 'parks', 'places', 'water']);

      const after = await styleTiles();
      expect(after.tiles[0]).not.toBe(before.tiles[0]);
      expect(after.bounds[0]).toBeGreaterThan(120);
      const road = (xiachengRoads().features[0]!.geometry as LineString).coordinates[0]!;
      const version = after.tiles[0]!.split('?v=')[1]!;
      const tile = await tileAt([road[0]! + 0.002, road[1]! + 0.00005], version);
      expect(tile.roads).toContainEqual({ name: '体育场路', class: 'primary' });
      expect(tile.water).toBeUndefined();
      const kept = JSON.parse(readFileSync(join(layers, 'roads.geojson'), 'utf8')) as FeatureCollection;
      expect(kept.features).toHaveLength(3);
    });

    it('is not offered where the base map comes from elsewhere', async () => {
      const elsewhere = await buildTestApp({ store: district.openStore(), rateLimits: UNLIMITED, basemapTiles: join(layers, DISTRICT_TILES_FILE) });
      try {
        const refused = await sendImport(elsewhere, await signIn(elsewhere, 'admin'), { name: 'roads.geojson', bytes: roadsInGaussKruger() }, { kind: 'basemap', layer: 'roads' });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().code).toBe('basemap_not_importable');
      } finally {
        await elsewhere.close();
      }
    });
  });
});
