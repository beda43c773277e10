import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LngLat } from './issue-selection.ts';

/**
 * The dispatcher's selection gestures on the map: Shift+drag draws a box, Alt+drag a lasso. While
 * one is drawn the map does not pan; MapLibre's own Shift+drag box zoom is turned off.
 */

export type SelectionShape = { kind: 'box'; corners: [LngLat, LngLat] } | { kind: 'lasso'; ring: LngLat[] };

export interface SelectionGestureHandlers {
  /** The shape as it is being drawn, or null when the gesture ends. */
  onDraw(shape: SelectionShape | null): void;
  /** The finished shape; `extend` when Ctrl or Cmd was held too, to add to the selection. */
  onSelect(shape: SelectionShape, extend: boolean): void;
}

export function attachSelectionGestures(map: MapLibreMap, handlers: SelectionGestureHandlers): () => void {
  map.boxZoom.disable();
  let shape: SelectionShape | null = null;
  const at = (event: MapMouseEvent): LngLat => [event.lngLat.lng, event.lngLat.lat];

  const start = (event: MapMouseEvent) => {
    if (!event.originalEvent.shiftKey && !event.originalEvent.altKey) return;
    event.preventDefault();
    map.dragPan.disable();
    shape = event.originalEvent.altKey ? { kind: 'lasso', ring: [at(event)] } : { kind: 'box', corners: [at(event), at(event)] };
  };
  const move = (event: MapMouseEvent) => {
    if (!shape) return;
    if (shape.kind === 'box') shape = { kind: 'box', corners: [shape.corners[0], at(event)] };
    else shape = { kind: 'lasso', ring: [...shape.ring, at(event)] };
    handlers.onDraw(shape);
  };
  const end = (event: MapMouseEvent) => {
    if (!shape) return;
    const finished = shape;
    shape = null;
    map.dragPan.enable();
    handlers.onDraw(null);
    handlers.onSelect(finished, event.originalEvent.ctrlKey || event.originalEvent.metaKey);
  };
  map.on('mousedown', start);
  map.on('mousemove', move);
  map.on('mouseup', end);
  return () => {
    map.off('mousedown', start);
    map.off('mousemove', move);
    map.off('mouseup', end);
    map.boxZoom.enable();
  };
}
