import { ScatterplotLayer } from '@deck.gl/layers';
import type { InspectionPointDot } from './inspection-point-layer-data.ts';

/**
 * Inspection points as rings in their verdict's colour around a white centre, so they never read
 * as problems (filled dots); drawn over the grids and problems, under the focused problem.
 */
export function createInspectionPointLayer(dots: readonly InspectionPointDot[], visible: boolean) {
  return new ScatterplotLayer<InspectionPointDot>({
    id: 'inspection-points',
    data: dots,
    visible,
    // Pickable for the tooltip that gives the point's name, latest 得分率 and verdict.
    pickable: true,
    getPosition: (dot) => dot.position,
    getFillColor: [255, 255, 255, 235],
    getLineColor: (dot) => [...dot.colour, 255],
    getRadius: 5,
    radiusUnits: 'pixels',
    stroked: true,
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
  });
}
