import { invalidParameter } from '../errors.ts';

/** A longitude/latitude box from a query parameter `minLongitude,minLatitude,maxLongitude,maxLatitude`. */
export interface BoundingBox {
  minLongitude: number;
  minLatitude: number;
  maxLongitude: number;
  maxLatitude: number;
}

export function parseBoundingBox(value: string): BoundingBox {
  const parts = value.split(',');
  const numbers = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (parts.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
    throw invalidParameter('bbox', `${value} is not four numbers minLongitude,minLatitude,maxLongitude,maxLatitude`, 'bad_bounding_box', {});
  }
  const [minLongitude, minLatitude, maxLongitude, maxLatitude] = numbers as [number, number, number, number];
  if (minLongitude < -180 || maxLongitude > 180 || minLatitude < -90 || maxLatitude > 90) {
    throw invalidParameter('bbox', `${value} lies outside longitude ±180 / latitude ±90`, 'bad_bounding_box', {});
  }
  if (minLongitude >= maxLongitude || minLatitude >= maxLatitude) {
    throw invalidParameter('bbox', `${value} has a minimum not below its maximum`, 'bad_bounding_box', {});
  }
  return { minLongitude, minLatitude, maxLongitude, maxLatitude };
}
