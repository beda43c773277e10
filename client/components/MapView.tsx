import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridCollection, InspectionPointSummary } from '../../server/schemas/contract.ts';
import type { IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import { MapAdapter, type ChangeSource } from '../map/map-adapter.ts';
import type { MapTheme } from '../../server/basemap/basemap-style.ts';
import type { GridMetric } from '../map/grid-metric.ts';

interface MapViewProps {
  theme: MapTheme;
  grids: GridCollection | undefined;
  metric: GridMetric;
  /** Grids to outline, such as a leader's; framed when they change. */
  highlightedGrids?: readonly string[];
  inspectionPoints?: readonly InspectionPointSummary[];
  showInspectionPoints?: boolean;
  issuePositions?: IssuePositions;
  showIssues?: boolean;
  /** Where the problem being looked at is. */
  focusedIssue?: [number, number] | null;
  selectedGrid: { code: string | null; source: ChangeSource };
  onGridClick?: (code: string | null) => void;
  onIssueClick?: (id: number) => void;
  /** Given, the map selects problems (click, Shift+drag box, Alt+drag lasso) and shows them selected. */
  onSelectIssues?: (ids: number[], extend: boolean) => void;
  selectedIssues?: ReadonlySet<number>;
  issueDotsAtEveryZoom?: boolean;
  /** Device pixels per CSS pixel; unset, the map follows the screen's. */
  pixelRatio?: number;
  /** Called once, when the map has first drawn everything it had to load. */
  onDrawn?: () => void;
}

const NO_ISSUES_SELECTED: ReadonlySet<number> = new Set();

const NONE: readonly string[] = [];

/** Hosts the map adapter and pushes React state into it. */
export default function MapView({
  theme, grids, metric, highlightedGrids = NONE, inspectionPoints, showInspectionPoints = true, issuePositions, showIssues = true, focusedIssue = null, selectedGrid, onGridClick, onIssueClick, onSelectIssues, selectedIssues = NO_ISSUES_SELECTED, issueDotsAtEveryZoom = false, pixelRatio, onDrawn,
}: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const adapterRef = useRef<MapAdapter | null>(null);
  const { t } = useTranslation();
  const describeRef = useRef((point: InspectionPointSummary) => point.name);
  const clickRef = useRef(onGridClick);
  const issueClickRef = useRef(onIssueClick);
  const selectRef = useRef(onSelectIssues);
  const drawnRef = useRef(onDrawn);
  // Whether the map selects is fixed when it is made; the handler itself may change.
  const [selects] = useState(onSelectIssues !== undefined);

  useEffect(() => {
    clickRef.current = onGridClick;
    issueClickRef.current = onIssueClick;
    selectRef.current = onSelectIssues;
    drawnRef.current = onDrawn;
    describeRef.current = (point) => {
      const evaluation = point.latestEvaluation;
      return `${point.name}（${point.type.name}）\n${evaluation
        ? t('inspection.latest', { verdict: t(`verdicts.${evaluation.verdict}`), rate: evaluation.scoreRate })
        : t('legend.notEvaluated')}`;
    };
  }, [onGridClick, onIssueClick, onSelectIssues, onDrawn, t]);

  // The map is made, sized and given its grids in the commit that mounts it, before the browser
  // paints: asked for after a page's first paint, the WebGL context waits on the GPU drawing it, and
  // grids given a frame later arrive after the map has begun loading without them.
  useLayoutEffect(() => {
    const adapter = new MapAdapter(containerRef.current!, {
      theme,
      onGridClick: (code) => clickRef.current?.(code),
      onIssueClick: (id) => issueClickRef.current?.(id),
      describeInspectionPoint: (point) => describeRef.current(point),
      onSelectIssues: selects ? (ids, extend) => selectRef.current?.(ids, extend) : undefined,
      onDrawn: () => drawnRef.current?.(),
      issueDotsAtEveryZoom,
    });
    adapterRef.current = adapter;
    return () => {
      adapter.destroy();
      adapterRef.current = null;
    };
  }, [theme, selects, issueDotsAtEveryZoom]);

  useLayoutEffect(() => {
    if (pixelRatio !== undefined) adapterRef.current?.setPixelRatio(pixelRatio);
  }, [pixelRatio, theme]);

  useLayoutEffect(() => {
    adapterRef.current?.setMetric(metric);
  }, [metric, theme]);

  useLayoutEffect(() => {
    if (grids) adapterRef.current?.setGrids(grids);
  }, [grids, theme]);

  useEffect(() => {
    adapterRef.current?.setSelectedGrid(selectedGrid.code, selectedGrid.source);
  }, [selectedGrid, theme]);

  useEffect(() => {
    if (grids) adapterRef.current?.setHighlightedGrids(highlightedGrids, 'app');
  }, [highlightedGrids, grids, theme]);

  useEffect(() => {
    adapterRef.current?.setFocusedIssue(focusedIssue);
  }, [focusedIssue, theme]);

  useEffect(() => {
    if (inspectionPoints) adapterRef.current?.setInspectionPoints(inspectionPoints);
  }, [inspectionPoints, theme]);

  useEffect(() => {
    adapterRef.current?.setInspectionPointsVisible(showInspectionPoints);
  }, [showInspectionPoints, theme]);

  useEffect(() => {
    if (issuePositions) adapterRef.current?.setIssuePositions(issuePositions);
  }, [issuePositions, theme]);

  useEffect(() => {
    adapterRef.current?.setIssuesVisible(showIssues);
  }, [showIssues, theme]);

  useEffect(() => {
    adapterRef.current?.setSelectedIssues(selectedIssues);
  }, [selectedIssues, theme]);

  return <div ref={containerRef} className="map" data-testid="map" />;
}
