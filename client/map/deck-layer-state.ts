import type { InspectionPointDot } from './inspection-point-layer-data.ts';
import type { IssueLayerData, IssueLayerMode } from './issue-layer-data.ts';
import type { LngLat } from './issue-selection.ts';
import type { SelectionShape } from './selection-gestures.ts';

/** What the map draws with deck.gl: the problems, the inspection points, a selection and a focus. */
export interface DeckLayerState {
  /** Every problem, which the density hexagons count. */
  issues: IssueLayerData;
  /** The problems whose dots are drawn. */
  issueDots: IssueLayerData;
  issueMode: IssueLayerMode;
  showIssues: boolean;
  inspectionPointDots: readonly InspectionPointDot[];
  showInspectionPoints: boolean;
  selectedIssueRings: readonly LngLat[];
  selectionShape: SelectionShape | null;
  focusedIssue: [number, number] | null;
}

/**
 * Whether deck.gl has anything to draw. Until it has, it is neither loaded nor put on the map: the
 * big screen, which shows only grids, never pays for its code or its shaders.
 */
export function deckHasSomethingToDraw(state: DeckLayerState): boolean {
  const issues = state.issueMode === 'points' ? state.issueDots : state.issues;
  return (state.showIssues && issues.length > 0)
    || (state.showInspectionPoints && state.inspectionPointDots.length > 0)
    || state.selectedIssueRings.length > 0
    || state.selectionShape !== null
    || state.focusedIssue !== null;
}
