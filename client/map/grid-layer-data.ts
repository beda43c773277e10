import { centroid } from '@turf/turf';
import type { FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { GridCollection, GridFeature } from '../../server/schemas/contract.ts';
import { metricBand, type GridMetric } from './grid-metric.ts';

/** Pure shaping of the grid collection into what the grid layers draw. */

/** One polygon to draw; a grid whose geometry is a MultiPolygon gives one per part. */
export interface GridPolygon {
  code: string;
  kind: 'block' | 'strip';
  /** The grid's band on the chosen metric, 0 (best) to 4, or null without data. */
  band: number | null;
  polygon: Position[][];
}

export interface GridLabel {
  code: string;
  kind: 'block' | 'strip';
  position: Position;
  text: string;
  /** Where labels would overlap, the higher keeps its place: strips (few, long), then larger blocks. */
  priority: number;
}

export interface GridLayerData {
  blocks: GridPolygon[];
  strips: GridPolygon[];
  labels: GridLabel[];
}

function polygonParts(feature: GridFeature): Position[][][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

function outerRings(feature: GridFeature): Position[][] {
  return polygonParts(feature).map((polygon) => polygon[0]!);
}

/** Label priorities run from -1000 to 1000: strips on top, then blocks by area (a km² block ranks 100 above a hectare's). */
export function labelPriority(feature: GridFeature): number {
  if (feature.properties.kind === 'strip') return 1000;
  return Math.max(-999, Math.min(999, Math.round(100 * Math.log10(Math.max(feature.properties.areaSquareMetres, 1) / 1_000_000))));
}

function runsNorthSouth(ring: Position[]): boolean {
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return Math.max(...ys) - Math.min(...ys) > Math.max(...xs) - Math.min(...xs);
}

/**
 * Where a grid's label goes. Blocks: their centroid. Strips are long corridors that cross the
 * block labels' rows and columns, so their label sits on the corridor a way along it (3/4 up a
 * north–south road, 3/8 along an east–west section), between the block labels.
 */
export function gridLabelPosition(feature: GridFeature): Position {
  if (feature.properties.kind === 'block') return centroid(feature).geometry.coordinates;
  const ring = outerRings(feature)[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const target: Position = runsNorthSouth(ring)
    ? [(minX + maxX) / 2, minY + 0.75 * (maxY - minY)]
    : [minX + 0.375 * (maxX - minX), (minY + maxY) / 2];
  let nearest = ring[0]!;
  for (const vertex of ring) {
    if (Math.hypot(vertex[0]! - target[0]!, vertex[1]! - target[1]!) < Math.hypot(nearest[0]! - target[0]!, nearest[1]! - target[1]!)) nearest = vertex;
  }
  return nearest;
}

/**
 * Block labels carry the grid and its leader. A north–south corridor is labelled vertically,
 * one character per line as on Chinese maps, so it fits between the block labels beside it.
 */
export function gridLabelText(feature: GridFeature): string {
  const { kind, name, leader } = feature.properties;
  if (kind === 'strip' && runsNorthSouth(outerRings(feature)[0]!)) return [...name].join('\n');
  return leader ? `${name}\n${leader.name}` : name;
}

export function shapeGridLayerData(collection: GridCollection, metric: GridMetric): GridLayerData {
  const polygons = collection.features.flatMap((feature) => polygonParts(feature).map((polygon): GridPolygon => ({
    code: feature.properties.code,
    kind: feature.properties.kind,
    band: metricBand(metric, feature.properties, collection.colouring),
    polygon,
  })));
  return {
    blocks: polygons.filter((polygon) => polygon.kind === 'block'),
    strips: polygons.filter((polygon) => polygon.kind === 'strip'),
    labels: collection.features.map((feature) => ({
      code: feature.properties.code,
      kind: feature.properties.kind,
      position: gridLabelPosition(feature),
      text: gridLabelText(feature),
      priority: labelPriority(feature),
    })),
  };
}

/** What MapLibre's grid sources hold: every polygon with its colour, and every label with its placing order. */
export interface GridSourceData {
  /** `band` is -1 for a grid without data. */
  shapes: FeatureCollection<Polygon, { code: string; kind: 'block' | 'strip'; band: number }>;
  labels: FeatureCollection<Point, { code: string; kind: 'block' | 'strip'; text: string; sortKey: number }>;
}

/**
 * The grids as GeoJSON for MapLibre's own layers, which colour each by its band. MapLibre places a
 * label with a lower sort key first, and a later label that would overlap it waits for a closer
 * zoom: the key is the priority negated.
 */
export function gridSourceData(data: GridLayerData): GridSourceData {
  return {
    shapes: {
      type: 'FeatureCollection',
      features: [...data.blocks, ...data.strips].map((polygon) => ({
        type: 'Feature',
        properties: { code: polygon.code, kind: polygon.kind, band: polygon.band ?? -1 },
        geometry: { type: 'Polygon', coordinates: polygon.polygon },
      })),
    },
    labels: {
      type: 'FeatureCollection',
      features: data.labels.map((label) => ({
        type: 'Feature',
        properties: { code: label.code, kind: label.kind, text: label.text, sortKey: -label.priority },
        geometry: { type: 'Point', coordinates: label.position },
      })),
    },
  };
}
