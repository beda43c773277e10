import '../map/maplibre-worker.ts';
import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { credentialHeaders } from '../api/session.ts';

/**
 * A small map of the site's own base map with one point: where a problem is, or where the user
 * taps when the GPS is poor. Loaded only when it is opened, so the app's first load stays light.
 */
export default function SmallMap({ point, onPick }: { point: { longitude: number; latitude: number } | null; onPick?: (longitude: number, latitude: number) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  // The map is made once, around where the point first was; the point then moves on it.
  const first = useRef(point);

  useEffect(() => {
    const created = new MapLibreMap({
      container: container.current!,
      style: `${window.location.origin}/tiles/style/light.json`,
      transformRequest: (url) => ({ url: new URL(url, window.location.origin).href, headers: credentialHeaders('GET') }),
      ...(first.current ? { center: [first.current.longitude, first.current.latitude] as [number, number], zoom: 16 } : {}),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    created.touchZoomRotate.disableRotation();
    created.on('click', (event) => pick.current?.(event.lngLat.lng, event.lngLat.lat));
    created.once('load', () => { container.current!.dataset.ready = 'true'; });
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);

  useEffect(() => {
    if (!map.current || !point) return;
    marker.current ??= new Marker({ color: '#b71c1c' }).setLngLat([point.longitude, point.latitude]).addTo(map.current);
    marker.current.setLngLat([point.longitude, point.latitude]);
  }, [point]);

  return <div ref={container} className="field-map" data-testid="field-map" />;
}
