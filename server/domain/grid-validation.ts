import Flatbush from 'flatbush';
import {
  area, bbox, centroid, distance, featureCollection, intersect, kinks, length, lineString, multiPolygon, pointOnFeature, polygon, polygonToLine, union,
} from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { GridKind } from './grid-lookup.ts';

/**
 * The checks a set of grids passes before it replaces a district's: each grid's geometry on its
 * own, the codes, and the set as a whole (blocks must not overlap; the blocks' outline should
 * have no holes; strips should lie within it). Errors block an import; warnings are shown and
 * may be accepted.
 */
export interface CandidateGrid {
  /** The feature's position in its file, from 1. */
  feature: number;
  code: string;
  name: string;
  kind: GridKind;
  street: string | null;
  /** In WGS84; null when the file has none. */
  geometry: Polygon | MultiPolygon | null;
  /** The file's geometry type when it is not a polygon (a point, a line). */
  otherGeometryType?: string;
}

export type FindingCode =
  | 'null_geometry' | 'empty_geometry' | 'not_a_polygon' | 'unclosed_ring' | 'short_ring' | 'self_intersection'
  | 'outside_china' | 'missing_code' | 'missing_name' | 'duplicate_code' | 'duplicate_name' | 'block_overlap'
  | 'gap' | 'strip_outside' | 'far_from_district' | 'grid_count_changed';

export const BLOCKING_FINDINGS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'null_geometry', 'empty_geometry', 'not_a_polygon', 'unclosed_ring', 'short_ring', 'self_intersection',
  'outside_china', 'missing_code', 'missing_name', 'duplicate_code', 'duplicate_name', 'block_overlap',
]);

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  /** The features concerned, by position in the file (from 1). */
  features: number[];
  gridCodes: string[];
  /** What is wrong, in a sentence a user can act on. */
  message: string;
  /** Where on the map: the crossing, the overlap's or gap's inner point. */
  at?: Position;
  areaSquareMetres?: number;
  distanceKilometres?: number;
}

/**
 * Overlaps and gaps smaller than this, or thinner on average than the sliver width, are the noise
 * of rounding and datum shifts along shared edges (a BD-09 export is good to about 0.2 m), not a
 * drawing error.
 */
export const AREA_TOLERANCE_SQUARE_METRES = 10;
export const SLIVER_WIDTH_METRES = 0.5;

/** Whether an overlap or gap is too small or too thin to be anything but rounding. */
function isNoise(shape: Feature<Polygon | MultiPolygon>, size: number): boolean {
  if (size < AREA_TOLERANCE_SQUARE_METRES) return true;
  const halfPerimetre = (length(polygonToLine(shape) as Feature<LineString | MultiLineString>, { units: 'meters' }) ) / 2;
  return halfPerimetre > 0 && size / halfPerimetre < SLIVER_WIDTH_METRES;
}
/** A set of grids whose centre is farther than this from the current one's is probably another place, or a wrong coordinate system. */
export const FAR_FROM_DISTRICT_KILOMETRES = 10;

export interface CurrentGridSet {
  count: number;
  /** The current grids' bounding box centre; undefined when there are none. */
  centre?: Position;
}

const rounded = (value: number, digits = 6) => Number(value.toFixed(digits));
const place = (position: Position): Position => [rounded(position[0]!), rounded(position[1]!)];

function finding(code: FindingCode, grids: CandidateGrid[], message: string, extra: Partial<Finding> = {}): Finding {
  return {
    code, severity: BLOCKING_FINDINGS.has(code) ? 'error' : 'warning',
    features: grids.map((grid) => grid.feature), gridCodes: grids.map((grid) => grid.code).filter(Boolean), message, ...extra,
  };
}

const label = (grid: CandidateGrid) => `${grid.code || `feature ${grid.feature}`}${grid.name ? ` ${grid.name}` : ''}`;

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const samePosition = (a: Position | undefined, b: Position | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];

/** The geometry faults of one grid; an empty list means its rings are closed, long enough, simple and in China. */
export function geometryFindings(grid: CandidateGrid): Finding[] {
  if (grid.otherGeometryType) return [finding('not_a_polygon', [grid], `${label(grid)} is a ${grid.otherGeometryType}, not a polygon`)];
  if (!grid.geometry) return [finding('null_geometry', [grid], `${label(grid)} has no geometry`)];
  const polygons = polygonsOf(grid.geometry);
  if (polygons.length === 0 || polygons.every((rings) => rings.length === 0 || rings[0]!.length === 0)) {
    return [finding('empty_geometry', [grid], `${label(grid)} has an empty geometry`)];
  }
  const findings: Finding[] = [];
  for (const rings of polygons) {
    for (const [ringIndex, ring] of rings.entries()) {
      const which = ringIndex === 0 ? 'outer ring' : `hole ${ringIndex}`;
      if (ring.some((position) => !Number.isFinite(position[0]) || !Number.isFinite(position[1]))) {
        findings.push(finding('empty_geometry', [grid], `${label(grid)}: a position of its ${which} is not a number`));
        continue;
      }
      if (ring.length < 4) {
        findings.push(finding('short_ring', [grid], `${label(grid)}: its ${which} has ${ring.length} positions; a ring needs at least 4 (3 corners and the first again)`, { at: ring[0] && place(ring[0]) }));
        continue;
      }
      if (!samePosition(ring[0], ring.at(-1))) {
        findings.push(finding('unclosed_ring', [grid], `${label(grid)}: its ${which} is not closed (it starts at ${place(ring[0]!).join(', ')} and ends at ${place(ring.at(-1)!).join(', ')})`, { at: place(ring[0]!) }));
        continue;
      }
      const outside = ring.find((position) => !(position[0]! >= 73 && position[0]! <= 136 && position[1]! >= 3 && position[1]! <= 54));
      if (outside) {
        findings.push(finding('outside_china', [grid], `${label(grid)}: ${place(outside).join(', ')} cannot be in China`, { at: place(outside) }));
        continue;
      }
      const crossings = kinks(lineString(ring)).features;
      if (crossings.length > 0) {
        const at = place(crossings[0]!.geometry.coordinates);
        findings.push(finding('self_intersection', [grid], `${label(grid)}: its ${which} crosses itself at ${at.join(', ')}`, { at }));
      }
    }
  }
  return findings;
}

const featureOf = (geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> =>
  geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates);

function areaFindings(valid: CandidateGrid[]): Finding[] {
  const findings: Finding[] = [];
  const blocks = valid.filter((grid) => grid.kind === 'block');
  const features = blocks.map((grid) => featureOf(grid.geometry!));
  if (blocks.length > 1) {
    const index = new Flatbush(blocks.length);
    for (const feature of features) index.add(...(bbox(feature) as [number, number, number, number]));
    index.finish();
    features.forEach((feature, first) => {
      for (const second of index.search(...(bbox(feature) as [number, number, number, number]))) {
        if (second <= first) continue;
        const overlap = intersect(featureCollection([feature, features[second]!]));
        const size = overlap ? area(overlap) : 0;
        if (!overlap || isNoise(overlap, size)) continue;
        const [a, b] = [blocks[first]!, blocks[second]!];
        findings.push(finding('block_overlap', [a, b], `${label(a)} and ${label(b)} overlap by ${Math.round(size).toLocaleString('en')} m²`, {
          at: place(pointOnFeature(overlap!).geometry.coordinates), areaSquareMetres: Math.round(size),
        }));
      }
    });
  }
  if (features.length === 0) return findings;
  const outline = features.length === 1 ? features[0]! : union(featureCollection(features));
  if (!outline) return findings;
  for (const rings of polygonsOf(outline.geometry)) {
    for (const hole of rings.slice(1)) {
      const gap = polygon([hole]);
      const size = area(gap);
      if (isNoise(gap, size)) continue;
      const at = place(pointOnFeature(gap).geometry.coordinates);
      findings.push(finding('gap', [], `a gap of ${Math.round(size).toLocaleString('en')} m² inside the district's outline, around ${at.join(', ')}, belongs to no block grid`, { at, areaSquareMetres: Math.round(size) }));
    }
  }
  for (const strip of valid.filter((grid) => grid.kind === 'strip')) {
    const stripFeature = featureOf(strip.geometry!);
    const inside = intersect(featureCollection([stripFeature, outline]));
    const size = area(stripFeature) - (inside ? area(inside) : 0);
    if (size < AREA_TOLERANCE_SQUARE_METRES) continue;
    findings.push(finding('strip_outside', [strip], `${label(strip)} lies ${Math.round(size).toLocaleString('en')} m² outside the block grids' outline`, { areaSquareMetres: Math.round(size) }));
  }
  return findings;
}

/** Every finding for a set of grids that would replace `current`. */
export function validateGrids(grids: readonly CandidateGrid[], current: CurrentGridSet): Finding[] {
  const findings: Finding[] = [];
  const valid: CandidateGrid[] = [];
  for (const grid of grids) {
    const own = geometryFindings(grid);
    if (!grid.code) own.push(finding('missing_code', [grid], `feature ${grid.feature} has no code`));
    if (!grid.name) own.push(finding('missing_name', [grid], `${label(grid)} has no name`));
    findings.push(...own);
    if (own.every((item) => item.code === 'missing_code' || item.code === 'missing_name')) valid.push(grid);
  }
  for (const [key, code, what] of [['code', 'duplicate_code', 'code'], ['name', 'duplicate_name', 'name']] as const) {
    const byValue = new Map<string, CandidateGrid[]>();
    for (const grid of grids) if (grid[key]) byValue.set(grid[key], [...(byValue.get(grid[key]) ?? []), grid]);
    for (const [value, same] of byValue) {
      if (same.length > 1) findings.push(finding(code, same, `${same.length} grids have the ${what} '${value}': features ${same.map((grid) => `${grid.feature} (${label(grid)})`).join(', ')}`));
    }
  }
  findings.push(...areaFindings(valid));
  if (current.count > 0 && current.count !== grids.length) {
    findings.push(finding('grid_count_changed', [], `the district has ${current.count} grids now; the file has ${grids.length}`));
  }
  if (current.centre && valid.length > 0) {
    const centre = centroid(featureCollection(valid.map((grid) => featureOf(grid.geometry!)))).geometry.coordinates;
    const away = distance(current.centre, centre, { units: 'kilometers' });
    if (away > FAR_FROM_DISTRICT_KILOMETRES) {
      findings.push(finding('far_from_district', [], `the file's grids are ${Math.round(away)} km from the district's current grids: another district, or a wrong coordinate system`, {
        at: place(centre), distanceKilometres: Math.round(away),
      }));
    }
  }
  return findings;
}
