import type { MultiPolygon, Polygon } from 'geojson';
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

/** Two boundaries are the same when their positions agree to a millimetre. */
export function sameGeometry(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
  return a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
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
