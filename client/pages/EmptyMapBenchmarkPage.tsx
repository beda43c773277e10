import '../map/maplibre-worker.ts';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Map as MapLibreMap, type LngLatBoundsLike } from 'maplibre-gl';
import { credentialHeaders } from '../api/session.ts';

/**
 * `/bench/empty-map?bounds=w,s,e,n&width=…&height=…`: MapLibre alone, with the wall's dark style
 * and tiles, at the wall map's size and framed where the wall frames the district, and nothing
 * else on it: the floor `npm run bench:screen` measures the wall's map against. Not linked.
 */
export default function EmptyMapBenchmarkPage() {
  const [searchParams] = useSearchParams();
  const containerRef = useRef<HTMLDivElement>(null);
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
    map.on('idle', () => { container.dataset.mapIdle = 'true'; });
    return () => map.remove();
  }, [searchParams]);
  const size = (name: string) => Number(searchParams.get(name)) || undefined;
  return <div ref={containerRef} className="map" data-testid="map" style={{ position: 'relative', width: size('width') ?? '100vw', height: size('height') ?? '100vh' }} />;
}
