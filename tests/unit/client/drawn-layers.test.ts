import { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { layersWithSomethingToDraw } from '../../../client/map/drawn-layers.ts';

const positions = new Float32Array([117, 36.6, 0]);

describe('layers with something to draw', () => {
  it('keeps visible layers with items, in their order', () => {
    const layers = [
      new ScatterplotLayer({ id: 'array', data: [[117, 36.6]] }),
      new ScatterplotLayer({ id: 'binary', data: { length: 1, attributes: { getPosition: { value: positions, size: 3 } } } }),
    ];
    expect(layersWithSomethingToDraw(layers).map((layer) => layer.id)).toEqual(['array', 'binary']);
  });

  it('leaves out hidden layers and layers with no items, arrays or binary columns', () => {
    const layers = [
      new ScatterplotLayer({ id: 'hidden', data: [[117, 36.6]], visible: false }),
      new ScatterplotLayer({ id: 'empty', data: [] }),
      new ScatterplotLayer({ id: 'empty-binary', data: { length: 0, attributes: { getPosition: { value: new Float32Array(), size: 3 } } } }),
      new ScatterplotLayer({ id: 'kept', data: [[117, 36.6]] }),
    ];
    expect(layersWithSomethingToDraw(layers).map((layer) => layer.id)).toEqual(['kept']);
  });

});
