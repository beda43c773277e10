import { useEffect, useRef } from 'react';
import type { GridCollection, InspectionPointSummary, IssuePositions } from '../api/client.ts';
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
}

const NONE: readonly string[] = [];

/** Hosts the map adapter and pushes React state into it. */
export default function MapView({
  theme, grids, metric, highlightedGrids = NONE, inspectionPoints, showInspectionPoints = true, issuePositions, showIssues = true, focusedIssue = null, selectedGrid, onGridClick, onIssueClick,
}: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const adapterRef = useRef<MapAdapter | null>(null);
  const clickRef = useRef(onGridClick);
  const issueClickRef = useRef(onIssueClick);

  useEffect(() => {
    clickRef.current = onGridClick;
    issueClickRef.current = onIssueClick;
  }, [onGridClick, onIssueClick]);

  useEffect(() => {
    const adapter = new MapAdapter(containerRef.current!, {
      theme,
      onGridClick: (code) => clickRef.current?.(code),
      onIssueClick: (id) => issueClickRef.current?.(id),
    });
    adapterRef.current = adapter;
    return () => {
      adapter.destroy();
      adapterRef.current = null;
    };
  }, [theme]);

  useEffect(() => {
    adapterRef.current?.setMetric(metric);
  }, [metric, theme]);

  useEffect(() => {
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

  return <div ref={containerRef} className="map" data-testid="map" />;
}
