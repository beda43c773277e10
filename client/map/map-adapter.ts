import './maplibre-worker.ts';
import { Map as MapLibreMap, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { GridCollection } from '../../server/schemas/contract.ts';
import type { MapTheme } from '../../server/basemap/basemap-style.ts';
import { createGridLookup, type GridLookup } from '../../server/domain/grid-lookup.ts';
import { gridSourceData, shapeGridLayerData, type GridLayerData, type GridSourceData } from './grid-layer-data.ts';
import type { GridMetric } from './grid-metric.ts';
import {
  addGridLayers, GRID_HIGHLIGHT_LAYER, GRID_HOVER_LAYER, GRID_LABEL_SOURCE, GRID_SELECTION_LAYER, GRID_SHAPE_SOURCE, gridCodeFilter,
} from './grid-layers.ts';
import { deckHasSomethingToDraw, type DeckLayerState } from './deck-layer-state.ts';
import type { DeckOverlay } from './deck-overlay.ts';
import { shapeInspectionPoints, type InspectionPointDot } from './inspection-point-layer-data.ts';
import type { InspectionPointSummary } from '../../server/schemas/contract.ts';
import type { IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import {
  DOTS_NEAR_VIEW_ABOVE, issueLayerMode, NO_ISSUE_POSITIONS, NO_ISSUES, shapeIssueLayerData, subsetIssueLayerData, type IssueLayerData, type IssueLayerMode,
} from './issue-layer-data.ts';
import { createIssueIndex, type IssueIndex } from './issue-index.ts';
import { issuesInBox, issuesInLasso, selectedIssuePositions, type LngLat } from './issue-selection.ts';
import { attachSelectionGestures, type SelectionShape } from './selection-gestures.ts';
import { credentialHeaders } from '../api/session.ts';

/** How long deck.gl's layers wait for the base map before they are drawn without it. */
const OVERLAY_AT_THE_LATEST_MS = 4000;

export interface MapAdapterOptions {
  theme: MapTheme;
  onGridClick?: (code: string | null) => void;
  /** A click on a problem's dot; without it such clicks select the grid beneath. */
  onIssueClick?: (id: number) => void;
  /** The tooltip text of an inspection point under the pointer. */
  describeInspectionPoint?: (point: InspectionPointSummary) => string;
  /** Turns on selecting problems by click, Shift+drag box and Alt+drag lasso (the dispatcher's map). */
  onSelectIssues?: (ids: number[], extend: boolean) => void;
  /** Draws a dot per problem at every zoom instead of density when zoomed out. */
  issueDotsAtEveryZoom?: boolean;
  /** Called once, when the map has first drawn everything it had to load. */
  onDrawn?: () => void;
}

/** How near a click must land to a problem's dot to mean it, in pixels. */
const ISSUE_CLICK_TOLERANCE = 8;

const NO_GRIDS: GridSourceData = { shapes: { type: 'FeatureCollection', features: [] }, labels: { type: 'FeatureCollection', features: [] } };

/** Where a view change came from: only the app's own changes move the camera. */
export type ChangeSource = 'user' | 'app';

/**
 * Owns the MapLibre map, its grid layers and its deck.gl overlay. React pushes state in through
 * the setters; a setter given what it already has does nothing, so re-renders never rebuild layers.
 */
export class MapAdapter {
  private readonly map: MapLibreMap;
  /** deck.gl, once something has needed it (see `deckHasSomethingToDraw`). */
  private deck: DeckOverlay | null = null;
  private deckRequested = false;
  private destroyed = false;
  /** The grids' sources and layers are in the style (they can only go in once it has loaded). */
  private gridLayersAdded = false;
  /** The base map has drawn, or had its time: deck.gl may compile its shaders now. */
  private overlayDue = false;
  private hoveredCode: string | null = null;
  private grids: GridCollection | null = null;
  private layerData: GridLayerData | null = null;
  /** Each grid's band as drawn, `code:band` (`-` for no data), for people and tests to read. */
  private drawnBands = '';
  private selectedCode: string | null = null;
  private highlightedCodes: readonly string[] = [];
  private focusedIssue: [number, number] | null = null;
  private inspectionPoints: readonly InspectionPointSummary[] | null = null;
  private inspectionPointDots: InspectionPointDot[] = [];
  private showInspectionPoints = true;
  private issuePositions: IssuePositions | null = null;
  private issueLayerData: IssueLayerData = NO_ISSUES;
  private showIssues = true;
  private issueMode: IssueLayerMode;
  private issueIndex: IssueIndex = createIssueIndex(NO_ISSUE_POSITIONS);
  /** The dots drawn: every problem, or with many, those near the view. */
  private issueDots: IssueLayerData = NO_ISSUES;
  private metric: GridMetric = 'composite';
  private gridAt: GridLookup = () => null;
  private selectedIssues: ReadonlySet<number> = new Set();
  private selectedIssueRings: LngLat[] = [];
  private selectionShape: SelectionShape | null = null;
  private detachGestures: () => void = () => {};
  private overlayDeadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly container: HTMLElement, private readonly options: MapAdapterOptions) {
    this.map = new MapLibreMap({
      container,
      // The server decides where base-map tiles come from (its vector tiles or a site's raster service).
      style: `${window.location.origin}/tiles/style/${options.theme}.json`,
      // Its style names them by path on this server (never by a Host header a client could forge);
      // MapLibre's worker needs them whole.
      // A big screen signs its base-map requests with its device token, as its API calls are; an account's cookie goes by itself.
      transformRequest: (url) => ({ url: new URL(url, window.location.origin).href, headers: credentialHeaders('GET') }),
      center: [117.0, 36.61],
      zoom: 12,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    this.issueMode = this.modeAt(this.map.getZoom());
    container.dataset.issueLayerMode = this.issueMode;
    this.map.on('style.load', () => {
      // With the grids if they have arrived, which they have on the wall.
      addGridLayers(this.map, options.theme, this.layerData ? gridSourceData(this.layerData) : NO_GRIDS);
      this.gridLayersAdded = true;
      this.drawGridOutlines();
      this.addOverlayWhenDue();
    });
    // Lets people and tests see how many grids are drawn (every grid has exactly one label), and in
    // which band each is coloured, once MapLibre has the grids' data ready to draw.
    this.map.on('render', () => {
      if (!this.gridLayersAdded || !this.map.isSourceLoaded(GRID_LABEL_SOURCE)) return;
      const drawn = String(this.layerData?.labels.length ?? 0);
      if (container.dataset.renderedGrids !== drawn) container.dataset.renderedGrids = drawn;
      if (container.dataset.gridBands !== this.drawnBands) container.dataset.gridBands = this.drawnBands;
    });
    // deck.gl compiles its shaders on the map's own GL context: compiled while MapLibre compiles its
    // own, each waits on the other. So the overlay joins once the base map has drawn, or at the
    // latest after a few seconds, so that problems show even when the base map cannot load.
    this.overlayDeadline = setTimeout(this.overlayIsDue, OVERLAY_AT_THE_LATEST_MS);
    // The grid under the pointer is lightened; found as a click finds it.
    this.map.on('mousemove', (event) => this.setHoveredGrid(this.gridAt(event.lngLat.lng, event.lngLat.lat)));
    this.map.on('mouseout', () => this.setHoveredGrid(null));
    // Clicks resolve through the same lookup the server files problems with (strips over blocks),
    // not GPU picking, so what a click selects never depends on the last frame drawn.
    this.map.on('click', (event) => {
      // With Shift or Alt the click was a selection gesture, handled there.
      if (event.originalEvent.shiftKey || event.originalEvent.altKey) return;
      const issue = this.issueAt(event.point.x, event.point.y);
      if (issue !== null && options.onSelectIssues) options.onSelectIssues([issue], event.originalEvent.ctrlKey || event.originalEvent.metaKey);
      else if (issue !== null) options.onIssueClick?.(issue);
      else options.onGridClick?.(this.gridAt(event.lngLat.lng, event.lngLat.lat));
    });
    if (options.onSelectIssues) {
      const select = options.onSelectIssues;
      this.detachGestures = attachSelectionGestures(this.map, {
        onDraw: (shape) => {
          this.selectionShape = shape;
          this.render();
        },
        onSelect: (shape, extend) => select(this.issuesTakenIn(shape), extend || this.isClick(shape)),
      });
    }
    // Dots or density by zoom; the layers are rebuilt only when the mode flips, not on every frame.
    this.map.on('zoom', () => {
      const mode = this.modeAt(this.map.getZoom());
      if (mode === this.issueMode) return;
      this.issueMode = mode;
      container.dataset.issueLayerMode = mode;
      this.updateIssueDots();
      this.render();
    });
    this.map.on('moveend', () => {
      if (this.issueLayerData.length <= DOTS_NEAR_VIEW_ABOVE || this.issueMode !== 'points') return;
      this.updateIssueDots();
      this.render();
    });
    this.map.on('load', () => {
      container.dataset.mapLoaded = 'true';
      this.overlayIsDue();
    });
    this.map.once('idle', () => options.onDrawn?.());
    // Marks when the camera has settled, so a click lands where the view says it will.
    this.map.on('movestart', () => {
      container.dataset.mapIdle = 'false';
    });
    this.map.on('idle', () => {
      container.dataset.mapIdle = 'true';
      // How many road names the base map placed, so a test can see the offline labels work.
      container.dataset.roadLabels = String(this.map.getLayer('road-labels') ? this.map.queryRenderedFeatures({ layers: ['road-labels'] }).length : 0);
      // Where the view settled (west,south,east,north), so a test can tell what is framed and aim a click.
      container.dataset.viewBounds = this.map.getBounds().toArray().flat().map((value) => value.toFixed(6)).join(',');
    });
  }

  setGrids(grids: GridCollection): void {
    if (grids === this.grids) return;
    const firstData = this.grids === null;
    this.grids = grids;
    this.setLayerData(shapeGridLayerData(grids, this.metric));
    this.drawGrids();
    this.gridAt = createGridLookup(grids.features.map((feature) => ({ code: feature.properties.code, kind: feature.properties.kind, geometry: feature.geometry })));
    if (!firstData) return;
    // A deep link's grid, or a leader's grids, may have been set before the grids arrived.
    const framed = grids.features.filter((feature) => feature.properties.code === this.selectedCode);
    const fallback = grids.features.filter((feature) => this.highlightedCodes.includes(feature.properties.code));
    const features = framed.length > 0 ? framed : fallback.length > 0 ? fallback : grids.features;
    if (features.length === 0) return;
    // The first framing jumps: nothing has been shown yet that a flight would help follow.
    this.frame(bbox({ type: 'FeatureCollection', features }) as [number, number, number, number], 0);
  }

  private setLayerData(data: GridLayerData): void {
    this.layerData = data;
    const bands = new Map([...data.blocks, ...data.strips].map((polygon) => [polygon.code, polygon.band]));
    this.drawnBands = [...bands].map(([code, band]) => `${code}:${band ?? '-'}`).sort().join(',');
  }

  /**
   * Device pixels per CSS pixel of the map's own layout. The wall lays the map out at its design
   * size and scales it up, so it draws at the wall's full resolution with a ratio above the screen's.
   */
  setPixelRatio(ratio: number): void {
    if (ratio === this.map.getPixelRatio()) return;
    this.map.setPixelRatio(ratio);
  }

  setMetric(metric: GridMetric): void {
    if (metric === this.metric) return;
    this.metric = metric;
    this.container.dataset.metric = metric;
    if (this.grids) this.setLayerData(shapeGridLayerData(this.grids, metric));
    this.drawGrids();
  }

  setInspectionPoints(points: readonly InspectionPointSummary[]): void {
    if (points === this.inspectionPoints) return;
    this.inspectionPoints = points;
    this.inspectionPointDots = shapeInspectionPoints(points);
    this.updateInspectionPointCount();
    this.render();
  }

  setInspectionPointsVisible(visible: boolean): void {
    if (visible === this.showInspectionPoints) return;
    this.showInspectionPoints = visible;
    this.updateInspectionPointCount();
    this.render();
  }

  /** The problems to draw, as the positions endpoint gave them. */
  setIssuePositions(positions: IssuePositions): void {
    if (positions === this.issuePositions) return;
    this.issuePositions = positions;
    this.issueLayerData = shapeIssueLayerData(positions);
    this.issueIndex = createIssueIndex(positions);
    this.selectedIssueRings = selectedIssuePositions(positions, this.selectedIssues);
    this.updateIssueDots();
    this.updateIssueCount();
    this.render();
  }

  setIssuesVisible(visible: boolean): void {
    if (visible === this.showIssues) return;
    this.showIssues = visible;
    this.updateIssueCount();
    this.render();
  }

  /**
   * Every problem's dot, or with many problems and zoomed in, the dots in and around the view (half
   * a view on each side, so a drag shows dots before the next update at its end).
   */
  private updateIssueDots(): void {
    if (this.issueLayerData.length <= DOTS_NEAR_VIEW_ABOVE) {
      this.issueDots = this.issueLayerData;
    } else if (this.issueMode === 'points') {
      const [[west, south], [east, north]] = this.map.getBounds().toArray();
      const [marginX, marginY] = [(east! - west!) / 2, (north! - south!) / 2];
      this.issueDots = subsetIssueLayerData(this.issueLayerData, this.issueIndex.within(west! - marginX, south! - marginY, east! + marginX, north! + marginY));
    } else {
      this.issueDots = NO_ISSUES;
    }
    this.container.dataset.issueDots = String(this.issueDots.length);
  }

  private updateIssueCount(): void {
    this.container.dataset.issues = String(this.showIssues ? this.issueLayerData.length : 0);
  }

  /** How many inspection points are on show, for people and tests. */
  private updateInspectionPointCount(): void {
    this.container.dataset.inspectionPoints = String(this.showInspectionPoints ? this.inspectionPointDots.length : 0);
  }

  /** Points out one problem's place on the map (a hovered or opened problem), or none. */
  setFocusedIssue(position: [number, number] | null): void {
    if (position?.join() === this.focusedIssue?.join()) return;
    this.focusedIssue = position;
    this.container.dataset.focusedIssue = position?.join(',') ?? '';
    this.render();
  }

  /**
   * Outlines a set of grids (a leader's) and, when the app asks, frames them, unless a grid is
   * selected: a leader's link to someone else's grid stays on that grid.
   */
  setHighlightedGrids(codes: readonly string[], source: ChangeSource): void {
    if (codes.join() === this.highlightedCodes.join()) return;
    this.highlightedCodes = codes;
    this.container.dataset.highlightedGrids = codes.join(',');
    this.drawGridOutlines();
    const features = this.grids?.features.filter((feature) => codes.includes(feature.properties.code)) ?? [];
    if (features.length > 0 && source === 'app' && this.selectedCode === null) this.frame(bbox({ type: 'FeatureCollection', features }) as [number, number, number, number]);
  }

  setSelectedGrid(code: string | null, source: ChangeSource): void {
    if (code === this.selectedCode) return;
    this.selectedCode = code;
    this.container.dataset.selectedGrid = code ?? '';
    this.drawGridOutlines();
    const feature = this.grids?.features.find((f) => f.properties.code === code);
    if (feature && source === 'app') this.frame(bbox(feature) as [number, number, number, number]);
    // The app letting go of a grid (the big screen's tour) returns to the whole district.
    else if (code === null && source === 'app' && this.grids) this.frame(bbox(this.grids) as [number, number, number, number]);
  }

  /** Shows which problems are selected, with a ring around each. */
  setSelectedIssues(ids: ReadonlySet<number>): void {
    if (ids === this.selectedIssues) return;
    this.selectedIssues = ids;
    this.selectedIssueRings = this.issuePositions ? selectedIssuePositions(this.issuePositions, ids) : [];
    this.container.dataset.selectedIssues = String(this.selectedIssueRings.length);
    this.render();
  }

  private modeAt(zoom: number): IssueLayerMode {
    return this.options.issueDotsAtEveryZoom ? 'points' : issueLayerMode(zoom);
  }

  /** A box drawn without moving is a Shift+click: it means the dot under it, added to the selection. */
  private isClick(shape: SelectionShape): boolean {
    return shape.kind === 'box' && shape.corners[0].join() === shape.corners[1].join();
  }

  private issuesTakenIn(shape: SelectionShape): number[] {
    if (!this.issuePositions) return [];
    if (this.isClick(shape) && shape.kind === 'box') {
      const point = this.map.project(shape.corners[0]);
      const id = this.issueAt(point.x, point.y);
      return id === null ? [] : [id];
    }
    return shape.kind === 'box' ? issuesInBox(this.issuePositions, this.issueIndex, shape.corners) : issuesInLasso(this.issuePositions, this.issueIndex, shape.ring);
  }

  /** The problem whose dot is under a screen point, when dots are on show. */
  private issueAt(x: number, y: number): number | null {
    if ((!this.options.onIssueClick && !this.options.onSelectIssues) || !this.showIssues || this.issueMode !== 'points') return null;
    const here = this.map.unproject([x, y]);
    const edge = this.map.unproject([x + ISSUE_CLICK_TOLERANCE, y]);
    return this.issueIndex.nearest(here.lng, here.lat, Math.abs(edge.lng - here.lng));
  }

  private setHoveredGrid(code: string | null): void {
    if (code === this.hoveredCode || !this.gridLayersAdded) return;
    this.hoveredCode = code;
    this.map.setFilter(GRID_HOVER_LAYER, gridCodeFilter(code === null ? [] : [code]));
  }

  private drawGrids(): void {
    if (!this.gridLayersAdded || !this.layerData) return;
    const data = gridSourceData(this.layerData);
    this.map.getSource<GeoJSONSource>(GRID_SHAPE_SOURCE)!.setData(data.shapes);
    this.map.getSource<GeoJSONSource>(GRID_LABEL_SOURCE)!.setData(data.labels);
  }

  private drawGridOutlines(): void {
    if (!this.gridLayersAdded) return;
    this.map.setFilter(GRID_HIGHLIGHT_LAYER, gridCodeFilter(this.highlightedCodes));
    this.map.setFilter(GRID_SELECTION_LAYER, gridCodeFilter(this.selectedCode === null ? [] : [this.selectedCode]));
  }

  private overlayIsDue = (): void => {
    this.overlayDue = true;
    clearTimeout(this.overlayDeadline);
    this.addOverlayWhenDue();
  };

  /** deck.gl's layers go on the map once it is loaded, the grids' labels are there to go beneath, and the base map has drawn (or had its time). */
  private addOverlayWhenDue(): void {
    if (!this.deck || !this.gridLayersAdded || !this.overlayDue) return;
    if (!this.map.hasControl(this.deck.overlay)) this.map.addControl(this.deck.overlay);
  }

  destroy(): void {
    this.detachGestures();
    this.destroyed = true;
    clearTimeout(this.overlayDeadline);
    if (this.deck && this.map.hasControl(this.deck.overlay)) this.map.removeControl(this.deck.overlay);
    this.map.remove();
  }

  private frame(bounds: [number, number, number, number], duration = 600): void {
    // A panel may just have opened beside the map; measure the container before fitting to it.
    this.map.resize();
    // Never closer than street level: a small grid still shows the streets around it.
    this.map.fitBounds(bounds as LngLatBoundsLike, { padding: 80, duration, maxZoom: 16 });
  }

  private render(): void {
    const state: DeckLayerState = {
      issues: this.issueLayerData,
      issueDots: this.issueDots,
      issueMode: this.issueMode,
      showIssues: this.showIssues,
      inspectionPointDots: this.inspectionPointDots,
      showInspectionPoints: this.showInspectionPoints,
      selectedIssueRings: this.selectedIssueRings,
      selectionShape: this.selectionShape,
      focusedIssue: this.focusedIssue,
    };
    if (this.deck) this.deck.render(state);
    else if (deckHasSomethingToDraw(state)) this.loadDeck();
  }

  /** Fetches deck.gl's code the first time something needs it, then draws. */
  private loadDeck(): void {
    if (this.deckRequested) return;
    this.deckRequested = true;
    void import('./deck-overlay.ts').then(({ createDeckOverlay }) => {
      if (this.destroyed) return;
      this.deck = createDeckOverlay(this.options.describeInspectionPoint);
      this.render();
      this.addOverlayWhenDue();
    }).catch(() => {
      // The next change tries again (the server may have been restarting).
      this.deckRequested = false;
    });
  }
}
