import { describe, expect, it } from 'vitest';
import type { InspectionPointSummary } from '../../../server/schemas/contract.ts';
import { shapeInspectionPoints, VERDICT_COLOURS } from '../../../client/map/inspection-point-layer-data.ts';

const point = (id: number, verdict: 'pass' | 'fail' | 'serious_fail' | null) => ({
  id, longitude: 117 + id / 1000, latitude: 36.6,
  latestEvaluation: verdict === null ? null : { verdict, scoreRate: 70 },
}) as unknown as InspectionPointSummary;

describe('inspection point dots', () => {
  it('sit where the point is, coloured by its latest verdict, grey when never evaluated', () => {
    const points = [point(1, 'pass'), point(2, 'fail'), point(3, 'serious_fail'), point(4, null)];
    expect(shapeInspectionPoints(points)).toEqual([
      { id: 1, position: [117.001, 36.6], colour: VERDICT_COLOURS.pass, point: points[0] },
      { id: 2, position: [117.002, 36.6], colour: VERDICT_COLOURS.fail, point: points[1] },
      { id: 3, position: [117.003, 36.6], colour: VERDICT_COLOURS.serious_fail, point: points[2] },
      { id: 4, position: [117.004, 36.6], colour: VERDICT_COLOURS.none, point: points[3] },
    ]);
  });
});
