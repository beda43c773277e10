import { booleanPointInPolygon, polygon as turfPolygon } from '@turf/turf';
import type { IssueIndex } from './issue-index.ts';
import type { IssuePositions } from '../../server/schemas/issue-positions-format.ts';

/** Pure selection geometry for the dispatcher's map: which problems a box or a lasso takes in. */

export type LngLat = [number, number];

/** The ids of the problems inside the box spanned by two corners. */
export function issuesInBox(positions: IssuePositions, index: IssueIndex, [a, b]: [LngLat, LngLat]): number[] {
  return index.within(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])).map((row) => positions.ids[row]!);
}

/** The ids of the problems inside a lasso (a ring of at least three points, closed or not). */
export function issuesInLasso(positions: IssuePositions, index: IssueIndex, ring: readonly LngLat[]): number[] {
  if (ring.length < 3) return [];
  const longitudes = ring.map((point) => point[0]);
  const latitudes = ring.map((point) => point[1]);
  const closed = [...ring, ring[0]!];
  const shape = turfPolygon([closed.map((point) => [...point])]);
  return index.within(Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes))
    .filter((row) => booleanPointInPolygon([positions.positions[row * 2]!, positions.positions[row * 2 + 1]!], shape))
    .map((row) => positions.ids[row]!);
}

/** A new selection from the old and the ids a gesture took in: replace, or add when extending. */
export function combineSelection(current: ReadonlySet<number>, taken: readonly number[], extend: boolean): Set<number> {
  return new Set(extend ? [...current, ...taken] : taken);
}

/** Where the selected problems are, for drawing their rings. */
export function selectedIssuePositions(positions: IssuePositions, selected: ReadonlySet<number>): LngLat[] {
  const found: LngLat[] = [];
  if (selected.size === 0) return found;
  for (let row = 0; row < positions.count; row += 1) {
    if (selected.has(positions.ids[row]!)) found.push([positions.positions[row * 2]!, positions.positions[row * 2 + 1]!]);
  }
  return found;
}
