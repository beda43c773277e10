import { useEffect, useRef } from 'react';
import type { GridCollection } from '../api/client.ts';
import { MapAdapter, type ChangeSource } from '../map/map-adapter.ts';
import type { MapTheme } from '../map/basemap-style.ts';

interface MapViewProps {
  theme: MapTheme;
  grids: GridCollection | undefined;
  selectedGrid: { code: string | null; source: ChangeSource };
  onGridClick?: (code: string | null) => void;
}

/** Hosts the map adapter and pushes React state into it. */
export default function MapView({ theme, grids, selectedGrid, onGridClick }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const adapterRef = useRef<MapAdapter | null>(null);
  const clickRef = useRef(onGridClick);

  useEffect(() => {
    clickRef.current = onGridClick;
  }, [onGridClick]);

  useEffect(() => {
    const adapter = new MapAdapter(containerRef.current!, { theme, onGridClick: (code) => clickRef.current?.(code) });
    adapterRef.current = adapter;
    return () => {
      adapter.destroy();
      adapterRef.current = null;
    };
  }, [theme]);

  useEffect(() => {
    if (grids) adapterRef.current?.setGrids(grids);
  }, [grids, theme]);

  useEffect(() => {
    adapterRef.current?.setSelectedGrid(selectedGrid.code, selectedGrid.source);
  }, [selectedGrid, theme]);

  return <div ref={containerRef} className="map" data-testid="map" />;
}
