import { describe, expect, it } from 'vitest';
import { allocateIssuePositions, setIssuePosition, type IssuePositionRow } from '../../../server/schemas/issue-positions-format.ts';
import { ISSUE_STATE_COLOURS, issueLayerMode, ISSUE_POINTS_MIN_ZOOM, positionsOfIssues, shapeIssueLayerData, subsetIssueLayerData } from '../../../client/map/issue-layer-data.ts';
import { createIssueIndex } from '../../../client/map/issue-index.ts';

function positionsOf(rows: IssuePositionRow[]) {
  const { columns } = allocateIssuePositions(rows.length);
  rows.forEach((row, index) => setIssuePosition(columns, index, row));
  return columns;
}

const rows: IssuePositionRow[] = [
  { id: 11, longitude: 117.001, latitude: 36.601, state: 'reported', overdue: false },
  { id: 12, longitude: 117.002, latitude: 36.602, state: 'in_progress', overdue: true },
  { id: 13, longitude: 117.003, latitude: 36.603, state: 'rectified', overdue: false },
];

describe('problem layer data', () => {
  it('keeps each problem where it is, as three components, and colours it by state with overdue first', () => {
    const data = shapeIssueLayerData(positionsOf(rows));
    expect(data.length).toBe(3);
    expect(Array.from(data.attributes.getPosition.value).map((value) => Number(value.toFixed(3))))
      .toEqual([117.001, 36.601, 0, 117.002, 36.602, 0, 117.003, 36.603, 0]);
    expect(Array.from(data.attributes.getFillColor.value)).toEqual([
      ...ISSUE_STATE_COLOURS.reported, 230,
      ...ISSUE_STATE_COLOURS.overdue, 230,
      ...ISSUE_STATE_COLOURS.rectified, 230,
    ]);
    expect(Array.from(data.ids)).toEqual([11, 12, 13]);
  });

  it('draws density zoomed out and dots from the threshold zoom on', () => {
    expect(issueLayerMode(ISSUE_POINTS_MIN_ZOOM - 0.01)).toBe('density');
    expect(issueLayerMode(ISSUE_POINTS_MIN_ZOOM)).toBe('points');
  });
});

describe('a loaded list of problems', () => {
  it('becomes the same columns the positions endpoint sends', () => {
    const fromList = positionsOfIssues(rows.map((row) => ({ ...row })));
    const fromEndpoint = positionsOf(rows);
    expect(fromList.count).toBe(3);
    for (const column of ['positions', 'ids', 'states', 'flags'] as const) expect(Array.from(fromList[column])).toEqual(Array.from(fromEndpoint[column]));
  });
});

describe('the problems near the view', () => {
  it('are the rows asked for, each keeping its position, colour and id', () => {
    const data = shapeIssueLayerData(positionsOf(rows));
    const subset = subsetIssueLayerData(data, [2, 0]);
    expect(subset.length).toBe(2);
    expect(Array.from(subset.ids)).toEqual([13, 11]);
    expect(Array.from(subset.attributes.getPosition.value)).toEqual([...data.attributes.getPosition.value.slice(6, 9), ...data.attributes.getPosition.value.slice(0, 3)]);
    expect(Array.from(subset.attributes.getFillColor.value)).toEqual([...ISSUE_STATE_COLOURS.rectified, 230, ...ISSUE_STATE_COLOURS.reported, 230]);
  });

  it('are found by box in the spatial index', () => {
    const index = createIssueIndex(positionsOf(rows));
    expect(index.within(117.0015, 36.6015, 117.0035, 36.6035).sort()).toEqual([1, 2]);
    expect(index.within(118, 37, 119, 38)).toEqual([]);
  });
});

describe('picking a problem by click', () => {
  const index = createIssueIndex(positionsOf(rows));
  const pick = index.nearest.bind(index);

  it('finds the nearest problem within the distance', () => {
    expect(pick(117.0021, 36.6021, 0.0005)).toBe(12);
    expect(pick(117.0029, 36.6029, 0.0005)).toBe(13);
  });

  it('finds none when every problem is further than the distance', () => {
    expect(pick(117.01, 36.61, 0.0005)).toBeNull();
  });

  it('finds none among no problems', () => {
    expect(createIssueIndex(positionsOf([])).nearest(117, 36.6, 1)).toBeNull();
  });
});
