import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { writeMBTiles } from './mbtiles.ts';
import { buildVectorTiles, layersBounds } from './vector-tiles.ts';

/** The demo district's base map as vector tiles: the layers the seed writes, in one MBTiles file. */

export const BASEMAP_LAYER_NAMES = ['water', 'parks', 'blocks', 'roads', 'places'] as const;
export const DISTRICT_TILES_FILE = 'district.mbtiles';
export const TILE_ZOOMS = { minZoom: 10, maxZoom: 16 };

const FIELDS: Record<(typeof BASEMAP_LAYER_NAMES)[number], Record<string, string>> = {
  water: { name: 'String', class: 'String' },
  parks: { name: 'String' },
  blocks: { name: 'String' },
  roads: { name: 'String', class: 'primary | secondary | branch' },
  places: { name: 'String', class: 'district | street_office | point type' },
};

export function writeDistrictTiles(directory: string, layers: Record<string, FeatureCollection>): number {
  return writeMBTiles(join(directory, DISTRICT_TILES_FILE), buildVectorTiles(layers, TILE_ZOOMS), {
    name: '青川区基础底图',
    minzoom: TILE_ZOOMS.minZoom,
    maxzoom: TILE_ZOOMS.maxZoom,
    bounds: layersBounds(layers),
    vectorLayers: BASEMAP_LAYER_NAMES.map((id) => ({ id, fields: FIELDS[id] })),
  });
}

/** Builds the tiles from the GeoJSON layers in `directory` when they are missing (older installs). */
export function ensureDistrictTiles(directory: string): boolean {
  if (existsSync(join(directory, DISTRICT_TILES_FILE))) return false;
  const layers = Object.fromEntries(BASEMAP_LAYER_NAMES.map((name) => [name, JSON.parse(readFileSync(join(directory, `${name}.geojson`), 'utf8')) as FeatureCollection]));
  writeDistrictTiles(directory, layers);
  return true;
}
