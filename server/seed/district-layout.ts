import { intersect, featureCollection, polygon as turfPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { Random } from './random.ts';
import {
  BOUNDARY_ROAD_NAMES,
  EAST_WEST_ROAD_NAMES,
  MINOR_ROAD_NAMES,
  NORTH_SOUTH_ROAD_NAMES,
  PARK_NAMES,
  RIVER_NAME,
} from './names.ts';

/**
 * The demo district's physical layout. Work happens in metres on a local plane (x east,
 * y north, origin at the south-west corner) and is converted to longitude/latitude once, so
 * that neighbouring blocks share exactly the same vertices and tile without gaps or overlaps.
 */

export type Metres = [number, number];

export const DISTRICT_ORIGIN = { longitude: 116.95, latitude: 36.58 };
const METRES_PER_DEGREE_LATITUDE = 110_574;
const METRES_PER_DEGREE_LONGITUDE = 111_320 * Math.cos((DISTRICT_ORIGIN.latitude * Math.PI) / 180);

export const COLUMNS = 8;
export const ROWS = 6;
const WIDTH = 9000;
const HEIGHT = 7000;
/** A main-road corridor reaches this far either side of the centre line (road, pavements, shop fronts). */
export const CORRIDOR_HALF_WIDTH = 35;
const RIVER_HALF_WIDTH = 45;
const SAMPLE_SPACING = 150;
/** East–west roads are long enough to be managed as a west and an east section, split at this column line. */
const EAST_WEST_SPLIT_LINE = 4;

export function toLngLat([x, y]: Metres): Position {
  return [
    Math.round((DISTRICT_ORIGIN.longitude + x / METRES_PER_DEGREE_LONGITUDE) * 1e7) / 1e7,
    Math.round((DISTRICT_ORIGIN.latitude + y / METRES_PER_DEGREE_LATITUDE) * 1e7) / 1e7,
  ];
}

export function toMetres([longitude, latitude]: Position): Metres {
  return [
    (longitude! - DISTRICT_ORIGIN.longitude) * METRES_PER_DEGREE_LONGITUDE,
    (latitude! - DISTRICT_ORIGIN.latitude) * METRES_PER_DEGREE_LATITUDE,
  ];
}

interface Wave {
  base: number;
  amplitude: number;
  wavelength: number;
  phase: number;
}

function waveAt(wave: Wave, along: number): number {
  return wave.base + wave.amplitude * Math.sin((2 * Math.PI * along) / wave.wavelength + wave.phase);
}

export interface MainRoad {
  name: string;
  axis: 'north_south' | 'east_west';
  /** Position among the lines of its axis (0 and the last are the district boundary). */
  line: number;
  centreLine: Metres[];
}

export interface StripCorridor {
  road: MainRoad;
  /** '' for a whole road, or 西段 / 东段 for a section. */
  section: '' | '西段' | '东段';
  centreLine: Metres[];
  ring: Position[];
}

export interface BlockCell {
  column: number;
  row: number;
  ring: Metres[];
  centre: Metres;
}

export interface MinorRoad {
  name: string;
  centreLine: Metres[];
}

export interface Park {
  name: string;
  ring: Metres[];
}

export interface DistrictLayout {
  blocks: BlockCell[];
  mainRoads: MainRoad[];
  boundaryRoads: MainRoad[];
  strips: StripCorridor[];
  minorRoads: MinorRoad[];
  riversideRoad: MinorRoad;
  river: { name: string; centreLine: Metres[]; ring: Metres[] };
  parks: Park[];
  /** Main-road crossings inside the district, with the two roads' names. */
  crossings: { position: Metres; northSouth: string; eastWest: string }[];
  districtRing: Metres[];
}

/** Evenly spaced values from `from` to `to`, both included, about `SAMPLE_SPACING` apart. */
function samplesBetween(from: number, to: number): number[] {
  const steps = Math.max(1, Math.round(Math.abs(to - from) / SAMPLE_SPACING));
  return Array.from({ length: steps + 1 }, (_, step) => from + ((to - from) * step) / steps);
}

function offsetRing(centreLine: Metres[], offset: (point: Metres, side: number) => Metres): Metres[] {
  const left = centreLine.map((point) => offset(point, -1));
  const right = centreLine.map((point) => offset(point, 1)).reverse();
  return [...left, ...right, left[0]!];
}

function insetOctagon(centre: Metres, halfWidth: number, halfHeight: number): Metres[] {
  const [cx, cy] = centre;
  const cutX = halfWidth * 0.3;
  const cutY = halfHeight * 0.3;
  const ring: Metres[] = [
    [cx - halfWidth + cutX, cy - halfHeight],
    [cx + halfWidth - cutX, cy - halfHeight],
    [cx + halfWidth, cy - halfHeight + cutY],
    [cx + halfWidth, cy + halfHeight - cutY],
    [cx + halfWidth - cutX, cy + halfHeight],
    [cx - halfWidth + cutX, cy + halfHeight],
    [cx - halfWidth, cy + halfHeight - cutY],
    [cx - halfWidth, cy - halfHeight + cutY],
  ];
  return [...ring, ring[0]!];
}

export function riverCentreY(x: number): number {
  return 2900 + 200 * Math.sin((2 * Math.PI * x) / 5200 + 0.6) + 40 * Math.sin((2 * Math.PI * x) / 1300);
}

export function generateDistrictLayout(seed: string): DistrictLayout {
  const random = new Random(`${seed}:layout`);
  const northSouthBases = [0, 1100, 2250, 3400, 4500, 5600, 6750, 7900, WIDTH];
  const eastWestBases = [0, 1150, 2300, 3550, 4700, 5850, HEIGHT];
  const northSouthWaves: Wave[] = northSouthBases.map((base, line) => {
    const boundary = line === 0 || line === COLUMNS;
    return {
      base: boundary ? base : base + random.between(-60, 60),
      amplitude: boundary ? random.between(90, 150) : random.between(20, 60),
      wavelength: random.between(4000, 9000),
      phase: random.between(0, 2 * Math.PI),
    };
  });
  const eastWestWaves: Wave[] = eastWestBases.map((base, line) => {
    const boundary = line === 0 || line === ROWS;
    return {
      base,
      amplitude: boundary ? random.between(80, 140) : random.between(15, 50),
      wavelength: random.between(5000, 11000),
      phase: random.between(0, 2 * Math.PI),
    };
  });
  const northSouthX = (line: number, y: number) => waveAt(northSouthWaves[line]!, y);
  const eastWestY = (line: number, x: number) => waveAt(eastWestWaves[line]!, x);

  // Crossing of north–south line i and east–west line j, by fixed-point iteration (the
  // roads' slopes are far below 1, so it converges in a few steps).
  const crossing: Metres[][] = northSouthWaves.map((_, i) =>
    eastWestWaves.map((_, j) => {
      let y = eastWestWaves[j]!.base;
      let x = northSouthX(i, y);
      for (let step = 0; step < 50; step += 1) {
        x = northSouthX(i, y);
        y = eastWestY(j, x);
      }
      return [x, y] as Metres;
    }),
  );

  // Road pieces between consecutive crossings, sharing the crossing points themselves.
  const northSouthPiece = (i: number, j: number): Metres[] => {
    const from = crossing[i]![j]!;
    const to = crossing[i]![j + 1]!;
    const inner = samplesBetween(from[1], to[1]).slice(1, -1).map((y): Metres => [northSouthX(i, y), y]);
    return [from, ...inner, to];
  };
  const eastWestPiece = (j: number, i: number): Metres[] => {
    const from = crossing[i]![j]!;
    const to = crossing[i + 1]![j]!;
    const inner = samplesBetween(from[0], to[0]).slice(1, -1).map((x): Metres => [x, eastWestY(j, x)]);
    return [from, ...inner, to];
  };
  const joinPieces = (pieces: Metres[][]): Metres[] =>
    pieces.flatMap((piece, index) => (index === 0 ? piece : piece.slice(1)));

  const blocks: BlockCell[] = [];
  for (let row = 0; row < ROWS; row += 1) {
    for (let column = 0; column < COLUMNS; column += 1) {
      const ring = [
        ...eastWestPiece(row, column),
        ...northSouthPiece(column + 1, row).slice(1),
        ...eastWestPiece(row + 1, column).reverse().slice(1),
        ...northSouthPiece(column, row).reverse().slice(1),
      ];
      const corners = [crossing[column]![row]!, crossing[column + 1]![row]!, crossing[column]![row + 1]!, crossing[column + 1]![row + 1]!];
      const centre: Metres = [
        corners.reduce((sum, [x]) => sum + x, 0) / 4,
        corners.reduce((sum, [, y]) => sum + y, 0) / 4,
      ];
      blocks.push({ column, row, ring, centre });
    }
  }

  const northSouthLine = (i: number) => joinPieces(Array.from({ length: ROWS }, (_, j) => northSouthPiece(i, j)));
  const eastWestLine = (j: number, fromColumn = 0, toColumn = COLUMNS) =>
    joinPieces(Array.from({ length: toColumn - fromColumn }, (_, k) => eastWestPiece(j, fromColumn + k)));

  const mainRoads: MainRoad[] = [
    ...NORTH_SOUTH_ROAD_NAMES.map((name, index): MainRoad => ({
      name, axis: 'north_south', line: index + 1, centreLine: northSouthLine(index + 1),
    })),
    ...EAST_WEST_ROAD_NAMES.map((name, index): MainRoad => ({
      name, axis: 'east_west', line: index + 1, centreLine: eastWestLine(index + 1),
    })),
  ];
  const boundaryRoads: MainRoad[] = [
    { name: BOUNDARY_ROAD_NAMES[0]!, axis: 'north_south', line: 0, centreLine: northSouthLine(0) },
    { name: BOUNDARY_ROAD_NAMES[1]!, axis: 'north_south', line: COLUMNS, centreLine: northSouthLine(COLUMNS) },
    { name: BOUNDARY_ROAD_NAMES[2]!, axis: 'east_west', line: 0, centreLine: eastWestLine(0) },
    { name: BOUNDARY_ROAD_NAMES[3]!, axis: 'east_west', line: ROWS, centreLine: eastWestLine(ROWS) },
  ];

  const districtRing: Metres[] = [
    ...eastWestLine(0),
    ...northSouthLine(COLUMNS).slice(1),
    ...eastWestLine(ROWS).reverse().slice(1),
    ...northSouthLine(0).reverse().slice(1),
  ];
  const districtPolygon = turfPolygon([districtRing.map(toLngLat)]);
  const clipToDistrict = (ring: Metres[]): Position[] => {
    const clipped = intersect(featureCollection([turfPolygon([ring.map(toLngLat)]), districtPolygon]));
    if (!clipped || clipped.geometry.type !== 'Polygon') throw new Error('a corridor left the district');
    return clipped.geometry.coordinates[0]!;
  };

  const strips: StripCorridor[] = [];
  for (const road of mainRoads) {
    if (road.axis === 'north_south') {
      const ring = offsetRing(road.centreLine, ([x, y], side) => [x + side * CORRIDOR_HALF_WIDTH, y]);
      strips.push({ road, section: '', centreLine: road.centreLine, ring: clipToDistrict(ring) });
      continue;
    }
    const sections: [StripCorridor['section'], Metres[]][] = [
      ['西段', eastWestLine(road.line, 0, EAST_WEST_SPLIT_LINE)],
      ['东段', eastWestLine(road.line, EAST_WEST_SPLIT_LINE, COLUMNS)],
    ];
    for (const [section, centreLine] of sections) {
      // Offsets are vertical, so the west section's end edge is the east section's start edge.
      const ring = offsetRing(centreLine, ([x, y], side) => [x, y + side * CORRIDOR_HALF_WIDTH]);
      strips.push({ road, section, centreLine, ring: clipToDistrict(ring) });
    }
  }

  const riverCentreLine = samplesBetween(-600, WIDTH + 600).map((x): Metres => [x, riverCentreY(x)]);
  const river = {
    name: RIVER_NAME,
    centreLine: riverCentreLine,
    ring: offsetRing(riverCentreLine, ([x, y], side) => [x, y + side * RIVER_HALF_WIDTH]),
  };
  const riversideRoad: MinorRoad = {
    name: '滨河路',
    centreLine: samplesBetween(northSouthX(0, 2900) + 20, northSouthX(COLUMNS, 2900) - 20)
      .map((x): Metres => [x, riverCentreY(x) + RIVER_HALF_WIDTH + 30]),
  };

  const blockAt = (column: number, row: number) => blocks[row * COLUMNS + column]!;
  const riversideParkXs = samplesBetween(crossing[3]![2]![0] + 140, crossing[4]![2]![0] - 140);
  const parks: Park[] = [
    { name: PARK_NAMES[0]!, ring: insetOctagon(blockAt(3, 3).centre, 260, 220) },
    {
      name: PARK_NAMES[1]!,
      ring: [
        ...riversideParkXs.map((x): Metres => [x, riverCentreY(x) + RIVER_HALF_WIDTH + 45]),
        ...riversideParkXs.reverse().map((x): Metres => [x, riverCentreY(x) + RIVER_HALF_WIDTH + 200]),
      ],
    },
    { name: PARK_NAMES[2]!, ring: insetOctagon(blockAt(6, 4).centre, 300, 260) },
    { name: PARK_NAMES[4]!, ring: insetOctagon(blockAt(1, 4).centre, 150, 130) },
  ];
  parks[1]!.ring.push(parks[1]!.ring[0]!);
  const parkBlocks = new Set(['3,3', '6,4', '1,4']);

  // Minor roads run across each block, main road to main road; none cross a park, and no
  // east–west one runs beside the river (the riverside road is there).
  const minorRoads: MinorRoad[] = [];
  let minorName = 0;
  for (const block of blocks) {
    const { column, row } = block;
    if (parkBlocks.has(`${column},${row}`)) continue;
    const west = (crossing[column]![row]![0] + crossing[column]![row + 1]![0]) / 2;
    const east = (crossing[column + 1]![row]![0] + crossing[column + 1]![row + 1]![0]) / 2;
    const x = west + (east - west) * random.between(0.35, 0.65);
    minorRoads.push({
      name: MINOR_ROAD_NAMES[minorName++ % MINOR_ROAD_NAMES.length]!,
      centreLine: samplesBetween(eastWestY(row, x), eastWestY(row + 1, x)).map((y): Metres => [x, y]),
    });
    if (row === 2) continue;
    const south = (crossing[column]![row]![1] + crossing[column + 1]![row]![1]) / 2;
    const north = (crossing[column]![row + 1]![1] + crossing[column + 1]![row + 1]![1]) / 2;
    const y = south + (north - south) * random.between(0.35, 0.65);
    minorRoads.push({
      name: MINOR_ROAD_NAMES[minorName++ % MINOR_ROAD_NAMES.length]!,
      centreLine: samplesBetween(northSouthX(column, y), northSouthX(column + 1, y)).map((x): Metres => [x, y]),
    });
  }

  const crossings: DistrictLayout['crossings'] = [];
  for (let i = 1; i < COLUMNS; i += 1) {
    for (let j = 1; j < ROWS; j += 1) {
      crossings.push({
        position: crossing[i]![j]!,
        northSouth: NORTH_SOUTH_ROAD_NAMES[i - 1]!,
        eastWest: EAST_WEST_ROAD_NAMES[j - 1]!,
      });
    }
  }

  return { blocks, mainRoads, boundaryRoads, strips, minorRoads, riversideRoad, river, parks, crossings, districtRing };
}
