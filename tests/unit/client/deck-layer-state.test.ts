import { describe, expect, it } from 'vitest';
import { deckHasSomethingToDraw, type DeckLayerState } from '../../../client/map/deck-layer-state.ts';
import { NO_ISSUES, shapeIssueLayerData } from '../../../client/map/issue-layer-data.ts';
import { shapeInspectionPoints } from '../../../client/map/inspection-point-layer-data.ts';
import { syntheticIssuePositions } from '../../../client/synthetic-issue-positions.ts';
import type { InspectionPointSummary } from '../../../server/schemas/contract.ts';

const issues = shapeIssueLayerData(syntheticIssuePositions(3, [117, 36.6, 117.01, 36.61]));
const point = { id: 1, name: '金桂广场', position: [117.005, 36.605], type: { code: 'square', name: '公共广场' }, latestEvaluation: null } as unknown as InspectionPointSummary;

/** The big screen's state: grids only. */
const wall: DeckLayerState = {
  issues: NO_ISSUES, issueDots: NO_ISSUES, issueMode: 'density', showIssues: true,
  inspectionPointDots: [], showInspectionPoints: false, selectedIssueRings: [], selectionShape: null, focusedIssue: null,
};

describe('whether deck.gl has something to draw', () => {
  it('has nothing on a map of grids alone, or with its problems and points hidden', () => {
    expect(deckHasSomethingToDraw(wall)).toBe(false);
    expect(deckHasSomethingToDraw({ ...wall, issues, showIssues: false, inspectionPointDots: shapeInspectionPoints([point]), showInspectionPoints: false })).toBe(false);
  });

  it('draws the problems when shown: all of them as density, the dots near the view as points', () => {
    expect(deckHasSomethingToDraw({ ...wall, issues })).toBe(true);
    expect(deckHasSomethingToDraw({ ...wall, issues, issueMode: 'points' })).toBe(false);
    expect(deckHasSomethingToDraw({ ...wall, issues, issueDots: issues, issueMode: 'points' })).toBe(true);
  });

  it('draws shown inspection points, a selection, a selection being drawn and a focused problem', () => {
    expect(deckHasSomethingToDraw({ ...wall, inspectionPointDots: shapeInspectionPoints([point]), showInspectionPoints: true })).toBe(true);
    expect(deckHasSomethingToDraw({ ...wall, selectedIssueRings: [[117, 36.6]] })).toBe(true);
    expect(deckHasSomethingToDraw({ ...wall, selectionShape: { kind: 'box', corners: [[117, 36.6], [117.01, 36.61]] } })).toBe(true);
    expect(deckHasSomethingToDraw({ ...wall, focusedIssue: [117, 36.6] })).toBe(true);
  });
});
