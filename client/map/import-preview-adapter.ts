import './maplibre-worker.ts';
import { Map as MapLibreMap, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { credentialHeaders } from '../api/session.ts';
import type { ImportFinding } from '../../server/schemas/contract.ts';

type Polygons = FeatureCollection<Polygon | MultiPolygon>;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Where each finding is, as points coloured by severity. */
export function findingPoints(findings: readonly ImportFinding[]): FeatureCollection<Point, { code: string; severity: string }> {
  return {
    type: 'FeatureCollection',
    features: findings.filter((finding) => finding.at).map((finding) => ({
      type: 'Feature', properties: { code: finding.code, severity: finding.severity }, geometry: { type: 'Point', coordinates: finding.at! },
    })),
  };
}

/**
 * The import page's map: the grids in force in grey, a dry run's grids over them in blue, and its
 * findings as red (error) or amber (warning) dots. It owns its MapLibre map; the page pushes
 * data in, and a setter given what it already holds does nothing.
 */
export class ImportPreviewAdapter {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;
  private current: Polygons | null = null;
  private proposed: Polygons | null = null;
  private findings: readonly ImportFinding[] = [];
  private boundaryDrawing: TerraDraw | null = null;

  constructor(container: HTMLElement) {
    this.map = new MapLibreMap({
      container,
      style: `${window.location.origin}/tiles/style/light.json`,
      transformRequest: (url) => ({ url: new URL(url, window.location.origin).href, headers: credentialHeaders('GET') }),
      center: [116.4, 39.9],
      zoom: 4,
      attributionControl: false,
      dragRotate: false,
    });
    this.loaded = new Promise((resolve) => this.map.once('load', () => {
      for (const source of ['current-grids', 'proposed-grids', 'findings']) this.map.addSource(source, { type: 'geojson', data: EMPTY });
      this.map.addLayer({ id: 'current-grids-fill', type: 'fill', source: 'current-grids', paint: { 'fill-color': '#9aa3ad', 'fill-opacity': 0.25 } });
      this.map.addLayer({ id: 'current-grids-line', type: 'line', source: 'current-grids', paint: { 'line-color': '#6b7480', 'line-width': 1 } });
      this.map.addLayer({ id: 'proposed-grids-fill', type: 'fill', source: 'proposed-grids', paint: { 'fill-color': '#1f6feb', 'fill-opacity': 0.18 } });
      this.map.addLayer({ id: 'proposed-grids-line', type: 'line', source: 'proposed-grids', paint: { 'line-color': '#1f6feb', 'line-width': 2 } });
      this.map.addLayer({
        id: 'findings', type: 'circle', source: 'findings',
        paint: {
          'circle-radius': 8, 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff',
          'circle-color': ['match', ['get', 'severity'], 'error', '#d1242f', '#bf8700'],
        },
      });
      container.dataset.ready = 'true';
      resolve();
    }));
  }

  setCurrentGrids(grids: Polygons): void {
    if (grids === this.current) return;
    this.current = grids;
    void this.draw('current-grids', grids, !this.proposed);
  }

  setProposedGrids(grids: Polygons | null): void {
    if (grids === this.proposed) return;
    this.proposed = grids;
    void this.draw('proposed-grids', grids ?? EMPTY, grids !== null);
  }

  setFindings(findings: readonly ImportFinding[]): void {
    if (findings === this.findings) return;
    this.findings = findings;
    void this.draw('findings', findingPoints(findings), false);
  }

  /** Brings a finding's place into view. */
  show(position: readonly number[]): void {
    this.map.flyTo({ center: [position[0]!, position[1]!], zoom: 16 });
  }

  /**
   * Puts one grid's boundary under terra-draw's select mode (vertices dragged, midpoints dragged
   * to add one, a right-click removes one), framed; each edit finished hands the new boundary
   * back. Null ends the editing.
   */
  async editBoundary(grid: { code: string; geometry: Polygon } | null, onEdited: (geometry: Polygon) => void): Promise<void> {
    await this.loaded;
    const container = this.map.getContainer();
    this.boundaryDrawing?.stop();
    this.boundaryDrawing = null;
    delete container.dataset.editing;
    delete container.dataset.firstVertex;
    if (!grid) return;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode(),
        new TerraDrawSelectMode({ flags: { polygon: { feature: { coordinates: { draggable: true, midpoints: true, deletable: true } } } } }),
      ],
    });
    draw.start();
    const id = draw.getFeatureId();
    const [validation] = draw.addFeatures([{ id, type: 'Feature', geometry: grid.geometry, properties: { mode: 'polygon' } }]);
    if (!validation?.valid) {
      draw.stop();
      container.dataset.editing = `refused: ${validation?.reason ?? 'unknown'}`;
      return;
    }
    draw.setMode('select');
    draw.selectFeature(id);
    draw.on('finish', (finished) => {
      if (finished !== id) return;
      const feature = draw.getSnapshotFeature(id);
      if (feature?.geometry.type === 'Polygon') {
        container.dataset.edits = String(Number(container.dataset.edits ?? 0) + 1);
        onEdited(feature.geometry);
      }
    });
    this.boundaryDrawing = draw;
    this.map.fitBounds(bbox(grid.geometry) as LngLatBoundsLike, { padding: 80, duration: 0 });
    // Where the boundary's first vertex is on screen, for a test to take hold of it.
    const vertex = this.map.project(grid.geometry.coordinates[0]![0] as [number, number]);
    container.dataset.firstVertex = `${Math.round(vertex.x)},${Math.round(vertex.y)}`;
    container.dataset.editing = grid.code;
  }

  destroy(): void {
    this.boundaryDrawing?.stop();
    this.map.remove();
  }

  private async draw(source: string, data: FeatureCollection, frame: boolean): Promise<void> {
    await this.loaded;
    const container = this.map.getContainer();
    // Whether what was given has been drawn, for a test (or a screenshot) to wait on.
    container.dataset.idle = 'false';
    this.map.once('idle', () => { container.dataset.idle = 'true'; });
    (this.map.getSource(source) as GeoJSONSource).setData(data);
    container.dataset[source === 'proposed-grids' ? 'proposedGrids' : source === 'current-grids' ? 'currentGrids' : 'findings'] = String(data.features.length);
    if (frame && data.features.length > 0) this.map.fitBounds(bbox(data) as LngLatBoundsLike, { padding: 40, duration: 0 });
  }
}
