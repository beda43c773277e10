import type { Layer } from '@deck.gl/core';

/**
 * The layers worth handing to deck.gl. A layer kept hidden or empty still compiles its shaders
 * when it is created, which on software WebGL costs a fraction of a second each as the map starts;
 * a map with its problems or inspection points switched off would pay for layers it never shows.
 * Only for layers given their data in-line: deck.gl shows a URL's data as empty until it loads.
 */
export function layersWithSomethingToDraw(layers: readonly Layer[]): Layer[] {
  return layers.filter((layer) => layer.props.visible && itemCount(layer.props.data) > 0);
}

/** Arrays and binary columns (`{ length, attributes }`) say how many items they hold; other iterables are kept. */
function itemCount(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  if (typeof data === 'object' && data !== null && 'length' in data && typeof data.length === 'number') return data.length;
  return 1;
}
