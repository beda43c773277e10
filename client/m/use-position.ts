import { useEffect, useState } from 'react';

export interface PhonePosition {
  longitude: number;
  latitude: number;
  /** Metres, as the phone reports it (95% confidence); null for a point tapped on the map. */
  accuracy: number | null;
}

export type PositionState = { kind: 'waiting' } | { kind: 'known'; position: PhonePosition } | { kind: 'unavailable'; reason: 'denied' | 'no-fix' | 'no-geolocation' };

/** The phone's position as it moves (GPS where it has it), or why there is none. WGS84, as the grids are. */
export function usePhonePosition(enabled = true): PositionState {
  const [state, setState] = useState<PositionState>(() => ('geolocation' in navigator ? { kind: 'waiting' } : { kind: 'unavailable', reason: 'no-geolocation' }));
  useEffect(() => {
    if (!enabled || !('geolocation' in navigator)) return undefined;
    const watch = navigator.geolocation.watchPosition(
      ({ coords }) => setState({ kind: 'known', position: { longitude: coords.longitude, latitude: coords.latitude, accuracy: coords.accuracy } }),
      (error) => setState({ kind: 'unavailable', reason: error.code === error.PERMISSION_DENIED ? 'denied' : 'no-fix' }),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [enabled]);
  return state;
}
