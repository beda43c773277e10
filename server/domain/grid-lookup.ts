import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, MultiPolygon } from 'geojson';

export type GridKind = 'block' | 'strip';

export interface LookupGrid {
  code: string;
  kind: GridKind;
  geometry: Polygon | MultiPolygon;
}

export type GridLookup = (longitude: number, latitude: number) => string | null;

function boundingBox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x! < minX) minX = x!;
      if (y! < minY) minY = y!;
      if (x! > maxX) maxX = x!;
      if (y! > maxY) maxY = y!;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Builds a point → grid function. Strip grids (road corridors) lie over the block grids, so a
 * point inside a corridor belongs to the strip; otherwise to the block holding it. Where two
 * corridors cross, the grid listed first owns the crossing, which makes the answer stable.
 * Candidates come from a packed R-tree of bounding boxes, so only a handful of polygons are
 * tested per point.
 */
export function createGridLookup(grids: readonly LookupGrid[]): GridLookup {
  if (grids.length === 0) return () => null;
  // Strips first, each kind in the given order: the search returns candidates sorted by rank.
  const ranked = [...grids.entries()].sort(
    ([indexA, a], [indexB, b]) =>
      (a.kind === 'strip' ? 0 : 1) - (b.kind === 'strip' ? 0 : 1) || indexA - indexB,
  );
  const index = new Flatbush(ranked.length);
  for (const [, grid] of ranked) index.add(...boundingBox(grid.geometry));
  index.finish();

  return (longitude, latitude) => {
    const candidates = index.search(longitude, latitude, longitude, latitude);
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => a - b);
    const point: [number, number] = [longitude, latitude];
    for (const position of candidates) {
      const grid = ranked[position]![1];
      if (booleanPointInPolygon(point, grid.geometry)) return grid.code;
    }
    return null;
  };
}
