import { describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, polygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { createGridLookup, type LookupGrid } from '../../server/domain/grid-lookup.ts';
import { generateDistrictLayout, toLngLat } from '../../server/seed/district-layout.ts';
import { buildOrganization } from '../../server/seed/organization.ts';
import { Random } from '../../server/seed/random.ts';

const square = (minX: number, minY: number, maxX: number, maxY: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY], [minX, minY]]],
});

describe('grid lookup on a hand-made district', () => {
  // Two blocks side by side, a north–south corridor on their shared edge, an east–west one across both.
  const grids: LookupGrid[] = [
    { code: 'WEST', kind: 'block', geometry: square(0, 0, 10, 10) },
    { code: 'EAST', kind: 'block', geometry: square(10, 0, 20, 10) },
    { code: 'NORTH_SOUTH', kind: 'strip', geometry: square(9, 0, 11, 10) },
    { code: 'EAST_WEST', kind: 'strip', geometry: square(0, 4, 20, 6) },
  ];
  const lookup = createGridLookup(grids);

  it('puts a point in its block', () => {
    expect(lookup(2, 2)).toBe('WEST');
    expect(lookup(15, 8)).toBe('EAST');
  });

  it('gives a point inside a corridor to the strip, not the block under it', () => {
    expect(lookup(9.5, 2)).toBe('NORTH_SOUTH');
    expect(lookup(3, 5)).toBe('EAST_WEST');
  });

  it('gives a crossing of two corridors to the strip listed first', () => {
    expect(lookup(10, 5)).toBe('NORTH_SOUTH');
  });

  it('finds nothing outside every grid', () => {
    expect(lookup(-1, 5)).toBeNull();
    expect(lookup(25, 5)).toBeNull();
  });

  it('answers for an empty list of grids', () => {
    expect(createGridLookup([])(0, 0)).toBeNull();
  });
});

describe('grid lookup on the demo district', () => {
  const layout = generateDistrictLayout('lookup-test');
  const organization = buildOrganization(layout, new Random('lookup-test:organization'));
  const lookup = createGridLookup(organization.grids);
  const blocks = organization.grids.filter((grid) => grid.kind === 'block');
  const strips = organization.grids.filter((grid) => grid.kind === 'strip');

  it('has 65 grids: 48 blocks and 17 strips', () => {
    expect(blocks).toHaveLength(48);
    expect(strips).toHaveLength(17);
  });

  it('tiles the district with blocks: their areas add up to the district area', () => {
    const districtArea = area(polygon([layout.districtRing.map(toLngLat)]));
    const blockArea = blocks.reduce((sum, grid) => sum + area(grid.geometry), 0);
    expect(Math.abs(blockArea - districtArea) / districtArea).toBeLessThan(1e-9);
  });

  it('agrees with a point-in-polygon test over every grid for random points', () => {
    const random = new Random('lookup-points');
    const [west, south] = toLngLat([-300, -300]);
    const [east, north] = toLngLat([9300, 7300]);
    for (let sample = 0; sample < 3000; sample += 1) {
      const point: [number, number] = [random.between(west!, east!), random.between(south!, north!)];
      const containingStrips = strips.filter((grid) => booleanPointInPolygon(point, grid.geometry));
      const containingBlocks = blocks.filter((grid) => booleanPointInPolygon(point, grid.geometry));
      // Blocks never overlap except on shared edges, which random points do not hit.
      expect(containingBlocks.length).toBeLessThanOrEqual(1);
      const expected = containingStrips[0]?.code ?? containingBlocks[0]?.code ?? null;
      expect(lookup(...point)).toBe(expected);
    }
  });

  it('places every block centre in that block, and every road centre line point in its strip', () => {
    layout.blocks.forEach((block, index) => {
      const [longitude, latitude] = toLngLat(block.centre);
      expect(lookup(longitude!, latitude!)).toBe(blocks[index]!.code);
    });
    layout.strips.forEach((strip, index) => {
      const awayFromCrossings = strip.centreLine.slice(2, -2).filter(([x, y]) =>
        layout.crossings.every(({ position }) => Math.hypot(position[0] - x, position[1] - y) > 60));
      expect(awayFromCrossings.length).toBeGreaterThan(10);
      for (const point of awayFromCrossings) {
        const [longitude, latitude] = toLngLat(point);
        expect(lookup(longitude!, latitude!)).toBe(strips[index]!.code);
      }
    });
  });
});
