import type { ExpressionSpecification, FilterSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONTS, type MapTheme } from '../../server/basemap/basemap-style.ts';
import { bandColour, MAP_BANDS } from './grid-metric.ts';
import type { GridSourceData } from './grid-layer-data.ts';

/**
 * The grids as MapLibre's own layers, drawn with the GL programs the base map compiles anyway. On
 * a wall PC's software WebGL every new program costs a tenth of a second or more (deck.gl's took
 * longer than the whole base map). So no paint value comes from the data, which would make
 * MapLibre compile a variant: a fill layer per band, a label layer per kind. Stable ids; data goes
 * in through the two sources, and the outlines that follow a choice through filters.
 */

export const GRID_SHAPE_SOURCE = 'grid-shapes';
export const GRID_LABEL_SOURCE = 'grid-labels';
/** The lower of the label layers: problem layers go beneath it, so no dot hides a grid's name. */
export const GRID_LABEL_LAYER = 'grid-block-labels';

export const GRID_HOVER_LAYER = 'grid-hover';
export const GRID_HIGHLIGHT_LAYER = 'grid-highlight';
export const GRID_SELECTION_LAYER = 'grid-selection';

const SELECTED_COLOUR = 'rgb(21, 101, 192)';
const HIGHLIGHT_COLOUR = 'rgb(106, 27, 154)';

/** Only the grids whose codes are given (none for an empty list). */
export function gridCodeFilter(codes: readonly string[]): FilterSpecification {
  return ['in', ['get', 'code'], ['literal', [...codes]]];
}

type Kind = 'block' | 'strip';
const ofKind = (kind: Kind): ExpressionSpecification => ['==', ['get', 'kind'], kind];

function fills(kind: Kind): LayerSpecification[] {
  // Corridors are narrow: they need a stronger fill than the blocks to read at a distance.
  const opacity = kind === 'strip' ? 200 / 255 : 110 / 255;
  return MAP_BANDS.map((band): LayerSpecification => ({
    id: `grid-${kind}-fills-${band ?? 'none'}`,
    type: 'fill',
    source: GRID_SHAPE_SOURCE,
    filter: ['all', ofKind(kind), ['==', ['get', 'band'], band ?? -1]],
    paint: { 'fill-color': `rgb(${bandColour(band).join(', ')})`, 'fill-opacity': opacity },
  }));
}

function labels(kind: Kind, theme: MapTheme): LayerSpecification {
  const dark = theme === 'dark';
  const colour = kind === 'strip' ? (dark ? 'rgb(255, 196, 120)' : 'rgb(150, 60, 0)') : dark ? 'rgb(235, 240, 255)' : 'rgb(20, 30, 50)';
  return {
    id: kind === 'block' ? GRID_LABEL_LAYER : 'grid-strip-labels',
    type: 'symbol',
    source: GRID_LABEL_SOURCE,
    filter: ofKind(kind),
    layout: {
      'text-field': ['get', 'text'],
      'text-font': LABEL_FONTS,
      'text-size': kind === 'block' ? 14 : 12,
      'text-line-height': 1.1,
      // The texts carry their own line breaks (a north–south corridor's, one character per line).
      'text-max-width': 100,
      'symbol-sort-key': ['get', 'sortKey'],
    },
    paint: { 'text-color': colour, 'text-halo-color': dark ? 'rgba(10, 20, 40, 0.9)' : 'rgba(255, 255, 255, 0.9)', 'text-halo-width': 1.6 },
  };
}

/** The grids' layers in drawing order; the filtered outlines start empty. */
export function createGridLayers(theme: MapTheme): LayerSpecification[] {
  const dark = theme === 'dark';
  const shapes = { source: GRID_SHAPE_SOURCE } as const;
  return [
    ...fills('block'),
    { id: 'grid-block-outlines', type: 'line', ...shapes, filter: ofKind('block'), paint: { 'line-color': dark ? 'rgba(220, 230, 255, 0.78)' : 'rgba(40, 60, 90, 0.78)', 'line-width': 1.2 } },
    ...fills('strip'),
    { id: 'grid-strip-outlines', type: 'line', ...shapes, filter: ofKind('strip'), paint: { 'line-color': dark ? 'rgba(255, 255, 255, 0.86)' : '#ffffff', 'line-width': 1 } },
    // The grid under the pointer, lightened.
    { id: GRID_HOVER_LAYER, type: 'fill', ...shapes, filter: gridCodeFilter([]), paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.3 } },
    // A leader's grids, outlined so they stand out from the rest however they are coloured.
    { id: GRID_HIGHLIGHT_LAYER, type: 'line', ...shapes, filter: gridCodeFilter([]), paint: { 'line-color': HIGHLIGHT_COLOUR, 'line-width': 3 } },
    // The selection is drawn on top: a block's edges run along road centre lines, under the strips.
    { id: GRID_SELECTION_LAYER, type: 'line', ...shapes, filter: gridCodeFilter([]), paint: { 'line-color': SELECTED_COLOUR, 'line-width': 4 } },
    // A district of many small grids (a city's 社区) cannot name them all at district zoom: a label
    // that would overlap one placed before it waits until the map is zoomed in. The upper layer's
    // labels are placed first, so strips (few, long) before blocks, larger blocks first (their sort
    // key), and grid names before the base map's road names.
    labels('block', theme),
    labels('strip', theme),
  ];
}

/**
 * Gives a loaded map the grids' two sources, made with their data (made empty and filled a moment
 * later, MapLibre's worker would index and tile them twice), and their layers.
 */
export function addGridLayers(map: MapLibreMap, theme: MapTheme, data: GridSourceData): void {
  map.addSource(GRID_SHAPE_SOURCE, { type: 'geojson', data: data.shapes });
  map.addSource(GRID_LABEL_SOURCE, { type: 'geojson', data: data.labels });
  for (const layer of createGridLayers(theme)) map.addLayer(layer);
}
