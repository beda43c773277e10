import type { ReactNode } from 'react';

/**
 * Lays its content out at the wall's design size and scales it to the panel it fills. Canvas
 * content (charts, the map) sizes its text in CSS pixels; scaled this way it grows with the wall
 * as the panels' own text does, and drawn with a pixel ratio times `scale` it stays sharp.
 */
export default function ScaledToWall({ scale, children }: { scale: number; children: ReactNode }) {
  return (
    <div className="scaled-to-wall" style={{ width: `${100 / scale}%`, height: `${100 / scale}%`, transform: `scale(${scale})` }}>
      {children}
    </div>
  );
}
