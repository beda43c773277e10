import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { writeMBTiles } from './mbtiles.ts';
import { buildVectorTiles, layersBounds } from './vector-tiles.ts';

/** The demo district's base map as vector tiles: the layers the seed writes, in one MBTiles file. */

export const BASEMAP_LAYER_NAMES = ['water', 'parks', 'blocks', 'roads', 'places'] as const;
export type BasemapLayerName = (typeof BASEMAP_LAYER_NAMES)[number];
export const DISTRICT_TILES_FILE = 'district.mbtiles';
export const TILE_ZOOMS = { minZoom: 10, maxZoom: 16 };

const FIELDS: Record<BasemapLayerName, Record<string, string>> = {
  water: { name: 'String', class: 'String' },
  parks: { name: 'String' },
  blocks: { name: 'String' },
  roads: { name: 'String', class: 'primary | secondary | branch' },
  places: { name: 'String', class: 'district | street_office | point type' },
};

export function writeDistrictTiles(directory: string, layers: Record<string, FeatureCollection>, districtName = '青川区'): number {
  return writeMBTiles(join(directory, DISTRICT_TILES_FILE), buildVectorTiles(layers, TILE_ZOOMS), {
    name: `${districtName}基础底图`,
    minzoom: TILE_ZOOMS.minZoom,
    maxzoom: TILE_ZOOMS.maxZoom,
    bounds: layersBounds(layers),
    vectorLayers: BASEMAP_LAYER_NAMES.map((id) => ({ id, fields: FIELDS[id] })),
  });
}

/** Layers whose centres are farther apart than this are of two places, not one district. */
const ANOTHER_PLACE_KILOMETRES = 50;

const EMPTY_LAYER: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The layers kept in `directory`; one never written is empty. */
function readLayers(directory: string): Record<BasemapLayerName, FeatureCollection> {
  return Object.fromEntries(BASEMAP_LAYER_NAMES.map((name) => {
    const path = join(directory, `${name}.geojson`);
    return [name, existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection : EMPTY_LAYER];
  })) as Record<BasemapLayerName, FeatureCollection>;
}

/** Builds the tiles from the GeoJSON layers in `directory` when they are missing (older installs). */
export function ensureDistrictTiles(directory: string): boolean {
  if (existsSync(join(directory, DISTRICT_TILES_FILE))) return false;
  writeDistrictTiles(directory, readLayers(directory));
  return true;
}

/**
 * A site's own layer in place of the one kept (the demo's, or one imported before), and the
 * tiles built again from all of them. The tiles are renamed into place only once whole, and the
 * layer after them, so a failure leaves the base map as it was; the server's tile archive
 * notices the new file by itself.
 */
export function replaceBasemapLayer(directory: string, name: BasemapLayerName, layer: FeatureCollection, districtName: string): { tiles: number; dropped: BasemapLayerName[] } {
  mkdirSync(directory, { recursive: true });
  const kept = readLayers(directory);
  // A layer far from the new one is another place's (the demo district's, before a real district's first layer): it goes.
  const [west, south, east, north] = layersBounds({ [name]: layer });
  const centre = [(west + east) / 2, (south + north) / 2];
  const dropped = BASEMAP_LAYER_NAMES.filter((other) => {
    if (other === name || kept[other].features.length === 0) return false;
    const [otherWest, otherSouth, otherEast, otherNorth] = layersBounds({ [other]: kept[other] });
    return distance(centre, [(otherWest + otherEast) / 2, (otherSouth + otherNorth) / 2], { units: 'kilometers' }) > ANOTHER_PLACE_KILOMETRES;
  });
  const layers = { ...kept, [name]: layer, ...Object.fromEntries(dropped.map((other) => [other, EMPTY_LAYER])) };
  const tiles = writeDistrictTiles(directory, layers, districtName);
  for (const written of [name, ...dropped]) {
    const path = join(directory, `${written}.geojson`);
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(layers[written]));
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
  return { tiles, dropped };
}
