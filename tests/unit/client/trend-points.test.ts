import { describe, expect, it } from 'vitest';
import type { Trend } from '../../../server/schemas/contract.ts';
import { shapeTrendPoints } from '../../../client/trend-points.ts';

type Point = Trend['points'][number];
const point = (start: string, end: string, fields: Partial<Point>): Point => ({
  start, end, newIssues: 0, due: 0, closed: 0, closedOnTime: 0, extended: 0, reworked: 0, recurrences: 0,
  rectificationRate: null, onTimeRate: null, reworkRate: null, meanRectifyHours: null, evaluationScoreRate: null,
  composite: null, grade: null, sampleSize: 0, sampleSufficient: false, ...fields,
} as Point);
const trend = (interval: string, points: Point[]): Trend => ({
  unit: { kind: 'grid', id: 7, key: 'B07', name: '七号网格' }, interval, window: { from: points[0]!.start, to: points.at(-1)!.end }, points,
} as Trend);

describe('a trend as its chart draws it', () => {
  // 2 December: the month under way has two problems due, one rectified late, and scores 0.
  const months = trend('month', [
    point('2025-12-03', '2025-12-31', { composite: 81.2, rectificationRate: 96, onTimeRate: 80, sampleSize: 40, sampleSufficient: true }),
    point('2026-11-01', '2026-11-30', { composite: 84.5, rectificationRate: 98, onTimeRate: 85, sampleSize: 52, sampleSufficient: true }),
    point('2026-12-01', '2026-12-01', { composite: 0, rectificationRate: 50, onTimeRate: 0, sampleSize: 2, sampleSufficient: false }),
  ]);

  it('leaves a period with too small a sample without a value, never a cliff, and keeps its sample size', () => {
    const [, november, december] = shapeTrendPoints(months);
    expect(november!.values).toEqual({ composite: 84.5, rectificationRate: 98, onTimeRate: 85 });
    expect(december!.values).toEqual({ composite: null, rectificationRate: null, onTimeRate: null });
    expect([december!.sampleSize, december!.sampleSufficient]).toEqual([2, false]);
  });

  it('marks a period the window cuts short, at either end, as partial, and a whole one as not', () => {
    expect(shapeTrendPoints(months).map((each) => each.partial)).toEqual([true, false, true]);
    const weeks = trend('week', [point('2026-11-23', '2026-11-29', {}), point('2026-11-30', '2026-12-01', {})]);
    expect(shapeTrendPoints(weeks).map((each) => each.partial)).toEqual([false, true]);
    const days = trend('day', [point('2026-12-01', '2026-12-01', {})]);
    expect(shapeTrendPoints(days).map((each) => each.partial)).toEqual([false]);
  });
});
