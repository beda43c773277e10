import { useEffect, useState } from 'react';

/** A phone's screen holds a handful of cards; this many are drawn in the first frame. */
const FIRST_DRAWN = 20;

/**
 * How many of a list's items to draw: the first screenfuls at once, every one once the browser
 * has painted those, so that a list of hundreds opens as quickly as a short one on a slow phone.
 */
export function useDrawnCount(total: number): number {
  const [drawsAll, setDrawsAll] = useState(false);
  const waiting = !drawsAll && total > FIRST_DRAWN;
  useEffect(() => {
    if (!waiting) return undefined;
    let timer: number | undefined;
    // A timeout set from an animation frame runs after that frame is painted.
    const frame = requestAnimationFrame(() => { timer = window.setTimeout(() => setDrawsAll(true)); });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [waiting]);
  return drawsAll ? total : Math.min(total, FIRST_DRAWN);
}
