import { ISSUE_STATES, type IssueState } from '../../server/domain/issue-vocabulary.ts';
import { OVERDUE_FLAG, type IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import type { IssueSummary } from '../../server/schemas/contract.ts';

/** Pure shaping of the compact problem positions into what the problem layers draw. */

type Rgb = [number, number, number];

/** A problem's dot colour: overdue overrides its state, as it is what a leader must see first. */
export const ISSUE_STATE_COLOURS: Record<IssueState | 'overdue', Rgb> = {
  overdue: [211, 47, 47],
  reported: [142, 36, 170],
  assigned: [25, 118, 210],
  in_progress: [25, 118, 210],
  rectified: [0, 137, 123],
  closed: [120, 144, 156],
  void: [189, 189, 189],
};

/** The legend's entries, in the order a reader scans them: what is late, then the workflow. */
export const ISSUE_LEGEND: readonly (IssueState | 'overdue')[] = ['overdue', 'reported', 'in_progress', 'rectified', 'closed'];

/** Blues to purples: a density scale that stays apart from the grids' green-to-red grades. */
export const DENSITY_COLOURS: [number, number, number][] = [
  [158, 202, 225],
  [107, 174, 214],
  [66, 146, 198],
  [33, 113, 181],
  [8, 69, 148],
  [84, 39, 143],
];

/** Below this zoom the problems are drawn as density, at and above it as dots. */
export const ISSUE_POINTS_MIN_ZOOM = 14;

export type IssueLayerMode = 'density' | 'points';

export const issueLayerMode = (zoom: number): IssueLayerMode => (zoom >= ISSUE_POINTS_MIN_ZOOM ? 'points' : 'density');

/**
 * deck.gl's binary data form: one [longitude, latitude, 0] and one RGBA per problem. The positions
 * are widened to three components because deck.gl works out an attribute's bounds with the size
 * it declared (3), whatever size the data says; the hexagon layer centres its bins on those bounds.
 */
export interface IssueLayerData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 3 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
  ids: Uint32Array;
}

const STATE_COLOURS_BY_CODE = ISSUE_STATES.map((state) => ISSUE_STATE_COLOURS[state]);

export function shapeIssueLayerData(positions: IssuePositions): IssueLayerData {
  const colours = new Uint8Array(positions.count * 4);
  const coordinates = new Float32Array(positions.count * 3);
  for (let index = 0; index < positions.count; index += 1) {
    coordinates[index * 3] = positions.positions[index * 2]!;
    coordinates[index * 3 + 1] = positions.positions[index * 2 + 1]!;
    const overdue = (positions.flags[index]! & OVERDUE_FLAG) !== 0;
    const colour = overdue ? ISSUE_STATE_COLOURS.overdue : STATE_COLOURS_BY_CODE[positions.states[index]!]!;
    colours.set(colour, index * 4);
    colours[index * 4 + 3] = 230;
  }
  return {
    length: positions.count,
    attributes: {
      getPosition: { value: coordinates, size: 3 },
      getFillColor: { value: colours, size: 4, normalized: true },
    },
    ids: positions.ids,
  };
}

/**
 * Above this many problems, the dots are drawn for those near the view only: a dot costs the same
 * on screen or off, and zoomed in most are off.
 */
export const DOTS_NEAR_VIEW_ABOVE = 20_000;

/** The problems at the given rows only, for drawing the dots near the view. */
export function subsetIssueLayerData(data: IssueLayerData, rows: readonly number[]): IssueLayerData {
  const positions = new Float32Array(rows.length * 3);
  const colours = new Uint8Array(rows.length * 4);
  const ids = new Uint32Array(rows.length);
  rows.forEach((row, index) => {
    positions.set(data.attributes.getPosition.value.subarray(row * 3, row * 3 + 3), index * 3);
    colours.set(data.attributes.getFillColor.value.subarray(row * 4, row * 4 + 4), index * 4);
    ids[index] = data.ids[row]!;
  });
  return {
    length: rows.length,
    attributes: { getPosition: { value: positions, size: 3 }, getFillColor: { value: colours, size: 4, normalized: true } },
    ids,
  };
}

/** Problems already loaded as a list, in the positions form the map draws (the dispatcher's list and map show the same problems). */
export function positionsOfIssues(items: readonly Pick<IssueSummary, 'id' | 'longitude' | 'latitude' | 'state' | 'overdue'>[]): IssuePositions {
  const positions = new Float32Array(items.length * 2);
  const ids = new Uint32Array(items.length);
  const states = new Uint8Array(items.length);
  const flags = new Uint8Array(items.length);
  items.forEach((item, index) => {
    positions[index * 2] = item.longitude;
    positions[index * 2 + 1] = item.latitude;
    ids[index] = item.id;
    states[index] = ISSUE_STATES.indexOf(item.state);
    flags[index] = item.overdue ? OVERDUE_FLAG : 0;
  });
  return { count: items.length, positions, ids, states, flags };
}

export const NO_ISSUE_POSITIONS: IssuePositions = { count: 0, positions: new Float32Array(), ids: new Uint32Array(), states: new Uint8Array(), flags: new Uint8Array() };
export const NO_ISSUES = shapeIssueLayerData(NO_ISSUE_POSITIONS);
