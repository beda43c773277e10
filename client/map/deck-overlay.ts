import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { DeckLayerState } from './deck-layer-state.ts';
import { layersWithSomethingToDraw } from './drawn-layers.ts';
import { GRID_LABEL_LAYER } from './grid-layers.ts';
import { createIssueFocusLayer } from './issue-focus-layer.ts';
import type { InspectionPointDot } from './inspection-point-layer-data.ts';
import { createInspectionPointLayer } from './inspection-point-layer.ts';
import { createIssueLayers } from './issue-layers.ts';
import { createIssueSelectionLayers } from './issue-selection-layers.ts';
import type { InspectionPointSummary } from '../../server/schemas/contract.ts';

/**
 * The map's deck.gl overlay, loaded apart from the map (only once something needs it), drawn into
 * MapLibre's own GL context. The problems go beneath the grids' labels; the inspection points, a
 * selection and a focused problem on top.
 */
export function createDeckOverlay(describeInspectionPoint?: (point: InspectionPointSummary) => string) {
  const overlay = new MapLibreOverlay({
    interleaved: true,
    layers: [],
    getTooltip: ({ object, layer }) => (layer?.id === 'inspection-points' && object
      ? { text: describeInspectionPoint?.((object as InspectionPointDot).point) ?? '', className: 'map-tooltip' }
      : null),
  });
  const render = (state: DeckLayerState) => overlay.setProps({
    layers: layersWithSomethingToDraw([
      ...createIssueLayers(state.issues, state.issueDots, state.issueMode, state.showIssues, GRID_LABEL_LAYER),
      createInspectionPointLayer(state.inspectionPointDots, state.showInspectionPoints),
      ...createIssueSelectionLayers(state.selectedIssueRings, state.selectionShape),
      createIssueFocusLayer(state.focusedIssue),
    ]),
  });
  return { overlay, render };
}

export type DeckOverlay = ReturnType<typeof createDeckOverlay>;
