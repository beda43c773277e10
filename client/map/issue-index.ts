import Flatbush from 'flatbush';
import type { IssuePositions } from '../../server/schemas/issue-positions-format.ts';

/**
 * A spatial index of the problems' positions: which problem a click means (the nearest within a
 * distance, so it works the same for a hundred or a million dots, with no GPU picking), and which
 * problems lie in a box (to draw only the dots near the view). Built on first use, as most views
 * are never clicked and most filters match too few problems to need trimming.
 */
export interface IssueIndex {
  /** The id of the nearest problem within `maxDistance` degrees, or null. */
  nearest(longitude: number, latitude: number, maxDistance: number): number | null;
  /** The rows (not ids) of the problems inside a box, in no particular order. */
  within(west: number, south: number, east: number, north: number): number[];
}

export function createIssueIndex(positions: IssuePositions): IssueIndex {
  let index: Flatbush | null = null;
  const built = (): Flatbush | null => {
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
    return index;
  };
  return {
    nearest(longitude, latitude, maxDistance) {
      const [nearest] = built()?.neighbors(longitude, latitude, 1, maxDistance) ?? [];
      return nearest === undefined ? null : positions.ids[nearest]!;
    },
    within(west, south, east, north) {
      return built()?.search(west, south, east, north) ?? [];
    },
  };
}
