import type { StyleSpecification } from 'maplibre-gl';

/**
 * The base map: the demo district's own layers (water, parks, roads) served by our server.
 * No glyphs, sprites or tiles come from anywhere else; labels are drawn by deck.gl from local fonts.
 */
export type MapTheme = 'light' | 'dark';

const PALETTES = {
  light: { background: '#eef1f5', water: '#a9cbe8', park: '#cfe6c4', primary: '#ffffff', primaryCasing: '#c2c8d0', secondary: '#fbfbf6', branch: '#ffffff' },
  dark: { background: '#0b1526', water: '#16365c', park: '#143326', primary: '#3a4c6b', primaryCasing: '#1b2940', secondary: '#2c3a55', branch: '#23304a' },
} as const;

export function basemapStyle(theme: MapTheme, origin: string): StyleSpecification {
  const palette = PALETTES[theme];
  const layer = (name: string) => ({ type: 'geojson' as const, data: `${origin}/basemap/${name}.geojson` });
  return {
    version: 8,
    sources: { water: layer('water'), parks: layer('parks'), roads: layer('roads') },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      { id: 'parks', type: 'fill', source: 'parks', paint: { 'fill-color': palette.park } },
      { id: 'water', type: 'fill', source: 'water', paint: { 'fill-color': palette.water } },
      {
        id: 'roads-branch', type: 'line', source: 'roads', filter: ['==', ['get', 'class'], 'branch'],
        paint: { 'line-color': palette.branch, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 16, 6] },
      },
      {
        id: 'roads-primary-casing', type: 'line', source: 'roads', filter: ['!=', ['get', 'class'], 'branch'],
        paint: { 'line-color': palette.primaryCasing, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 16, 16] },
      },
      {
        id: 'roads-primary', type: 'line', source: 'roads', filter: ['!=', ['get', 'class'], 'branch'],
        paint: { 'line-color': ['match', ['get', 'class'], 'primary', palette.primary, palette.secondary], 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 16, 13] },
      },
    ],
  };
}
