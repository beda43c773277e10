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

const samePosition = (a: Position, b: Position) => Math.abs(a[0]! - b[0]!) <= SAME_POSITION_DEGREES && Math.abs(a[1]! - b[1]!) <= SAME_POSITION_DEGREES;

/** A ring's positions without its closing one and without a position repeating the one before it. */
function openRing(ring: readonly Position[]): Position[] {
  const open = ring.filter((position, index) => index === 0 || !samePosition(position, ring[index - 1]!));
  return open.length > 1 && samePosition(open[0]!, open.at(-1)!) ? open.slice(0, -1) : open;
}

/** The same ring, whichever position it starts at and whichever way it winds (a Shapefile winds the other way). */
function sameRing(a: readonly Position[], b: readonly Position[]): boolean {
  const [ringA, ringB] = [openRing(a), openRing(b)];
  if (ringA.length !== ringB.length) return false;
  const size = ringA.length;
  for (let offset = 0; offset < size; offset += 1) {
    if (!samePosition(ringA[0]!, ringB[offset]!)) continue;
    if (ringA.every((position, index) => samePosition(position, ringB[(offset + index) % size]!))) return true;
    if (ringA.every((position, index) => samePosition(position, ringB[(offset - index + size) % size]!))) return true;
  }
  return size === 0;
}

/** Two boundaries are the same when they have the same rings, position by position to a centimetre, however each is started and wound. */
export function sameGeometry(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
  if (a.type !== b.type) return false;
  const polygonsA = a.type === 'Polygon' ? [a.coordinates] : a.coordinates;
  const polygonsB = (b.type === 'Polygon' ? [b.coordinates] : b.coordinates) as Position[][][];
  return polygonsA.length === polygonsB.length && polygonsA.every((rings, polygon) =>
    rings.length === polygonsB[polygon]!.length && rings.every((ring, index) => sameRing(ring, polygonsB[polygon]![index]!)));
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
