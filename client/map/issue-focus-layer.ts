import { ScatterplotLayer } from '@deck.gl/layers';

/** The problem being looked at or pointed to in a list: a ringed dot where it is. */
export function createIssueFocusLayer(position: [number, number] | null) {
  return new ScatterplotLayer<[number, number]>({
    id: 'issue-focus',
    data: position ? [position] : [],
    getPosition: (point) => point,
    getRadius: 9,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: [229, 57, 53, 230],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  });
}
