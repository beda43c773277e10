import { createHash } from 'node:crypto';
import { area, bbox, featureCollection, multiPolygon, polygon, rewind } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { GridKind } from '../domain/grid-lookup.ts';
import { validateGrids, type CandidateGrid, type Finding } from '../domain/grid-validation.ts';
import { diffGrids, type DiffGrid, type GridDiff } from '../domain/grid-diff.ts';
import { coordinateSystem, guessSystem, knownCoordinateSystems, toWgs84 } from './coordinate-systems.ts';
import { readGridFile, type GridFile, type GridFileFormat } from './grid-files.ts';
import { attributeText, kindOf, resolveMapping, type AttributeMapping } from './grid-mapping.ts';
import { ImportFileError } from './import-errors.ts';

/**
 * A grid file made ready to replace a district's grids: read, mapped, converted to WGS84,
 * checked and compared with the grids in force. Nothing is written here; applying the result is
 * the store's, in one transaction.
 */
export interface GridImportOptions {
  /** The file's coordinate system when the user declares it (always for GCJ-02 and BD-09, which no file states). */
  coordinateSystem?: string;
  mapping?: Partial<AttributeMapping>;
  /** The kind of grids whose file says none; block unless told. */
  defaultKind?: GridKind;
  /** A Shapefile's attribute encoding, when its .cpg is missing or wrong. */
  encoding?: string;
}

export interface GridImportReport {
  file: { name: string; format: GridFileFormat; bytes: number; sha256: string; features: number; encoding?: GridFile['encoding'] };
  coordinateSystem: { code: string; name: string; from: 'declared' | 'file' | 'assumed' | 'guessed'; reason?: string; statedText?: string };
  attributes: string[];
  mapping: AttributeMapping;
  errors: Finding[];
  warnings: Finding[];
  diff: GridDiff;
}

export interface ImportedGrid extends DiffGrid {
  feature: number;
}

export interface PreparedGridImport {
  report: GridImportReport;
  /** The grids as they would be stored, in WGS84; only those whose geometry is valid when there are errors. */
  grids: ImportedGrid[];
}

/** Positions are kept to 1e-8° (about a millimetre). */
const roundPosition = ([x, y]: Position): Position => [Math.round(x! * 1e8) / 1e8, Math.round(y! * 1e8) / 1e8];

/**
 * Converts and rounds every position, dropping a position equal to the one before it: files
 * rounded to 6 decimals (web exports) turn vertices a few centimetres apart into repeats, which
 * are not a fault of the drawing.
 */
function mapPositions(geometry: Polygon | MultiPolygon, convert: (position: Position) => Position): Polygon | MultiPolygon {
  const ring = (positions: Position[]) => positions.map((position) => roundPosition(convert(position)))
    .filter((position, index, all) => index === 0 || position[0] !== all[index - 1]![0] || position[1] !== all[index - 1]![1]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map(ring)) };
}

/** A file's geometry as a polygon, a multipolygon (KML's MultiGeometry of polygons), or what else it is. */
function polygonal(geometry: Geometry | null): { geometry: Polygon | MultiPolygon | null; otherType?: string } {
  if (!geometry) return { geometry: null };
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return { geometry };
  if (geometry.type === 'GeometryCollection' && geometry.geometries.every((part) => part.type === 'Polygon' || part.type === 'MultiPolygon')) {
    const coordinates = geometry.geometries.flatMap((part) => (part.type === 'Polygon' ? [part.coordinates] : (part as MultiPolygon).coordinates));
    return { geometry: { type: 'MultiPolygon', coordinates } };
  }
  return { geometry: null, otherType: geometry.type };
}

/** A closed ring started at its south-westernmost position, so that the same boundary from two formats is the same. */
function startSouthWest(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  let start = 0;
  open.forEach((position, index) => {
    const best = open[start]!;
    if (position[0]! < best[0]! || (position[0] === best[0] && position[1]! < best[1]!)) start = index;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0]!];
}

/**
 * A boundary as it is stored: wound as RFC 7946 says (outer rings anticlockwise, holes clockwise;
 * a Shapefile winds them the other way) and each ring started at the same place.
 */
function canonical(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const wound = rewind(geometry) as Polygon | MultiPolygon;
  return wound.type === 'Polygon'
    ? { type: 'Polygon', coordinates: wound.coordinates.map(startSouthWest) }
    : { type: 'MultiPolygon', coordinates: wound.coordinates.map((rings) => rings.map(startSouthWest)) };
}

function firstPosition(file: GridFile): Position | undefined {
  for (const feature of file.features) {
    const { geometry } = polygonal(feature.geometry);
    const position = geometry?.type === 'Polygon' ? geometry.coordinates[0]?.[0] : geometry?.coordinates[0]?.[0]?.[0];
    if (position && Number.isFinite(position[0]) && Number.isFinite(position[1])) return position;
  }
  return undefined;
}

export function chooseSystem(file: GridFile, declared: string | undefined, nearLongitude: number | undefined): GridImportReport['coordinateSystem'] {
  const statedText = file.statedSystemText;
  if (declared) {
    const system = coordinateSystem(declared);
    if (!system) throw new ImportFileError(`'${declared}' is not a coordinate system we know; use one of ${knownCoordinateSystems().map(({ code }) => code).filter((code) => !/^EPSG:45/.test(code)).join(', ')} or a CGCS2000 Gauss-Krüger EPSG code (4491–4554)`);
    return { code: system.code, name: system.name, from: 'declared', statedText };
  }
  if (file.statedSystem) {
    const system = coordinateSystem(file.statedSystem);
    if (system) return { code: system.code, name: system.name, from: 'file', statedText };
  }
  if (statedText && file.format === 'shapefile') {
    throw new ImportFileError(`the .prj describes a coordinate system we do not know (${statedText.slice(0, 120)}); declare the system the file is in`);
  }
  const sample = firstPosition(file);
  if (!sample) return { code: 'EPSG:4326', name: 'WGS84', from: 'assumed', statedText };
  const guess = guessSystem(sample, nearLongitude);
  if (!guess.code) throw new ImportFileError(`the file does not say its coordinate system and its numbers are ${guess.reason}; declare the system`);
  const system = coordinateSystem(guess.code)!;
  return guess.code === 'EPSG:4326'
    ? { code: system.code, name: system.name, from: 'assumed', reason: 'longitude and latitude; a file from AMap, Tencent or Baidu must be declared GCJ-02 or BD-09', statedText }
    : { code: system.code, name: system.name, from: 'guessed', reason: guess.reason, statedText };
}

export function centreOf(grids: readonly DiffGrid[]): Position | undefined {
  if (grids.length === 0) return undefined;
  const [west, south, east, north] = bbox(featureCollection(grids.map((grid) => ({ type: 'Feature' as const, properties: {}, geometry: grid.geometry }))));
  return [(west + east) / 2, (south + north) / 2];
}

export async function prepareGridImport(
  file: { name: string; bytes: Uint8Array },
  options: GridImportOptions,
  current: readonly DiffGrid[],
): Promise<PreparedGridImport> {
  const read = await readGridFile(file.name, file.bytes, { encoding: options.encoding });
  const mapping = resolveMapping(read.attributes, options.mapping);
  const centre = centreOf(current);
  const system = chooseSystem(read, options.coordinateSystem, centre?.[0]);
  const convert = toWgs84(system.code);
  const candidates: CandidateGrid[] = read.features.map((feature, index) => {
    const { geometry, otherType } = polygonal(feature.geometry);
    const kindValue = mapping.kind ? feature.properties[mapping.kind] : undefined;
    const kind = mapping.kind && attributeText(kindValue) !== '' ? kindOf(kindValue) : options.defaultKind ?? 'block';
    if (!kind) throw new ImportFileError(`feature ${index + 1}: '${attributeText(kindValue)}' in '${mapping.kind}' is neither a block grid (块) nor a strip grid (条)`);
    let converted: Polygon | MultiPolygon | null = null;
    if (geometry) {
      try {
        converted = mapPositions(geometry, convert);
      } catch {
        converted = geometry;
      }
    }
    return {
      feature: index + 1,
      code: attributeText(feature.properties[mapping.code]),
      name: attributeText(feature.properties[mapping.name]),
      kind,
      street: mapping.street ? attributeText(feature.properties[mapping.street]) || null : null,
      geometry: converted,
      otherGeometryType: otherType,
    };
  });
  const findings = validateGrids(candidates, { count: current.length, centre });
  const outside = findings.filter((item) => item.code === 'outside_china');
  if (outside.length > 0) {
    const sample = firstPosition(read);
    const guess = sample && guessSystem(sample, centre?.[0]);
    if (guess && guess.code !== system.code) {
      for (const item of outside) item.message += ` — read as ${system.name}; the numbers look like ${guess.reason}${guess.code ? ` (${guess.code})` : ''}`;
    }
  }
  const faulty = new Set(findings.filter((item) => item.severity === 'error' && item.code !== 'duplicate_code' && item.code !== 'duplicate_name' && item.code !== 'block_overlap').flatMap((item) => item.features));
  const grids: ImportedGrid[] = candidates
    .filter((grid) => grid.geometry && !faulty.has(grid.feature))
    .map((grid) => {
      const geometry = canonical(grid.geometry!);
      return {
        feature: grid.feature, code: grid.code, name: grid.name, kind: grid.kind, street: grid.street, geometry,
        areaSquareMetres: area(geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates)),
      };
    });
  return {
    report: {
      file: {
        name: file.name, format: read.format, bytes: file.bytes.length, features: read.features.length, encoding: read.encoding,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
      },
      coordinateSystem: system,
      attributes: read.attributes,
      mapping,
      errors: findings.filter((item) => item.severity === 'error'),
      warnings: findings.filter((item) => item.severity === 'warning'),
      diff: diffGrids(current, grids),
    },
    grids,
  };
}
