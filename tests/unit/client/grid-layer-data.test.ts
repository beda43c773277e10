import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { GridCollection, GridFeature } from '../../../server/schemas/contract.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../../server/domain/scoring-settings.ts';
import { gridLabelPosition, gridLabelText, gridSourceData, labelPriority, shapeGridLayerData } from '../../../client/map/grid-layer-data.ts';

function rectangle(west: number, south: number, east: number, north: number): Position[][] {
  return [[[west, south], [east, south], [east, north], [west, north], [west, south]]];
}

/** A corridor outlined with a vertex every step along both sides, as a buffered road is. */
function corridor(west: number, south: number, east: number, north: number, steps: number): Position[][] {
  const alongNorthSouth = north - south > east - west;
  const side = (fraction: number, edge: 0 | 1): Position => alongNorthSouth
    ? [edge ? east : west, south + fraction * (north - south)]
    : [west + fraction * (east - west), edge ? north : south];
  const fractions = Array.from({ length: steps + 1 }, (_, index) => index / steps);
  const ring = [...fractions.map((f) => side(f, 0)), ...fractions.reverse().map((f) => side(f, 1))];
  return [[...ring, ring[0]!]];
}

function grid(code: string, kind: 'block' | 'strip', name: string, geometry: GridFeature['geometry']): GridFeature {
  return {
    type: 'Feature',
    geometry,
    properties: {
      code, name, kind,
      street: { id: 2, name: '东关街道' },
      leader: { id: 1, name: '王林', title: '区委常委' },
      departments: [],
      openIssues: 0,
      overdueIssues: 0,
      performance: {
        composite: 80, grade: 'B', rank: 3, tiedWith: 0, rectificationRate: 96, onTimeRate: 70, evaluationScoreRate: null, sampleSize: 40,
      },
    },
  } as unknown as GridFeature;
}

const block = grid('B01', 'block', '北苑片区', { type: 'Polygon', coordinates: rectangle(117, 36.6, 117.01, 36.61) });
const northSouthStrip = grid('S01', 'strip', '建设路沿线', { type: 'Polygon', coordinates: corridor(117.0095, 36.59, 117.0105, 36.63, 8) });
const eastWestStrip = grid('S02', 'strip', '光明路沿线', { type: 'Polygon', coordinates: corridor(116.98, 36.6095, 117.04, 36.6105, 8) });
const islandBlock = grid('B02', 'block', '江心片区', {
  type: 'MultiPolygon',
  coordinates: [rectangle(117.02, 36.6, 117.03, 36.61), rectangle(117.035, 36.6, 117.04, 36.605)],
});
const collection = {
  type: 'FeatureCollection',
  colouring: { gradeThresholds: DEFAULT_SCORING_SETTINGS.gradeThresholds, colourBands: DEFAULT_SCORING_SETTINGS.colourBands },
  features: [block, northSouthStrip, eastWestStrip, islandBlock],
} as unknown as GridCollection;

describe('shapeGridLayerData', () => {
  const data = shapeGridLayerData(collection, 'composite');

  it('separates blocks from strips, so corridors draw over the areas', () => {
    expect(data.blocks.map((polygon) => polygon.code)).toEqual(['B01', 'B02', 'B02']);
    expect(data.strips.map((polygon) => polygon.code)).toEqual(['S01', 'S02']);
  });

  it('colours every polygon by the chosen metric, with the bands the collection came with', () => {
    expect(data.blocks[0]!.band).toBe(1);
    expect(shapeGridLayerData(collection, 'rectificationRate').blocks[0]!.band).toBe(1);
    const stricter = { ...collection, colouring: { ...collection.colouring, colourBands: { ...collection.colouring.colourBands, rectificationRate: [99, 98, 97, 96.5] } } } as GridCollection;
    expect(shapeGridLayerData(stricter, 'rectificationRate').blocks[0]!.band).toBe(4);
    expect(shapeGridLayerData(collection, 'evaluationScoreRate').blocks[0]!.band).toBeNull();
  });

  it('draws every part of a grid made of several polygons', () => {
    const parts = data.blocks.filter((polygon) => polygon.code === 'B02').map((polygon) => polygon.polygon);
    expect(parts).toEqual(islandBlock.geometry.coordinates);
  });

  it('gives every grid exactly one label, inside the grid', () => {
    expect(data.labels.map((label) => label.code)).toEqual(['B01', 'S01', 'S02', 'B02']);
    for (const feature of [block, northSouthStrip, eastWestStrip]) {
      const position = gridLabelPosition(feature);
      expect(booleanPointInPolygon(position, feature.geometry as Polygon, { ignoreBoundary: false }), feature.properties.code).toBe(true);
    }
  });

  it('keeps strip labels off the block labels: 3/4 up a north–south road, 3/8 along an east–west one', () => {
    const [, northSouthY] = gridLabelPosition(northSouthStrip);
    const [eastWestX] = gridLabelPosition(eastWestStrip);
    expect(northSouthY).toBeCloseTo(36.59 + 0.75 * 0.04, 6);
    expect(eastWestX).toBeCloseTo(116.98 + 0.375 * 0.06, 6);
  });

  it('labels blocks with their leader and writes north–south corridors vertically', () => {
    expect(gridLabelText(block)).toBe('北苑片区\n王林');
    expect(gridLabelText(northSouthStrip)).toBe('建\n设\n路\n沿\n线');
    expect(gridLabelText(eastWestStrip)).toBe('光明路沿线\n王林');
  });

  it('names a grid with no leader yet (just imported) by its name alone', () => {
    expect(gridLabelText({ ...block, properties: { ...block.properties, leader: null } })).toBe('北苑片区');
  });

  it('ranks labels for collisions: strips first, then larger blocks over smaller', () => {
    const sized = (areaSquareMetres: number) => labelPriority({ ...block, properties: { ...block.properties, areaSquareMetres } });
    expect(labelPriority(northSouthStrip)).toBe(1000);
    expect(sized(1_000_000)).toBe(0);
    expect(sized(10_000)).toBe(-200);
    expect(sized(3_000_000)).toBeGreaterThan(sized(300_000));
    expect(sized(1e-9)).toBeGreaterThanOrEqual(-999);
  });
});

describe('gridSourceData', () => {
  const data = shapeGridLayerData(collection, 'evaluationScoreRate');
  // B01 a km² block, B02 (both parts) a third of one.
  const sized = { ...collection, features: collection.features.map((feature) => ({ ...feature, properties: { ...feature.properties, areaSquareMetres: feature.properties.code === 'B01' ? 1_000_000 : 330_000 } })) } as GridCollection;
  const sources = gridSourceData(shapeGridLayerData(sized, 'composite'));

  it('gives MapLibre every polygon with its code, kind and band, -1 for a grid without one', () => {
    expect(sources.shapes.features.map((feature) => [feature.properties.code, feature.properties.kind, feature.properties.band])).toEqual([
      ['B01', 'block', 1], ['B02', 'block', 1], ['B02', 'block', 1], ['S01', 'strip', 1], ['S02', 'strip', 1],
    ]);
    expect(new Set(gridSourceData(data).shapes.features.map((feature) => feature.properties.band))).toEqual(new Set([-1]));
    expect(sources.shapes.features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: block.geometry.coordinates });
  });

  it('gives every grid one label, sorted so strips are placed first and then larger blocks', () => {
    const labels = sources.labels.features;
    expect(labels.map((feature) => feature.properties.code)).toEqual(['B01', 'S01', 'S02', 'B02']);
    const placed = [...labels].sort((a, b) => a.properties.sortKey - b.properties.sortKey).map((feature) => feature.properties.code);
    expect(placed.slice(0, 2).sort()).toEqual(['S01', 'S02']);
    expect(placed.slice(2)).toEqual(['B01', 'B02']);
    expect(labels[1]!.geometry.coordinates).toEqual(gridLabelPosition(northSouthStrip));
    expect(labels[1]!.properties.text).toBe(gridLabelText(northSouthStrip));
  });
});
