import { riverCentreY, toLngLat, type Metres } from './district-layout.ts';
import type { GridLookup } from '../domain/grid-lookup.ts';
import type { Random } from './random.ts';

/** Placing things on the demo district's layout, in metres. */

const RIVER_CLEARANCE = 60;

export function isInRiver([x, y]: Metres): boolean {
  return Math.abs(y - riverCentreY(x)) < RIVER_CLEARANCE;
}

/** The point a fraction of the way along a polyline, with the unit normal (left of travel). */
export function alongLine(line: readonly Metres[], fraction: number): { point: Metres; normal: Metres } {
  const lengths = line.slice(1).map((point, index) => Math.hypot(point[0] - line[index]![0], point[1] - line[index]![1]));
  let remaining = lengths.reduce((sum, length) => sum + length, 0) * Math.min(Math.max(fraction, 0), 1);
  for (let index = 0; index < lengths.length; index += 1) {
    const length = lengths[index]!;
    const [ax, ay] = line[index]!;
    const [bx, by] = line[index + 1]!;
    if (remaining <= length || index === lengths.length - 1) {
      const t = length === 0 ? 0 : Math.min(remaining / length, 1);
      const dx = (bx - ax) / (length || 1);
      const dy = (by - ay) / (length || 1);
      return { point: [ax + (bx - ax) * t, ay + (by - ay) * t], normal: [-dy, dx] };
    }
    remaining -= length;
  }
  throw new RangeError('a line needs at least two points');
}

/** A point beside a line: `fraction` along it, `distance` metres to one side (negative: the other). */
export function besideLine(line: readonly Metres[], fraction: number, distance: number): Metres {
  const { point, normal } = alongLine(line, fraction);
  return [point[0] + normal[0] * distance, point[1] + normal[1] * distance];
}

export function ringBounds(ring: readonly Metres[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/**
 * A random point that the lookup places in `gridCode` and that is not in the river, found by
 * rejection inside the given bounds; null when none is found in a reasonable number of tries.
 */
export function randomPointInGrid(
  random: Random,
  lookup: GridLookup,
  gridCode: string,
  bounds: readonly [number, number, number, number],
  near?: { centre: Metres; spread: number },
): Metres | null {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const candidate: Metres = near
      ? [random.normal(near.centre[0], near.spread), random.normal(near.centre[1], near.spread)]
      : [random.between(bounds[0], bounds[2]), random.between(bounds[1], bounds[3])];
    if (isInRiver(candidate)) continue;
    const [longitude, latitude] = toLngLat(candidate);
    if (lookup(longitude!, latitude!) === gridCode) return candidate;
  }
  return null;
}
