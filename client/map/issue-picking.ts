import Flatbush from 'flatbush';
import type { IssuePositions } from '../../server/schemas/issue-positions-format.ts';

/**
 * Which problem a click means: the nearest one within a distance, found in a spatial index of
 * the positions rather than by GPU picking, so it works the same for a hundred or a million dots.
 * The index is built on the first question, as most views are never clicked.
 */
export type IssuePicker = (longitude: number, latitude: number, maxDistance: number) => number | null;

export function createIssuePicker(positions: IssuePositions): IssuePicker {
  let index: Flatbush | null = null;
  return (longitude, latitude, maxDistance) => {
    if (positions.count === 0) return null;
    if (!index) {
      index = new Flatbush(positions.count);
      for (let row = 0; row < positions.count; row += 1) {
        const x = positions.positions[row * 2]!;
        const y = positions.positions[row * 2 + 1]!;
        index.add(x, y, x, y);
      }
      index.finish();
    }
    const [nearest] = index.neighbors(longitude, latitude, 1, maxDistance);
    return nearest === undefined ? null : positions.ids[nearest]!;
  };
}
