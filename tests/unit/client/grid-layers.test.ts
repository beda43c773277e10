import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FillLayerSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import { basemapStyle, MAP_THEMES } from '../../../server/basemap/basemap-style.ts';
import { BAND_COLOURS, NO_DATA_COLOUR } from '../../../server/domain/grade-colours.ts';
import {
  createGridLayers, GRID_HIGHLIGHT_LAYER, GRID_HOVER_LAYER, GRID_LABEL_LAYER, GRID_LABEL_SOURCE, GRID_SELECTION_LAYER, GRID_SHAPE_SOURCE, gridCodeFilter,
} from '../../../client/map/grid-layers.ts';

const emptySource: GeoJSONSourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
const ids = (layers: LayerSpecification[]) => layers.map((layer) => layer.id);

describe('the grids as MapLibre layers', () => {
  it.each(MAP_THEMES)('make a valid style with the %s base map', (theme) => {
    const base = basemapStyle(theme, { kind: 'vector', tiles: '/tiles/{z}/{x}/{y}.pbf', minzoom: 10, maxzoom: 16, bounds: [116.9, 36.5, 117.1, 36.7] });
    const style = { ...base, sources: { ...base.sources, [GRID_SHAPE_SOURCE]: emptySource, [GRID_LABEL_SOURCE]: emptySource }, layers: [...base.layers, ...createGridLayers(theme)] };
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('fill every grid once: a layer per band and kind, in the band\'s colour, blocks beneath strips', () => {
    const layers = createGridLayers('light');
    const fills = layers.filter((layer): layer is FillLayerSpecification => layer.type === 'fill' && layer.id !== GRID_HOVER_LAYER);
    expect(fills).toHaveLength(2 * (BAND_COLOURS.length + 1));
    for (const [band, colour] of [...BAND_COLOURS.entries(), [-1, NO_DATA_COLOUR] as const]) {
      for (const kind of ['block', 'strip']) {
        const matching = fills.filter((layer) => JSON.stringify(layer.filter) === JSON.stringify(['all', ['==', ['get', 'kind'], kind], ['==', ['get', 'band'], band]]));
        expect(matching, `${kind} band ${band}`).toHaveLength(1);
        expect(matching[0]!.paint?.['fill-color']).toBe(`rgb(${colour.join(', ')})`);
      }
    }
    const lastBlock = Math.max(...fills.filter((layer) => layer.id.startsWith('grid-block')).map((layer) => layers.indexOf(layer)));
    const firstStrip = Math.min(...fills.filter((layer) => layer.id.startsWith('grid-strip')).map((layer) => layers.indexOf(layer)));
    expect(lastBlock).toBeLessThan(firstStrip);
  });

  it('take no paint value from the data, so the map compiles no GL program the base map does not', () => {
    for (const theme of MAP_THEMES) {
      for (const layer of createGridLayers(theme)) expect(JSON.stringify('paint' in layer ? layer.paint : {}), layer.id).not.toContain('"get"');
    }
  });

  it('draw the outlines and the selection over the fills, and the strips\' labels over the blocks\' so they are placed first', () => {
    const order = ids(createGridLayers('dark'));
    expect(order.indexOf(GRID_SELECTION_LAYER)).toBeGreaterThan(order.indexOf(GRID_HIGHLIGHT_LAYER));
    expect(order.indexOf(GRID_HIGHLIGHT_LAYER)).toBeGreaterThan(order.indexOf('grid-strip-outlines'));
    expect(order.slice(-2)).toEqual([GRID_LABEL_LAYER, 'grid-strip-labels']);
  });

  it('start with no grid outlined, and outline exactly the codes given', () => {
    const filtered = createGridLayers('light').filter((layer) => [GRID_HOVER_LAYER, GRID_HIGHLIGHT_LAYER, GRID_SELECTION_LAYER].includes(layer.id));
    expect(filtered.map((layer) => 'filter' in layer && layer.filter)).toEqual([gridCodeFilter([]), gridCodeFilter([]), gridCodeFilter([])]);
    expect(gridCodeFilter(['B01', 'S02'])).toEqual(['in', ['get', 'code'], ['literal', ['B01', 'S02']]]);
  });
});
