import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { openMBTiles, writeMBTiles } from '../../server/basemap/mbtiles.ts';
import { buildVectorTiles, layersBounds, tileOf } from '../../server/basemap/vector-tiles.ts';
import { temporaryDirectory } from '../support/test-database.ts';
import { decodeTile } from '../support/vector-tile.ts';

const roads: FeatureCollection = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { name: '建设路', class: 'primary' }, geometry: { type: 'LineString', coordinates: [[117.0, 36.6], [117.01, 36.6]] } }],
};
const places: FeatureCollection = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { name: '青川区', class: 'district' }, geometry: { type: 'Point', coordinates: [117.005, 36.605] } }],
};

describe('vector tiles', () => {
  it('find the XYZ tile of a point', () => {
    expect(tileOf(0, 0, 1)).toEqual({ x: 1, y: 1 });
    expect(tileOf(-179.9, 85, 2)).toEqual({ x: 0, y: 0 });
    // Checked with the OSM wiki's form: y = (1 − asinh(tan φ) / π) / 2 × 2^z.
    expect(tileOf(117.0, 36.66, 14)).toEqual({ x: 13516, y: 6396 });
  });

  it('bound the layers', () => {
    expect(layersBounds({ roads, places })).toEqual([117.0, 36.6, 117.01, 36.605]);
  });

  it('cut each layer into its own source layer, with names kept', () => {
    const tiles = [...buildVectorTiles({ roads, places }, { minZoom: 12, maxZoom: 14 })];
    expect(new Set(tiles.map((tile) => tile.z))).toEqual(new Set([12, 13, 14]));
    const withPlace = tiles.find((tile) => tile.z === 14 && tile.x === tileOf(117.005, 36.605, 14).x && tile.y === tileOf(117.005, 36.605, 14).y)!;
    expect(decodeTile(withPlace.data)).toEqual({
      roads: [{ name: '建设路', class: 'primary' }],
      places: [{ name: '青川区', class: 'district' }],
    });
  });

  it('store tiles in MBTiles rows counted from the south and read them back by XYZ', () => {
    const { directory, remove } = temporaryDirectory();
    try {
      const path = join(directory, 'test.mbtiles');
      const tiles = [...buildVectorTiles({ roads }, { minZoom: 14, maxZoom: 14 })];
      expect(writeMBTiles(path, tiles, { name: 'test', minzoom: 14, maxzoom: 14, bounds: layersBounds({ roads }), vectorLayers: [{ id: 'roads', fields: { name: 'String' } }] })).toBe(tiles.length);
      const archive = openMBTiles(path);
      const [first] = tiles;
      expect(archive.tile(first!.z, first!.x, first!.y)).toEqual(first!.data);
      expect(archive.tile(first!.z, first!.x, 2 ** first!.z - 1 - first!.y)).toBeUndefined();
      expect(archive.metadata()).toMatchObject({ format: 'pbf', minzoom: '14', maxzoom: '14', bounds: '117,36.6,117.01,36.6' });
      archive.close();
    } finally {
      remove();
    }
  });
});
