import { ScatterplotLayer } from '@deck.gl/layers';
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { DENSITY_COLOURS, type IssueLayerData, type IssueLayerMode } from './issue-layer-data.ts';

/**
 * The problems as dots coloured by state when zoomed in, as hexagons shaded by how many problems
 * fall in each when zoomed out. Both take the binary columns as they came from the server.
 */

/** The hexagon's radius in metres: about a block face, so a cluster on one street reads as one cell. */
export const DENSITY_RADIUS_METRES = 150;

/**
 * The hexagons count every problem; the dots may be given only those near the view. Both go
 * beneath the map's layer `beforeId` (the grids' labels).
 */
export function createIssueLayers(data: IssueLayerData, dots: IssueLayerData, mode: IssueLayerMode, visible: boolean, beforeId?: string) {
  return [
    new HexagonLayer({
      id: 'issue-density',
      beforeId,
      data,
      visible: visible && mode === 'density',
      radius: DENSITY_RADIUS_METRES,
      coverage: 0.92,
      colorRange: DENSITY_COLOURS,
      colorScaleType: 'quantize',
      opacity: 0.7,
      // Counting on the CPU keeps the counts identical on every GPU, SwiftShader included.
      gpuAggregation: false,
    }),
    new ScatterplotLayer({
      id: 'issue-points',
      beforeId,
      data: dots,
      visible: visible && mode === 'points',
      getRadius: 5,
      radiusUnits: 'pixels',
      radiusMinPixels: 3,
      stroked: true,
      getLineColor: [255, 255, 255, 200],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
    }),
  ];
}
