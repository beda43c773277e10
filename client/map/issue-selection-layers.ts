import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LngLat } from './issue-selection.ts';
import type { SelectionShape } from './selection-gestures.ts';

const SELECTION_COLOUR: [number, number, number] = [0, 145, 234];

/** The selected problems' rings, and the box or lasso being drawn. */
export function createIssueSelectionLayers(selected: readonly LngLat[], shape: SelectionShape | null) {
  const ring: LngLat[] = shape === null ? [] : shape.kind === 'lasso' ? shape.ring : [
    shape.corners[0], [shape.corners[1][0], shape.corners[0][1]], shape.corners[1], [shape.corners[0][0], shape.corners[1][1]],
  ];
  return [
    new ScatterplotLayer<LngLat>({
      id: 'issue-selected',
      data: selected,
      getPosition: (position) => position,
      getRadius: 9,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [...SELECTION_COLOUR, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
    }),
    new PolygonLayer<LngLat[]>({
      id: 'selection-gesture',
      data: ring.length >= 2 ? [ring] : [],
      getPolygon: (polygon) => polygon,
      getFillColor: [...SELECTION_COLOUR, 40],
      getLineColor: [...SELECTION_COLOUR, 220],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
    }),
  ];
}
