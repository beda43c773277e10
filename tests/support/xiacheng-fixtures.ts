import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { distance } from '@turf/turf';

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
