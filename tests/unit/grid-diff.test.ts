import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { diffGrids, sameGeometry, type DiffGrid } from '../../server/domain/grid-diff.ts';

const square: Position[] = [[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01], [120, 30]];
const polygonOf = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const gridOf = (code: string, ring: Position[], name = code, areaSquareMetres = 1000): DiffGrid => ({ code, name, kind: 'block', street: null, geometry: polygonOf(ring), areaSquareMetres });

describe('the same boundary', () => {
  it('is the same started at another corner, wound the other way, or with a vertex repeated', () => {
    const startedElsewhere = [...square.slice(2, 4), ...square.slice(0, 3)];
    const reversed = [...square].reverse();
    const repeated = [square[0]!, square[1]!, square[1]!, ...square.slice(2)];
    for (const ring of [startedElsewhere, reversed, repeated]) expect(sameGeometry(polygonOf(square), polygonOf(ring))).toBe(true);
  });

  it('differs when a vertex moves more than a centimetre, or a ring gains a vertex', () => {
    const moved = square.map((position, index) => (index === 2 ? [position[0]! + 2e-7, position[1]!] : position));
    const withMore = [square[0]!, [120.005, 29.999], ...square.slice(1)];
    expect(sameGeometry(polygonOf(square), polygonOf(moved))).toBe(false);
    expect(sameGeometry(polygonOf(square), polygonOf(withMore))).toBe(false);
    expect(sameGeometry(polygonOf(square), { type: 'MultiPolygon', coordinates: [[square]] })).toBe(false);
  });
});

describe('a diff of grid sets', () => {
  it('lists grids added, retired and changed (what, and by how much area), and counts the rest', () => {
    const shifted = square.map(([x, y]) => [x! + 0.02, y!]);
    const current = [gridOf('B01', square), gridOf('B02', shifted), gridOf('B03', square)];
    const incoming = [gridOf('B01', [...square].reverse()), gridOf('B02', shifted, '新名', 900), gridOf('B04', square)];
    expect(diffGrids(current, incoming)).toEqual({
      added: [{ code: 'B04', name: 'B04', areaSquareMetres: 1000 }],
      retired: [{ code: 'B03', name: 'B03', areaSquareMetres: 1000 }],
      changed: [{ code: 'B02', name: '新名', fields: ['name'], areaBefore: 1000, areaAfter: 900, areaChange: -100 }],
      unchanged: 1,
    });
  });
});
