import { Map as MapLibreMap, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { bbox } from '@turf/turf';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GridCollection } from '../api/client.ts';
import { basemapStyle, type MapTheme } from './basemap-style.ts';
import { shapeGridLayerData, type GridLayerData, type GridPolygon } from './grid-layer-data.ts';
import { createGridLayers } from './grid-layers.ts';

setWorkerUrl(workerUrl);

export interface MapAdapterOptions {
  theme: MapTheme;
  onGridClick?: (code: string | null) => void;
}

/** Where a view change came from: only the app's own changes move the camera. */
export type ChangeSource = 'user' | 'app';

/**
 * Owns the MapLibre map and its deck.gl overlay. React pushes state in through the setters;
 * a setter given what it already has does nothing, so re-renders never rebuild layers.
 */
export class MapAdapter {
  private readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private grids: GridCollection | null = null;
  private layerData: GridLayerData | null = null;
  private selectedCode: string | null = null;

  constructor(private readonly container: HTMLElement, private readonly options: MapAdapterOptions) {
    this.map = new MapLibreMap({
      container,
      style: basemapStyle(options.theme, window.location.origin),
      center: [117.0, 36.61],
      zoom: 12,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onClick: (info) => {
        const polygon = info.object as GridPolygon | undefined;
        options.onGridClick?.(polygon?.code ?? null);
      },
      onAfterRender: () => {
        // Lets people and tests see how many grids are on screen.
        container.dataset.renderedGrids = String((this.layerData?.blocks.length ?? 0) + (this.layerData?.strips.length ?? 0));
      },
    });
    this.map.addControl(this.overlay);
    this.map.on('load', () => {
      container.dataset.mapLoaded = 'true';
    });
  }

  setGrids(grids: GridCollection): void {
    if (grids === this.grids) return;
    const firstData = this.grids === null;
    this.grids = grids;
    this.layerData = shapeGridLayerData(grids);
    this.render();
    if (firstData) this.frame(bbox(grids) as [number, number, number, number]);
  }

  setSelectedGrid(code: string | null, source: ChangeSource): void {
    if (code === this.selectedCode) return;
    this.selectedCode = code;
    this.container.dataset.selectedGrid = code ?? '';
    this.render();
    const feature = this.grids?.features.find((f) => f.properties.code === code);
    if (feature && source === 'app') this.frame(bbox(feature) as [number, number, number, number]);
  }

  destroy(): void {
    this.map.removeControl(this.overlay);
    this.map.remove();
  }

  private frame(bounds: [number, number, number, number]): void {
    this.map.fitBounds(bounds as LngLatBoundsLike, { padding: 80, duration: 600 });
  }

  private render(): void {
    if (!this.layerData) return;
    this.overlay.setProps({ layers: createGridLayers(this.layerData, this.selectedCode, this.options.theme) });
  }
}
