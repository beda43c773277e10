import type { StyleSpecification } from 'maplibre-gl';

/**
 * The base map's MapLibre style, served by our server so it alone decides where tiles come from:
 * the district's vector tiles (MBTiles or PMTiles), or a site's own raster tile service passed
 * through our server. Dark for the big screen, light for desks. There is no glyph server: with no
 * `glyphs` in the style, MapLibre draws labels with the browser's own fonts (the `text-font` list
 * is a CSS font stack), so Chinese road and place names need nothing from outside.
 */
export const MAP_THEMES = ['light', 'dark'] as const;
export type MapTheme = (typeof MAP_THEMES)[number];

/** Where the base map's tiles come from, as URLs on our own server. */
export type BasemapSource =
  | { kind: 'vector'; tiles: string; minzoom: number; maxzoom: number; bounds: number[] }
  | { kind: 'raster'; tiles: string }
  | { kind: 'none' };

const PALETTES = {
  light: {
    background: '#eef1f5', water: '#a9cbe8', park: '#cfe6c4', block: '#e6e9ee', primary: '#ffffff', primaryCasing: '#c2c8d0',
    secondary: '#fbfbf6', branch: '#ffffff', roadText: '#4a5566', roadHalo: '#ffffff', placeText: '#2f3a4a', waterText: '#3d6f9e',
  },
  dark: {
    background: '#0b1526', water: '#16365c', park: '#143326', block: '#0f1c31', primary: '#3a4c6b', primaryCasing: '#1b2940',
    secondary: '#2c3a55', branch: '#23304a', roadText: '#9fb1cc', roadHalo: '#0b1526', placeText: '#c9d6ea', waterText: '#7fb0e0',
  },
} as const;

/** Local fonts, Chinese first; the browser picks the first it has. Base map and grid labels share them. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const BASEMAP_SOURCE = 'district';

export function basemapStyle(theme: MapTheme, basemap: BasemapSource): StyleSpecification {
  const palette = PALETTES[theme];
  const background = { id: 'background', type: 'background', paint: { 'background-color': palette.background } } as const;
  if (basemap.kind === 'none') return { version: 8, sources: {}, layers: [background] };
  if (basemap.kind === 'raster') {
    return {
      version: 8,
      sources: { [BASEMAP_SOURCE]: { type: 'raster', tiles: [basemap.tiles], tileSize: 256 } },
      layers: [
        background,
        // A site's raster map is drawn for daylight; on the big screen it is dimmed and greyed to sit under the grids.
        {
          id: 'raster', type: 'raster', source: BASEMAP_SOURCE,
          paint: theme === 'dark' ? { 'raster-brightness-max': 0.35, 'raster-saturation': -0.7, 'raster-contrast': 0.1 } : { 'raster-saturation': -0.3 },
        },
      ],
    };
  }
  const source = { source: BASEMAP_SOURCE };
  const roadWidth = (low: number, high: number) => ['interpolate', ['linear'], ['zoom'], 12, low, 16, high] as unknown as number;
  return {
    version: 8,
    sources: { [BASEMAP_SOURCE]: { type: 'vector', tiles: [basemap.tiles], minzoom: basemap.minzoom, maxzoom: basemap.maxzoom, bounds: basemap.bounds as [number, number, number, number] } },
    layers: [
      background,
      { id: 'blocks', type: 'fill', ...source, 'source-layer': 'blocks', paint: { 'fill-color': palette.block } },
      { id: 'parks', type: 'fill', ...source, 'source-layer': 'parks', paint: { 'fill-color': palette.park } },
      { id: 'water', type: 'fill', ...source, 'source-layer': 'water', paint: { 'fill-color': palette.water } },
      {
        id: 'roads-branch', type: 'line', ...source, 'source-layer': 'roads', filter: ['==', ['get', 'class'], 'branch'],
        paint: { 'line-color': palette.branch, 'line-width': roadWidth(1, 6) },
      },
      {
        id: 'roads-primary-casing', type: 'line', ...source, 'source-layer': 'roads', filter: ['!=', ['get', 'class'], 'branch'],
        paint: { 'line-color': palette.primaryCasing, 'line-width': roadWidth(3.5, 16) },
      },
      {
        id: 'roads-primary', type: 'line', ...source, 'source-layer': 'roads', filter: ['!=', ['get', 'class'], 'branch'],
        paint: { 'line-color': ['match', ['get', 'class'], 'primary', palette.primary, palette.secondary], 'line-width': roadWidth(2.5, 13) },
      },
      {
        id: 'road-labels', type: 'symbol', ...source, 'source-layer': 'roads',
        filter: ['any', ['!=', ['get', 'class'], 'branch'], ['>=', ['zoom'], 15]],
        layout: {
          'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 16, 15], 'symbol-spacing': 320, 'text-max-angle': 30,
        },
        paint: { 'text-color': palette.roadText, 'text-halo-color': palette.roadHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'water-labels', type: 'symbol', ...source, 'source-layer': 'water',
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONTS, 'text-size': 13, 'symbol-placement': 'point' },
        paint: { 'text-color': palette.waterText, 'text-halo-color': palette.roadHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'place-labels', type: 'symbol', ...source, 'source-layer': 'places', minzoom: 15,
        filter: ['!', ['in', ['get', 'class'], ['literal', ['district', 'street_office']]]],
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONTS, 'text-size': 12, 'text-optional': true },
        paint: { 'text-color': palette.placeText, 'text-halo-color': palette.roadHalo, 'text-halo-width': 1.5 },
      },
    ],
  };
}
