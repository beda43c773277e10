import proj4 from 'proj4';
import gcoord from 'gcoord';
import type { Position } from 'geojson';

/**
 * The coordinate systems a district's GIS files arrive in, and how each becomes WGS84 (which
 * CGCS2000 geographic equals within centimetres, as PROJ treats them). Projections go through
 * proj4 and the Chinese web-map offsets through gcoord; nothing here is a formula of our own.
 *
 * Codes: EPSG:4326 (WGS84), EPSG:4490 (CGCS2000), EPSG:3857 (Web Mercator), the CGCS2000
 * Gauss-Krüger series (EPSG:4491–4554) and GCJ-02 / BD-09, which no file declares.
 */
export type CoordinateSystemCode = string;

export interface CoordinateSystem {
  code: CoordinateSystemCode;
  name: string;
  /** Whether its coordinates are metres (projected) rather than degrees. */
  projected: boolean;
}

const CGCS2000_ELLIPSOID = '+a=6378137 +rf=298.257222101';

function gaussKruger(centralMeridian: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${CGCS2000_ELLIPSOID} +units=m +no_defs`;
}

/** Every system we read, by code, with its proj4 definition (null for the offsets gcoord handles). */
const SYSTEMS = new Map<CoordinateSystemCode, CoordinateSystem & { definition: string | null }>();

function define(code: string, name: string, projected: boolean, definition: string | null) {
  SYSTEMS.set(code, { code, name, projected, definition });
}

define('EPSG:4326', 'WGS84', false, '+proj=longlat +datum=WGS84 +no_defs');
define('EPSG:4490', 'CGCS2000', false, `+proj=longlat ${CGCS2000_ELLIPSOID} +no_defs`);
define('EPSG:3857', 'Web Mercator', true, '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs');
define('GCJ-02', 'GCJ-02（高德/腾讯）', false, null);
define('BD-09', 'BD-09（百度）', false, null);
// The EPSG registry numbers the CGCS2000 Gauss-Krüger systems in four runs.
for (let zone = 13; zone <= 23; zone += 1) {
  define(`EPSG:${4491 + zone - 13}`, `CGCS2000 6° GK zone ${zone}`, true, gaussKruger(zone * 6 - 3, zone * 1_000_000 + 500_000));
}
for (let meridian = 75; meridian <= 135; meridian += 6) {
  define(`EPSG:${4502 + (meridian - 75) / 6}`, `CGCS2000 6° GK CM ${meridian}E`, true, gaussKruger(meridian, 500_000));
}
for (let zone = 25; zone <= 45; zone += 1) {
  define(`EPSG:${4513 + zone - 25}`, `CGCS2000 3° GK zone ${zone}`, true, gaussKruger(zone * 3, zone * 1_000_000 + 500_000));
}
for (let meridian = 75; meridian <= 135; meridian += 3) {
  define(`EPSG:${4534 + (meridian - 75) / 3}`, `CGCS2000 3° GK CM ${meridian}E`, true, gaussKruger(meridian, 500_000));
}

/** The systems a user may declare, in the order a form lists them. */
export function knownCoordinateSystems(): CoordinateSystem[] {
  return [...SYSTEMS.values()].map(({ code, name, projected }) => ({ code, name, projected }));
}

/** The system a code names: EPSG:n, or the offsets by name (case and punctuation aside). */
export function coordinateSystem(code: string): CoordinateSystem | undefined {
  const normal = code.trim().toUpperCase().replace(/^EPSG::?/, 'EPSG:').replace(/^(GCJ|BD)[-_]?0?(2|9)$/, (_, system: string, number: string) => `${system}-0${number}`);
  const known = SYSTEMS.get(normal) ?? (normal === 'WGS84' ? SYSTEMS.get('EPSG:4326') : normal === 'CGCS2000' ? SYSTEMS.get('EPSG:4490') : undefined);
  return known && { code: known.code, name: known.name, projected: known.projected };
}

/** Converts positions between a system and WGS84 longitude/latitude, either way. */
function converter(code: CoordinateSystemCode, toWgs: boolean): (position: Position) => Position {
  const system = SYSTEMS.get(code);
  if (!system) throw new Error(`unknown coordinate system ${code}`);
  if (code === 'EPSG:4326' || code === 'EPSG:4490') return ([x, y]) => [x!, y!];
  if (!system.definition) {
    const offset = code === 'GCJ-02' ? gcoord.GCJ02 : gcoord.BD09;
    const [from, to] = toWgs ? [offset, gcoord.WGS84] : [gcoord.WGS84, offset];
    return ([x, y]) => gcoord.transform([x!, y!], from, to) as Position;
  }
  const wgs84 = SYSTEMS.get('EPSG:4326')!.definition!;
  const projection = toWgs ? proj4(system.definition, wgs84) : proj4(wgs84, system.definition);
  return ([x, y]) => projection.forward([x!, y!]);
}

export const toWgs84 = (code: CoordinateSystemCode) => converter(code, true);
/** For exports, and for checking round trips. */
export const fromWgs84 = (code: CoordinateSystemCode) => converter(code, false);

/**
 * The system a Shapefile's .prj (ESRI or OGC WKT) describes, matched to one of ours by its
 * parameters as proj4 reads them; undefined when it is none we know.
 */
export function systemOfProjectionText(wkt: string): CoordinateSystemCode | undefined {
  let parsed: { projName?: string; lat0?: number; long0?: number; x0?: number; a?: number };
  try {
    parsed = new (proj4 as unknown as { Proj: new (text: string) => typeof parsed }).Proj(wkt);
  } catch {
    return undefined;
  }
  const name = (parsed.projName ?? '').toLowerCase();
  if (name === 'longlat' || name === 'identity') return /2000|4490/i.test(wkt) ? 'EPSG:4490' : 'EPSG:4326';
  if (name === 'merc' && /mercator/i.test(wkt) && /auxiliary|pseudo|3857|web/i.test(wkt)) return 'EPSG:3857';
  if (['tmerc', 'gauss_kruger', 'transverse_mercator', 'etmerc'].includes(name) && parsed.long0 !== undefined && parsed.x0 !== undefined) {
    const meridian = Math.round((parsed.long0 * 180) / Math.PI);
    const zone = Math.floor(parsed.x0 / 1_000_000);
    return gaussKrugerCode(meridian, zone > 0 ? zone : null);
  }
  return undefined;
}

/** The EPSG code of a CGCS2000 Gauss-Krüger system by its central meridian, and zone when the easting carries it. */
export function gaussKrugerCode(meridian: number, zone: number | null): CoordinateSystemCode | undefined {
  if (zone !== null) {
    if (zone >= 25 && zone <= 45 && zone * 3 === meridian) return `EPSG:${4513 + zone - 25}`;
    if (zone >= 13 && zone <= 23 && zone * 6 - 3 === meridian) return `EPSG:${4491 + zone - 13}`;
    return undefined;
  }
  if (meridian % 3 === 0 && meridian >= 75 && meridian <= 135) return `EPSG:${4534 + (meridian - 75) / 3}`;
  if ((meridian - 3) % 6 === 0 && meridian >= 75 && meridian <= 135) return `EPSG:${4502 + (meridian - 75) / 6}`;
  return undefined;
}

/** Where longitude and latitude in China can be at all. */
export const CHINA_BOUNDS = { west: 73, south: 3, east: 136, north: 54 } as const;

export function isInChina([longitude, latitude]: Position): boolean {
  return longitude! >= CHINA_BOUNDS.west && longitude! <= CHINA_BOUNDS.east && latitude! >= CHINA_BOUNDS.south && latitude! <= CHINA_BOUNDS.north;
}

export interface SystemGuess {
  /** The system the numbers most likely are in; undefined when only a kind can be told. */
  code?: CoordinateSystemCode;
  reason: string;
}

/**
 * What system a file's raw numbers are probably in, from their magnitude alone (used when the
 * file names none, and to explain coordinates that land outside China). `nearLongitude` is the
 * current district's, which tells the central meridian a Gauss-Krüger file without zone leaves out.
 */
export function guessSystem(sample: Position, nearLongitude?: number): SystemGuess {
  const [x, y] = sample as [number, number];
  if (isInChina([x, y])) return { code: 'EPSG:4326', reason: 'longitude and latitude in China' };
  if (isInChina([y, x])) return { reason: 'latitude and longitude look swapped: the file lists latitude first' };
  if (x >= 13_000_000 && x < 46_000_000 && y > 300_000 && y < 6_100_000) {
    const zone = Math.floor(x / 1_000_000);
    const threeDegree = gaussKrugerCode(zone * 3, zone);
    if (threeDegree) return { code: threeDegree, reason: `metres with zone ${zone} before the easting: CGCS2000 3° Gauss-Krüger zone ${zone}` };
    const sixDegree = gaussKrugerCode(zone * 6 - 3, zone);
    // Web Mercator eastings in China look like 6° zones 13–15; the district's longitude tells them apart.
    const mercatorLongitude = toWgs84('EPSG:3857')([x, y])[0]!;
    const mercatorIsNearer = nearLongitude !== undefined && Math.abs(mercatorLongitude - nearLongitude) < Math.abs(zone * 6 - 3 - nearLongitude);
    if (sixDegree && !mercatorIsNearer) return { code: sixDegree, reason: `metres with zone ${zone} before the easting: CGCS2000 6° Gauss-Krüger zone ${zone} (or Web Mercator, EPSG:3857)` };
  }
  if (x > 8_000_000 && x < 15_200_000 && y > 300_000 && y < 7_200_000) {
    return { code: 'EPSG:3857', reason: 'metres the size of Web Mercator in China' };
  }
  if (x > 0 && x < 1_000_000 && y > 300_000 && y < 6_100_000) {
    const meridian = nearLongitude === undefined ? undefined : 3 * Math.round(nearLongitude / 3);
    const code = meridian === undefined ? undefined : gaussKrugerCode(meridian, null);
    return code
      ? { code, reason: `metres of a Gauss-Krüger easting without its zone: probably CGCS2000 3° CM ${meridian}E, the district's meridian` }
      : { reason: 'metres of a Gauss-Krüger easting without its zone: declare the central meridian (CGCS2000 3° or 6° Gauss-Krüger)' };
  }
  return { reason: 'numbers that are neither longitude and latitude in China nor metres of a Chinese projection' };
}
