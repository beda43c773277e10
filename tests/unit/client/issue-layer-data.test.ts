import { describe, expect, it } from 'vitest';
import { allocateIssuePositions, setIssuePosition, type IssuePositionRow } from '../../../server/schemas/issue-positions-format.ts';
import { ISSUE_STATE_COLOURS, issueLayerMode, ISSUE_POINTS_MIN_ZOOM, shapeIssueLayerData } from '../../../client/map/issue-layer-data.ts';
import { createIssuePicker } from '../../../client/map/issue-picking.ts';

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

describe('picking a problem by click', () => {
  const pick = createIssuePicker(positionsOf(rows));

  it('finds the nearest problem within the distance', () => {
    expect(pick(117.0021, 36.6021, 0.0005)).toBe(12);
    expect(pick(117.0029, 36.6029, 0.0005)).toBe(13);
  });

  it('finds none when every problem is further than the distance', () => {
    expect(pick(117.01, 36.61, 0.0005)).toBeNull();
  });

  it('finds none among no problems', () => {
    expect(createIssuePicker(positionsOf([]))(117, 36.6, 1)).toBeNull();
  });
});
