import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { distance } from '@turf/turf';
import { fromWgs84 } from '../../server/import/coordinate-systems.ts';

/** The real district of ../shared/fixtures/hangzhou-xiacheng: 74 community grids of 杭州市下城区 in the formats GIS offices ship. */
export const XIACHENG_DIRECTORY = resolve(import.meta.dirname, '../../../shared/fixtures/hangzhou-xiacheng');

export const xiachengFile = (name: string): { name: string; bytes: Uint8Array } => ({ name, bytes: readFileSync(resolve(XIACHENG_DIRECTORY, name)) });

export type TruthGrid = Feature<Polygon | MultiPolygon, { code: string; name: string; kind: 'block' }>;

export function xiachengTruth(): TruthGrid[] {
  return (JSON.parse(readFileSync(resolve(XIACHENG_DIRECTORY, 'truth-wgs84.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, TruthGrid['properties']>).features;
}

export interface ProbePoint { id: string; longitude: number; latitude: number; expectedCode: string | null }

export function xiachengProbes(): ProbePoint[] {
  const [, ...rows] = readFileSync(resolve(XIACHENG_DIRECTORY, 'probe-points.csv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [id, longitude, latitude, expectedCode] = row.split(',');
    return { id: id!, longitude: Number(longitude), latitude: Number(latitude), expectedCode: expectedCode || null };
  });
}

const positionsOf = (geometry: Polygon | MultiPolygon): Position[] =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);

/**
 * The farthest any vertex of `imported` lies from the nearest vertex of `truth`, and the reverse,
 * in metres: the two boundaries' vertex-wise Hausdorff distance.
 */
export function vertexDistanceMetres(imported: Polygon | MultiPolygon, truth: Polygon | MultiPolygon): number {
  const ours = positionsOf(imported);
  const theirs = positionsOf(truth);
  const farthest = (from: Position[], to: Position[]) => Math.max(...from.map((position) => Math.min(...to.map((other) => distance(position, other, { units: 'meters' })))));
  return Math.max(farthest(ours, theirs), farthest(theirs, ours));
}

/**
 * The site's own base-map layers as its GIS office would send them, made here from the district's
 * truth: three roads across the district (a 主干路, a 次干路, a 支路) in WGS84, a place name, and a
 * point where a road layer should have lines only.
 */
export function xiachengRoads(): FeatureCollection {
  const positions = xiachengTruth().flatMap((grid) => positionsOf(grid.geometry));
  const [west, east] = [Math.min(...positions.map(([x]) => x!)), Math.max(...positions.map(([x]) => x!))];
  const [south, north] = [Math.min(...positions.map(([, y]) => y!)), Math.max(...positions.map(([, y]) => y!))];
  const across = (share: number, name: string, grade: string): Feature => ({
    type: 'Feature', properties: { 名称: name, 道路等级: grade },
    geometry: { type: 'LineString', coordinates: [[west, south + (north - south) * share], [(west + east) / 2, south + (north - south) * share + 0.001], [east, south + (north - south) * share]] },
  });
  return {
    type: 'FeatureCollection',
    features: [
      across(0.3, '体育场路', '主干路'), across(0.5, '凤起路', '次干路'), across(0.7, '长寿路', '支路'),
      { type: 'Feature', properties: { 名称: '武林广场', 道路等级: '' }, geometry: { type: 'Point', coordinates: [(west + east) / 2, (south + north) / 2] } },
    ],
  };
}

/** The roads and the place of `xiachengRoads`, in another coordinate system, as a GIS office's file holds them. */
export function xiachengRoadsIn(system: string): FeatureCollection {
  const convert = fromWgs84(system);
  const roads = xiachengRoads();
  return {
    ...roads,
    features: roads.features.map((feature) => ({
      ...feature,
      geometry: feature.geometry.type === 'LineString' ? { type: 'LineString', coordinates: feature.geometry.coordinates.map((position) => convert(position)) }
        : feature.geometry.type === 'Point' ? { type: 'Point', coordinates: convert(feature.geometry.coordinates) } : feature.geometry,
    })),
  };
}
