import type { InspectionPointSummary } from '../../server/schemas/contract.ts';

/** Pure shaping of inspection points into what their layer draws: a dot coloured by the latest verdict. */

type Rgb = [number, number, number];

export const VERDICT_COLOURS: Record<'pass' | 'fail' | 'serious_fail' | 'none', Rgb> = {
  pass: [46, 160, 67],
  fail: [245, 124, 0],
  serious_fail: [211, 47, 47],
  none: [158, 158, 158],
};

export interface InspectionPointDot {
  id: number;
  position: [number, number];
  colour: Rgb;
  /** The point as the API gave it, for its tooltip. */
  point: InspectionPointSummary;
}

export function shapeInspectionPoints(points: readonly InspectionPointSummary[]): InspectionPointDot[] {
  return points.map((point) => ({
    id: point.id,
    position: [point.longitude, point.latitude],
    colour: VERDICT_COLOURS[point.latestEvaluation?.verdict ?? 'none'],
    point,
  }));
}
