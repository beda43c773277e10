import mapshaper from 'mapshaper';
import { zipSync } from 'fflate';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DiffGrid } from '../domain/grid-diff.ts';
import { coordinateSystem } from '../import/coordinate-systems.ts';
import { ImportFileError } from '../import/import-errors.ts';

/**
 * A district's grids as files a GIS office takes back: GeoJSON (WGS84, RFC 7946), and a zipped
 * Shapefile with its .prj and a .cpg, attributes in GBK as Chinese GIS software expects, in
 * CGCS2000 or the district's Gauss-Krüger zone. Written by mapshaper; imported again, either file
 * changes nothing.
 */
export function gridsAsGeoJson(grids: readonly DiffGrid[]): FeatureCollection<Polygon | MultiPolygon> {
  return {
    type: 'FeatureCollection',
    // An empty street is written as empty text: a column of nulls would become a numeric DBF field.
    features: grids.map(({ code, name, kind, street, geometry }) => ({ type: 'Feature', properties: { code, name, kind, street: street ?? '' }, geometry })),
  };
}

/** Systems a Shapefile can be written in: CGCS2000 or WGS84 geographic, or a CGCS2000 Gauss-Krüger zone. */
export function shapefileSystemProblem(code: string): string | null {
  const system = coordinateSystem(code);
  if (!system) return `'${code}' is not a coordinate system we know`;
  if (system.code === 'GCJ-02' || system.code === 'BD-09') return 'grids are never exported shifted: GCJ-02 and BD-09 are for web maps to read, not to store';
  if (system.code === 'EPSG:3857') return 'Web Mercator distorts areas; export in CGCS2000 (EPSG:4490) or a Gauss-Krüger zone';
  return null;
}

export async function gridsAsShapefile(grids: readonly DiffGrid[], code: string, baseName: string): Promise<Uint8Array> {
  const problem = shapefileSystemProblem(code);
  if (problem) throw new ImportFileError(problem);
  const input = JSON.stringify(gridsAsGeoJson(grids));
  // The input is WGS84 (CGCS2000 within centimetres); mapshaper projects and writes the .prj.
  const output = await mapshaper.applyCommands(`-i grids.json -proj from=EPSG:4326 ${coordinateSystem(code)!.code} -o ${baseName}.shp encoding=gbk`, { 'grids.json': input });
  return zipSync(Object.fromEntries(Object.entries(output).map(([name, content]) => [name, typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)])));
}
