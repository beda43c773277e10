import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { wktToGeoJSON } from 'betterknown';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { Geometry } from 'geojson';
import { systemOfProjectionText, type CoordinateSystemCode } from './coordinate-systems.ts';
import { ImportFileError } from './import-errors.ts';

/**
 * Reading a grid file as its sender made it: GeoJSON, a zipped Shapefile, KML or KMZ, or a
 * spreadsheet (xlsx, CSV) with a WKT column. Coordinates stay as the file has them; the file's
 * own statement of its coordinate system, when it makes one, comes back beside them.
 */
export type GridFileFormat = 'geojson' | 'shapefile' | 'kml' | 'kmz' | 'xlsx' | 'csv';

export interface SourceFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface GridFile {
  format: GridFileFormat;
  features: SourceFeature[];
  /** Attribute names, in the file's order. */
  attributes: string[];
  /** The system the file states (a .prj, a GeoJSON `crs` member); undefined when it states none. */
  statedSystem?: CoordinateSystemCode;
  /** What the file stated that we could not match, to show the user. */
  statedSystemText?: string;
  /** A Shapefile's attribute encoding, and where it came from. */
  encoding?: { name: string; from: 'cpg' | 'dbf language byte' | 'detected' | 'declared' };
}

export interface GridFileOptions {
  /** The .dbf's encoding when the user knows better than the file. */
  encoding?: string;
}

const MAXIMUM_FEATURES = 20_000;

export async function readGridFile(fileName: string, bytes: Uint8Array, options: GridFileOptions = {}): Promise<GridFile> {
  if (bytes.length === 0) throw new ImportFileError('the file is empty');
  const file = await readByContent(fileName, bytes, options);
  if (file.features.length === 0) throw new ImportFileError('the file holds no features');
  if (file.features.length > MAXIMUM_FEATURES) throw new ImportFileError(`the file holds ${file.features.length} features; at most ${MAXIMUM_FEATURES} grids are imported at once`);
  return file;
}

async function readByContent(fileName: string, bytes: Uint8Array, options: GridFileOptions): Promise<GridFile> {
  // The content decides, not the name: a renamed file is read as what it is.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const entries = unzip(bytes);
    if (entries.has('[Content_Types].xml')) return readSpreadsheet(bytes, 'xlsx');
    const kmlEntry = [...entries.keys()].find((name) => name.toLowerCase().endsWith('.kml'));
    if (kmlEntry) return { ...readKml(entries.get(kmlEntry)!), format: 'kmz' };
    return readShapefile(entries, options);
  }
  const text = decodeText(bytes);
  const start = text.trimStart()[0];
  if (start === '{') return readGeoJson(text);
  if (start === '<') return readKml(bytes);
  if (/\.csv$/i.test(fileName) || text.includes(',')) return readSpreadsheet(bytes, 'csv');
  throw new ImportFileError(`'${fileName}' is not GeoJSON, a zipped Shapefile, KML/KMZ, xlsx or CSV`);
}

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  try {
    const entries = unzipSync(bytes, { filter: (entry) => !entry.name.startsWith('__MACOSX/') && entry.originalSize < 512 * 1024 * 1024 });
    return new Map(Object.entries(entries).map(([name, content]) => [name.split('/').pop()!, content]));
  } catch (error) {
    throw new ImportFileError(`the zip cannot be opened: ${(error as Error).message}`);
  }
}

function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function attributesOf(features: SourceFeature[]): string[] {
  const names = new Set<string>();
  for (const feature of features) for (const name of Object.keys(feature.properties)) names.add(name);
  return [...names];
}

function readGeoJson(text: string): GridFile {
  let document: { type?: string; features?: unknown; crs?: { properties?: { name?: string } } } & Partial<SourceFeature>;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`the GeoJSON cannot be parsed: ${(error as Error).message}`);
  }
  let features: SourceFeature[];
  if (document.type === 'FeatureCollection' && Array.isArray(document.features)) {
    features = (document.features as Array<Partial<SourceFeature> & { type?: string }>).map((feature, index) => {
      if (feature?.type !== 'Feature') throw new ImportFileError(`feature ${index + 1} is not a GeoJSON Feature`);
      return { properties: feature.properties ?? {}, geometry: feature.geometry ?? null };
    });
  } else if (document.type === 'Feature') {
    features = [{ properties: document.properties ?? {}, geometry: document.geometry ?? null }];
  } else {
    throw new ImportFileError('the GeoJSON is neither a FeatureCollection nor a Feature');
  }
  const stated = document.crs?.properties?.name;
  const epsg = stated?.match(/EPSG:{1,2}(\d+)$/i)?.[1] ?? (/CRS84$/i.test(stated ?? '') ? '4326' : undefined);
  return { format: 'geojson', features, attributes: attributesOf(features), statedSystem: epsg ? `EPSG:${epsg}` : undefined, statedSystemText: stated };
}

function readKml(bytes: Uint8Array): GridFile {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } })
    .parseFromString(decodeText(bytes), 'text/xml');
  if (errors.length > 0 || !document.documentElement) throw new ImportFileError(`the KML cannot be parsed: ${errors[0] ?? 'no document'}`);
  const collection = kml(document as unknown as Document);
  const features = collection.features.map((feature) => ({ properties: { ...(feature.properties ?? {}) }, geometry: (feature.geometry ?? null) as Geometry | null }));
  for (const feature of features) delete feature.properties.styleUrl;
  return { format: 'kml', features, attributes: attributesOf(features), statedSystem: 'EPSG:4326' };
}

const CODE_PAGES: Record<number, string> = { 0x4d: 'gbk', 0x7a: 'gbk', 0x57: 'windows-1252', 0x03: 'windows-1252', 0x01: 'ibm437' };

/**
 * A .dbf's encoding: what its .cpg names; else its language byte; else valid UTF-8 (which GBK
 * text with Chinese in it never is) or GBK.
 */
function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined, declared: string | undefined): GridFile['encoding'] & object {
  if (declared) return { name: textDecoderLabel(declared), from: 'declared' };
  const named = cpg && new TextDecoder('ascii').decode(cpg).trim();
  if (named) return { name: textDecoderLabel(named), from: 'cpg' };
  const languageByte = dbf[29];
  if (languageByte !== undefined && CODE_PAGES[languageByte] === 'gbk') return { name: 'gbk', from: 'dbf language byte' };
  // The records only: the header's counts and lengths are binary.
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
    return { name: 'utf-8', from: 'detected' };
  } catch {
    return { name: 'gbk', from: 'detected' };
  }
}

function textDecoderLabel(name: string): string {
  const label = /^\d+$/.test(name) ? (name === '936' ? 'gbk' : `windows-${name}`) : name.replace(/^ANSI\s+/i, '').trim();
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new ImportFileError(`the attribute encoding '${name}' is not one we can read; declare GBK or UTF-8`);
  }
}

function readShapefile(entries: Map<string, Uint8Array>, options: GridFileOptions): GridFile {
  const shapes = [...entries.keys()].filter((name) => name.toLowerCase().endsWith('.shp'));
  if (shapes.length === 0) throw new ImportFileError('the zip holds no .shp (a Shapefile), .kml (KMZ) or spreadsheet');
  if (shapes.length > 1) throw new ImportFileError(`the zip holds ${shapes.length} Shapefiles (${shapes.join(', ')}); zip one layer at a time`);
  const base = shapes[0]!.slice(0, -4);
  const part = (extension: string) => [...entries.entries()].find(([name]) => name.toLowerCase() === `${base.toLowerCase()}.${extension}`)?.[1];
  const dbf = part('dbf');
  if (!dbf) throw new ImportFileError(`${base}.dbf is missing from the zip: a Shapefile's attributes (code, name) live there`);
  const encoding = dbfEncoding(dbf, part('cpg'), options.encoding);
  let geometries: Geometry[];
  let records: Array<Record<string, unknown>>;
  try {
    geometries = parseShp(part('shp')!);
    records = parseDbf(dbf, encoding.name);
  } catch (error) {
    throw new ImportFileError(`${base}.shp cannot be read as a Shapefile: ${(error as Error).message}`);
  }
  if (records.length !== geometries.length) throw new ImportFileError(`${base}.shp holds ${geometries.length} shapes but ${base}.dbf ${records.length} records`);
  const features = geometries.map((geometry, index) => {
    const { bbox: _bbox, ...withoutBox } = geometry as Geometry & { bbox?: unknown };
    return { properties: records[index]!, geometry: withoutBox as Geometry };
  });
  const projection = part('prj') && new TextDecoder('utf-8').decode(part('prj')).trim();
  return {
    format: 'shapefile', features, attributes: attributesOf(features), encoding,
    statedSystem: projection ? systemOfProjectionText(projection) : undefined,
    statedSystemText: projection || undefined,
  };
}

const WKT_START = /^\s*(MULTI)?POLYGON\s*(Z|M|ZM)?\s*\(/i;

async function readSpreadsheet(bytes: Uint8Array, format: 'xlsx' | 'csv'): Promise<GridFile> {
  const rows = await sheetRows(bytes, format);
  const [header, ...body] = rows;
  if (!header || body.length === 0) throw new ImportFileError('the sheet has no rows under its header');
  const names = header.map((cell, index) => cell.trim() || `column ${index + 1}`);
  const wktColumn = names.findIndex((_, index) => body.some((row) => WKT_START.test(row[index] ?? '')));
  if (wktColumn < 0) throw new ImportFileError('no column of the sheet holds WKT polygons (POLYGON((…)) or MULTIPOLYGON(…))');
  const features = body.filter((row) => row.some((cell) => cell.trim() !== '')).map((row, index) => {
    const properties: Record<string, unknown> = {};
    names.forEach((name, column) => { if (column !== wktColumn) properties[name] = row[column]?.trim() ?? ''; });
    const text = row[wktColumn]?.trim() ?? '';
    let geometry: Geometry | null = null;
    if (text !== '') {
      geometry = wktToGeoJSON(text) as Geometry | null;
      if (!geometry) throw new ImportFileError(`row ${index + 2}, column '${names[wktColumn]}': the WKT cannot be read`);
    }
    return { properties, geometry };
  });
  return { format, features, attributes: names.filter((_, column) => column !== wktColumn) };
}

async function sheetRows(bytes: Uint8Array, format: 'xlsx' | 'csv'): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      sheet = await workbook.csv.read(Readable.from([decodeText(bytes)]));
    }
  } catch (error) {
    throw new ImportFileError(`the ${format === 'xlsx' ? 'workbook' : 'CSV'} cannot be read: ${(error as Error).message}`);
  }
  if (!sheet) throw new ImportFileError('the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(row.getCell(column).text ?? '');
    rows.push(cells);
  });
  return rows;
}
