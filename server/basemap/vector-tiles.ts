import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, Position } from 'geojson';

/**
 * Cuts base-map layers (GeoJSON in longitude/latitude) into Mapbox Vector Tiles, one source
 * layer per input layer, gzipped as MBTiles stores them.
 */

export interface VectorTile {
  z: number;
  x: number;
  y: number;
  /** Gzipped protobuf. */
  data: Buffer;
}

export interface TileRange {
  minZoom: number;
  maxZoom: number;
}

export const EXTENT = 4096;

/** The XYZ tile holding a point at a zoom (Web Mercator). */
export function tileOf(longitude: number, latitude: number, zoom: number): { x: number; y: number } {
  const scale = 2 ** zoom;
  const latitudeRadians = (latitude * Math.PI) / 180;
  const x = Math.floor(((longitude + 180) / 360) * scale);
  const y = Math.floor(((1 - Math.log(Math.tan(latitudeRadians) + 1 / Math.cos(latitudeRadians)) / Math.PI) / 2) * scale);
  return { x: Math.min(scale - 1, Math.max(0, x)), y: Math.min(scale - 1, Math.max(0, y)) };
}

function eachPosition(collection: FeatureCollection, visit: (position: Position) => void): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') visit(value as Position);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const feature of collection.features) {
    if (feature.geometry && 'coordinates' in feature.geometry) walk(feature.geometry.coordinates);
  }
}

/** [west, south, east, north] of every position in the layers. */
export function layersBounds(layers: Record<string, FeatureCollection>): [number, number, number, number] {
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const collection of Object.values(layers)) {
    eachPosition(collection, ([longitude, latitude]) => {
      bounds[0] = Math.min(bounds[0], longitude!);
      bounds[1] = Math.min(bounds[1], latitude!);
      bounds[2] = Math.max(bounds[2], longitude!);
      bounds[3] = Math.max(bounds[3], latitude!);
    });
  }
  return bounds;
}

export function* buildVectorTiles(layers: Record<string, FeatureCollection>, range: TileRange): Generator<VectorTile> {
  const indexes = Object.entries(layers).map(([name, collection]) => [name, new GeoJSONVT(collection, {
    maxZoom: range.maxZoom, indexMaxZoom: range.maxZoom, indexMaxPoints: 0, extent: EXTENT, buffer: 64, tolerance: 3,
  })] as const);
  const [west, south, east, north] = layersBounds(layers);
  for (let z = range.minZoom; z <= range.maxZoom; z += 1) {
    const topLeft = tileOf(west, north, z);
    const bottomRight = tileOf(east, south, z);
    for (let x = topLeft.x; x <= bottomRight.x; x += 1) {
      for (let y = topLeft.y; y <= bottomRight.y; y += 1) {
        const tileLayers: Parameters<typeof fromGeojsonVt>[0] = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) tileLayers[name] = tile;
        }
        if (Object.keys(tileLayers).length === 0) continue;
        yield { z, x, y, data: gzipSync(fromGeojsonVt(tileLayers, { version: 2, extent: EXTENT })) };
      }
    }
  }
}
