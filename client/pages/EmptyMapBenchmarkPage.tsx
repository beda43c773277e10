import '../map/maplibre-worker.ts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Map as MapLibreMap, type LngLatBoundsLike } from 'maplibre-gl';
import { useQuery } from '@tanstack/react-query';
import { credentialHeaders } from '../api/session.ts';
import { gridsQuery } from '../api/hooks.ts';
import { WALL_WINDOW } from '../wall-start.ts';
import { addGridLayers, GRID_SHAPE_SOURCE } from '../map/grid-layers.ts';
import { gridSourceData, shapeGridLayerData } from '../map/grid-layer-data.ts';

/**
 * `/bench/empty-map?bounds=w,s,e,n&width=…&height=…`: MapLibre alone, with the wall's dark style
 * and tiles, at the wall map's size and framed where the wall frames the district, and nothing
 * else on it: the floor `npm run bench:screen` measures the wall's map against. With `&grids=1`
 * it also draws the wall's grids with the wall's own layers and data, and is idle only once they
 * are drawn: what MapLibre alone needs for the wall's map, with none of the wall's page around it.
 * Not linked.
 */
export default function EmptyMapBenchmarkPage() {
  const [searchParams] = useSearchParams();
  const withGrids = searchParams.get('grids') === '1';
  const containerRef = useRef<HTMLDivElement>(null);
  // Asked for only with the grids: the empty map's floor makes no request the bare map does not.
  const { data: grids } = useQuery({ ...gridsQuery(WALL_WINDOW), enabled: withGrids });
  const [styledMap, setStyledMap] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    const container = containerRef.current!;
    const bounds = (searchParams.get('bounds') ?? '').split(',').map(Number);
    const map = new MapLibreMap({
      container,
      style: `${window.location.origin}/tiles/style/dark.json`,
      transformRequest: (url) => ({ url: new URL(url, window.location.origin).href, headers: credentialHeaders('GET') }),
      ...(bounds.length === 4 && bounds.every(Number.isFinite) ? { bounds: bounds as LngLatBoundsLike, fitBoundsOptions: { padding: 80 } } : { center: [117.0, 36.61], zoom: 12 }),
      attributionControl: false,
    });
    if (withGrids) map.on('style.load', () => setStyledMap(map));
    map.on('idle', () => {
      if (!withGrids || map.getSource(GRID_SHAPE_SOURCE)) container.dataset.mapIdle = 'true';
    });
    return () => {
      setStyledMap(null);
      map.remove();
    };
  }, [searchParams, withGrids]);
  // As on the wall: the grids go on once both the style and the grids are there.
  useEffect(() => {
    if (styledMap && grids && !styledMap.getSource(GRID_SHAPE_SOURCE)) addGridLayers(styledMap, 'dark', gridSourceData(shapeGridLayerData(grids, 'composite')));
  }, [styledMap, grids]);
  const size = (name: string) => Number(searchParams.get(name)) || undefined;
  return <div ref={containerRef} className="map" data-testid="map" style={{ position: 'relative', width: size('width') ?? '100vw', height: size('height') ?? '100vh' }} />;
}
