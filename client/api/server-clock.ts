import { useEffect, useState } from 'react';

/**
 * The server's time, as learnt from its answers and the live feed. A wall PC's own clock is
 * often days off, so pages never judge "today" or how old their data is by it: they use the
 * browser's clock only to count the seconds since the server last said what time it was.
 */

/** The server's time less the browser's, as last learnt; null until the server has answered. */
let offset: number | null = null;

/** Takes the server's time from an answer or message that arrived just now. */
export function learnServerTime(serverTime: string | null | undefined): void {
  const instant = serverTime ? Date.parse(serverTime) : Number.NaN;
  if (!Number.isNaN(instant)) offset = instant - Date.now();
}

/** The server's time now, in epoch ms; null until it is known. */
export function serverNow(): number | null {
  return offset === null ? null : Date.now() + offset;
}

/** The server's time now, kept current every `intervalMs` (the wall's clock ticks each second). */
export function useServerNow(intervalMs = 1000): number | null {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
