import { describe, expect, it } from 'vitest';
import { allocateIssuePositions, setIssuePosition } from '../../../server/schemas/issue-positions-format.ts';
import { createIssueIndex } from '../../../client/map/issue-index.ts';
import { combineSelection, issuesInBox, issuesInLasso } from '../../../client/map/issue-selection.ts';

// Five problems: four at the corners of a square, one in its middle.
const { columns: positions } = allocateIssuePositions(5);
[[1, 117.0, 36.6], [2, 117.01, 36.6], [3, 117.01, 36.61], [4, 117.0, 36.61], [5, 117.005, 36.605]].forEach(([id, longitude, latitude], row) =>
  setIssuePosition(positions, row, { id: id!, longitude: longitude!, latitude: latitude!, state: 'assigned', overdue: false }));
const index = createIssueIndex(positions);

describe('selecting problems on the map', () => {
  it('takes in what a box covers, whichever way it was drawn', () => {
    expect(issuesInBox(positions, index, [[117.004, 36.604], [117.011, 36.611]]).sort()).toEqual([3, 5]);
    expect(issuesInBox(positions, index, [[117.011, 36.611], [117.004, 36.604]]).sort()).toEqual([3, 5]);
  });

  it('takes in what a lasso encloses, not what its bounding box does', () => {
    // A triangle over the lower-left half of the square: corners 1, 2 and 4 lie on or in it, 3 does not.
    const lasso: [number, number][] = [[116.999, 36.599], [117.012, 36.599], [116.999, 36.612]];
    expect(issuesInLasso(positions, index, lasso).sort()).toEqual([1, 2, 4, 5]);
    expect(issuesInLasso(positions, index, lasso.slice(0, 2))).toEqual([]);
  });

  it('replaces the selection, or adds to it when extending', () => {
    expect([...combineSelection(new Set([1]), [2, 3], false)]).toEqual([2, 3]);
    expect([...combineSelection(new Set([1]), [2, 1], true)].sort()).toEqual([1, 2]);
  });
});
