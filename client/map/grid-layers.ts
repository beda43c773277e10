import { PolygonLayer, TextLayer } from '@deck.gl/layers';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import type { Color } from '@deck.gl/core';
import type { GridLabel, GridLayerData, GridPolygon } from './grid-layer-data.ts';
import { LABEL_FONTS, type MapTheme } from '../../server/basemap/basemap-style.ts';

/** deck.gl layers for the grids: stable ids, and update triggers for what changes their look. */

const SELECTED_COLOUR: Color = [21, 101, 192];
const HIGHLIGHT_COLOUR: Color = [106, 27, 154];

/** The label fonts as a CSS font-family list, generic family unquoted. */
const LABEL_FONT_FAMILY = LABEL_FONTS.map((font) => (font === 'sans-serif' ? font : `"${font}"`)).join(', ');

/**
 * The grids' shapes and, apart, their labels, so other layers can go between them and never hide
 * a grid's name. The selection layer's data changes with the selection; the others only with the
 * grids or theme.
 */
export function createGridLayers(data: GridLayerData, selectedCode: string | null, highlightedCodes: readonly string[], theme: MapTheme) {
  // Corridors are narrow: they need a stronger fill than the blocks to read at a distance.
  const fill = (polygon: GridPolygon): Color => [...polygon.colour, polygon.kind === 'strip' ? 200 : 110];
  const shapes = [
    new PolygonLayer<GridPolygon>({
      id: 'grid-blocks',
      data: data.blocks,
      getPolygon: (polygon) => polygon.polygon,
      getFillColor: fill,
      getLineColor: theme === 'dark' ? [220, 230, 255, 200] : [40, 60, 90, 200],
      getLineWidth: 1.2,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 60],
    }),
    new PolygonLayer<GridPolygon>({
      id: 'grid-strips',
      data: data.strips,
      getPolygon: (polygon) => polygon.polygon,
      getFillColor: fill,
      getLineColor: theme === 'dark' ? [255, 255, 255, 220] : [255, 255, 255, 255],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
    }),
    // A leader's grids, outlined so they stand out from the rest however they are coloured.
    new PolygonLayer<GridPolygon>({
      id: 'grid-highlight',
      data: [...data.blocks, ...data.strips].filter((polygon) => highlightedCodes.includes(polygon.code)),
      getPolygon: (polygon) => polygon.polygon,
      filled: false,
      getLineColor: HIGHLIGHT_COLOUR,
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
    }),
    // The selection is drawn on top: a block's edges run along road centre lines, under the strips.
    new PolygonLayer<GridPolygon>({
      id: 'grid-selection',
      data: [...data.blocks, ...data.strips].filter((polygon) => polygon.code === selectedCode),
      getPolygon: (polygon) => polygon.polygon,
      filled: false,
      getLineColor: SELECTED_COLOUR,
      getLineWidth: 4,
      lineWidthUnits: 'pixels',
    }),
  ];
  // A district of many small grids (a city's 社区) cannot name them all at district zoom: a label
  // that would overlap a higher one waits until the map is zoomed in. deck.gl hides a label whose
  // anchor a higher one's footprint covers; a footprint twice the label's size reaches the anchor
  // of any label it would touch (anchors of two overlapping labels are less than a width apart).
  const labels = new TextLayer<GridLabel, CollisionFilterExtensionProps<GridLabel>>({
    id: 'grid-labels',
    extensions: [new CollisionFilterExtension()],
    collisionEnabled: true,
    getCollisionPriority: (label) => label.priority,
    collisionTestProps: { sizeScale: 2 },
    data: data.labels,
    getPosition: (label) => label.position as [number, number],
    getText: (label) => label.text,
    getSize: (label) => (label.kind === 'block' ? 14 : 12),
    getColor: (label) => (label.kind === 'strip' ? (theme === 'dark' ? [255, 196, 120, 255] : [150, 60, 0, 255]) : theme === 'dark' ? [235, 240, 255, 255] : [20, 30, 50, 255]),
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    lineHeight: 1.1,
    outlineWidth: 3,
    outlineColor: theme === 'dark' ? [10, 20, 40, 230] : [255, 255, 255, 230],
    fontSettings: { sdf: true },
    updateTriggers: { getColor: [theme] },
  });
  return { shapes, labels };
}
