import { useEffect, useState } from 'react';

/**
 * The server's time, as learnt from its answers and the live feed. A wall PC's own clock is
 * often days off, so pages never judge "today" or how old their data is by it: they use the
 * browser's clock only to count the seconds since the server last said what time it was.
 */

/** The server's time less the browser's, as last learnt; null until the server has answered. */
let offset: number | null = null;

/** Called once the server's time is first known: a page shown before any answer came (the phone app, from what it kept) starts its clock then. */
const firstLearnt = new Set<() => void>();

/** Takes the server's time from an answer or message that arrived just now. */
export function learnServerTime(serverTime: string | null | undefined): void {
  const instant = serverTime ? Date.parse(serverTime) : Number.NaN;
  if (Number.isNaN(instant)) return;
  const known = offset !== null;
  offset = instant - Date.now();
  if (!known) firstLearnt.forEach((listener) => listener());
}

/** The server's time now, in epoch ms; null until it is known. */
export function serverNow(): number | null {
  return offset === null ? null : Date.now() + offset;
}

/** The server's time now, kept current every `intervalMs` (the wall's clock ticks each second). */
export function useServerNow(intervalMs = 1000): number | null {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const tick = () => setNow(serverNow());
    const timer = window.setInterval(tick, intervalMs);
    firstLearnt.add(tick);
    return () => {
      window.clearInterval(timer);
      firstLearnt.delete(tick);
    };
  }, [intervalMs]);
  return now;
}
