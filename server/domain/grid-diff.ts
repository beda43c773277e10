import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GridKind } from './grid-lookup.ts';

/** What replacing a district's grids with a file's would change, grid by grid (matched by code). */
export interface DiffGrid {
  code: string;
  name: string;
  kind: GridKind;
  street: string | null;
  geometry: Polygon | MultiPolygon;
  areaSquareMetres: number;
}

export interface GridChange {
  code: string;
  name: string;
  /** What differs: the boundary, the name, the kind, the street. */
  fields: Array<'geometry' | 'name' | 'kind' | 'street'>;
  areaBefore: number;
  areaAfter: number;
  /** After minus before, in m². */
  areaChange: number;
}

export interface GridDiff {
  added: Array<{ code: string; name: string; areaSquareMetres: number }>;
  /** Grids the file does not hold: retired, never deleted. */
  retired: Array<{ code: string; name: string; areaSquareMetres: number }>;
  changed: GridChange[];
  unchanged: number;
}

/** Positions closer than this (about a centimetre) are the same: the same boundary read from two formats differs in the last digits. */
export const SAME_POSITION_DEGREES = 1e-7;

/** Two boundaries are the same when they have the same rings, position by position, to a centimetre. */
export function sameGeometry(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
  if (a.type !== b.type) return false;
  const polygonsA = a.type === 'Polygon' ? [a.coordinates] : a.coordinates;
  const polygonsB = (b.type === 'Polygon' ? [b.coordinates] : b.coordinates) as Position[][][];
  return polygonsA.length === polygonsB.length && polygonsA.every((rings, polygon) =>
    rings.length === polygonsB[polygon]!.length && rings.every((ring, index) => {
      const other = polygonsB[polygon]![index]!;
      return ring.length === other.length && ring.every((position, vertex) =>
        Math.abs(position[0]! - other[vertex]![0]!) <= SAME_POSITION_DEGREES && Math.abs(position[1]! - other[vertex]![1]!) <= SAME_POSITION_DEGREES);
    }));
}

export function diffGrids(current: readonly DiffGrid[], incoming: readonly DiffGrid[]): GridDiff {
  const currentByCode = new Map(current.map((grid) => [grid.code, grid]));
  const incomingCodes = new Set(incoming.map((grid) => grid.code));
  const diff: GridDiff = { added: [], retired: [], changed: [], unchanged: 0 };
  for (const grid of incoming) {
    const before = currentByCode.get(grid.code);
    if (!before) {
      diff.added.push({ code: grid.code, name: grid.name, areaSquareMetres: Math.round(grid.areaSquareMetres) });
      continue;
    }
    const fields: GridChange['fields'] = [];
    if (!sameGeometry(before.geometry, grid.geometry)) fields.push('geometry');
    if (before.name !== grid.name) fields.push('name');
    if (before.kind !== grid.kind) fields.push('kind');
    if ((before.street ?? null) !== (grid.street ?? null)) fields.push('street');
    if (fields.length === 0) {
      diff.unchanged += 1;
      continue;
    }
    diff.changed.push({
      code: grid.code, name: grid.name, fields,
      areaBefore: Math.round(before.areaSquareMetres), areaAfter: Math.round(grid.areaSquareMetres),
      areaChange: Math.round(grid.areaSquareMetres - before.areaSquareMetres),
    });
  }
  for (const grid of current) {
    if (!incomingCodes.has(grid.code)) diff.retired.push({ code: grid.code, name: grid.name, areaSquareMetres: Math.round(grid.areaSquareMetres) });
  }
  return diff;
}

export const diffIsEmpty = (diff: GridDiff) => diff.added.length + diff.retired.length + diff.changed.length === 0;
