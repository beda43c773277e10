import { createHash } from 'node:crypto';
import { bbox, distance } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { BASEMAP_LAYER_NAMES, type BasemapLayerName } from '../basemap/district-tiles.ts';
import { FAR_FROM_DISTRICT_KILOMETRES } from '../domain/grid-validation.ts';
import { isInChina, toWgs84 } from './coordinate-systems.ts';
import { readGridFile, type GridFile, type GridFileFormat } from './grid-files.ts';
import { chooseSystem, type GridImportReport } from './grid-import.ts';
import { attributeText } from './grid-mapping.ts';
import { ImportFileError } from './import-errors.ts';

/**
 * One layer of a site's own base map (its roads, rivers, parks, blocks or place names) from a GIS
 * file, read as grid files are (GeoJSON, Shapefile, KML, WKT sheets; the same coordinate systems),
 * kept to the layer's kind of geometry and given the name and class the base map's style draws.
 * Nothing is written here: applying it rebuilds the tiles from all the layers.
 */

export interface BasemapImportOptions {
  layer: BasemapLayerName;
  coordinateSystem?: string;
  /** The attributes holding each feature's name, and (roads, places) its class; found from common names unless given. */
  nameAttribute?: string;
  classAttribute?: string;
  encoding?: string;
}

export interface BasemapImportReport {
  layer: BasemapLayerName;
  file: { name: string; format: GridFileFormat; bytes: number; sha256: string; features: number; encoding?: GridFile['encoding'] };
  coordinateSystem: GridImportReport['coordinateSystem'];
  attributes: string[];
  mapping: { name: string | null; class: string | null };
  /** Features kept, by the class the style draws them as; the rest were of another kind of geometry, or empty. */
  kept: Record<string, number>;
  skipped: number;
  bounds: [number, number, number, number] | null;
  errors: Array<{ code: 'no_features' | 'outside_china'; message: string }>;
  warnings: Array<{ code: 'far_from_district' | 'features_skipped'; message: string }>;
}

const GEOMETRY_OF_LAYER: Record<BasemapLayerName, ReadonlyArray<Geometry['type']>> = {
  roads: ['LineString', 'MultiLineString'],
  water: ['Polygon', 'MultiPolygon'],
  parks: ['Polygon', 'MultiPolygon'],
  blocks: ['Polygon', 'MultiPolygon'],
  places: ['Point', 'MultiPoint'],
};

const NAME_ATTRIBUTES = ['name', '名称', 'NAME', 'Name', 'MC', '道路名称', '路名', '河流名称', '水系名称', '公园名称', '地名', 'name_zh', 'NAME_CHN'];
const CLASS_ATTRIBUTES = ['class', '等级', '道路等级', 'fclass', 'highway', 'DLDJ', 'type', '类型', 'kind'];

/** A road's class as the style draws it, from the words a GIS department or OpenStreetMap uses. */
export function roadClassOf(value: unknown): 'primary' | 'secondary' | 'branch' {
  const text = attributeText(value);
  if (/motorway|trunk|primary|快速|高速|主干|国道|省道/i.test(text)) return 'primary';
  if (/secondary|tertiary|次干|县道/i.test(text)) return 'secondary';
  return 'branch';
}

const findAttribute = (attributes: readonly string[], candidates: readonly string[], given: string | undefined, what: string): string | null => {
  if (given !== undefined) {
    if (!attributes.includes(given)) throw new ImportFileError(`the file has no attribute '${given}' for the ${what}; it has ${attributes.join(', ') || 'none'}`);
    return given;
  }
  return candidates.find((candidate) => attributes.includes(candidate)) ?? attributes.find((attribute) => candidates.some((candidate) => candidate.toLowerCase() === attribute.toLowerCase())) ?? null;
};

function mapGeometry(geometry: Geometry, convert: (position: Position) => Position): Geometry {
  const walk = (value: unknown): unknown => (Array.isArray(value) && typeof value[0] === 'number'
    ? convert(value as Position).map((number) => Math.round(number * 1e7) / 1e7)
    : (value as unknown[]).map(walk));
  if (geometry.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => mapGeometry(part, convert)) };
  return { ...geometry, coordinates: walk(geometry.coordinates) } as Geometry;
}

export async function prepareBasemapLayer(
  file: { name: string; bytes: Uint8Array }, options: BasemapImportOptions, districtCentre: Position | undefined,
): Promise<{ report: BasemapImportReport; layer: FeatureCollection }> {
  if (!BASEMAP_LAYER_NAMES.includes(options.layer)) throw new ImportFileError(`'${options.layer}' is no layer of the base map; one of ${BASEMAP_LAYER_NAMES.join(', ')}`);
  const read = await readGridFile(file.name, file.bytes, { encoding: options.encoding });
  const system = chooseSystem(read, options.coordinateSystem, districtCentre?.[0]);
  const convert = toWgs84(system.code);
  const mapping = {
    name: findAttribute(read.attributes, NAME_ATTRIBUTES, options.nameAttribute, 'name'),
    class: options.layer === 'roads' || options.layer === 'places' || options.layer === 'water' ? findAttribute(read.attributes, CLASS_ATTRIBUTES, options.classAttribute, 'class') : null,
  };
  const kept: Record<string, number> = {};
  const features: Feature[] = [];
  for (const feature of read.features) {
    if (!feature.geometry || !GEOMETRY_OF_LAYER[options.layer].includes(feature.geometry.type)) continue;
    const given = mapping.class ? attributeText(feature.properties[mapping.class]) : '';
    const featureClass = options.layer === 'roads' ? roadClassOf(given) : options.layer === 'water' ? given || 'river' : options.layer === 'places' ? given || 'place' : undefined;
    const name = mapping.name ? attributeText(feature.properties[mapping.name]) : '';
    features.push({ type: 'Feature', properties: { ...(name ? { name } : {}), ...(featureClass ? { class: featureClass } : {}) }, geometry: mapGeometry(feature.geometry, convert) });
    kept[featureClass ?? options.layer] = (kept[featureClass ?? options.layer] ?? 0) + 1;
  }
  const layer: FeatureCollection = { type: 'FeatureCollection', features };
  const bounds = features.length > 0 ? bbox(layer) as [number, number, number, number] : null;
  const report: BasemapImportReport = {
    layer: options.layer,
    file: {
      name: file.name, format: read.format, bytes: file.bytes.length, features: read.features.length, encoding: read.encoding,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    },
    coordinateSystem: system, attributes: read.attributes, mapping, kept, skipped: read.features.length - features.length, bounds, errors: [], warnings: [],
  };
  if (!bounds) {
    report.errors.push({ code: 'no_features', message: `the file holds no ${GEOMETRY_OF_LAYER[options.layer].join(' or ')} for the layer ${options.layer}` });
  } else if (!isInChina([bounds[0], bounds[1]]) || !isInChina([bounds[2], bounds[3]])) {
    report.errors.push({ code: 'outside_china', message: `read as ${system.name}, the layer spans ${bounds.map((number) => number.toFixed(4)).join(', ')}, which is not in China: declare the system the file is in` });
  } else if (districtCentre) {
    const away = distance(districtCentre, [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2], { units: 'kilometers' });
    if (away > FAR_FROM_DISTRICT_KILOMETRES) {
      report.warnings.push({ code: 'far_from_district', message: `the layer's centre is ${Math.round(away)} km from the district's grids: is it the right file, in the right coordinate system?` });
    }
  }
  if (report.skipped > 0) {
    report.warnings.push({ code: 'features_skipped', message: `${report.skipped} feature(s) are not ${GEOMETRY_OF_LAYER[options.layer].join(' or ')}, or have no geometry, and are left out` });
  }
  return { report, layer };
}
