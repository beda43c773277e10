import { ScatterplotLayer } from '@deck.gl/layers';
import type { InspectionPointDot } from './inspection-point-layer-data.ts';

/** Inspection points as small ringed dots, drawn over the grids and under the focused problem. */
export function createInspectionPointLayer(dots: readonly InspectionPointDot[], visible: boolean) {
  return new ScatterplotLayer<InspectionPointDot>({
    id: 'inspection-points',
    data: dots,
    visible,
    getPosition: (dot) => dot.position,
    getFillColor: (dot) => [...dot.colour, 235],
    getLineColor: [255, 255, 255, 255],
    getRadius: 5,
    radiusUnits: 'pixels',
    stroked: true,
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
  });
}
