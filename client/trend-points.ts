import { addDays, addMonths, firstOfMonth, mondayOf } from '../server/domain/china-time.ts';
import type { Trend } from '../server/schemas/contract.ts';

/**
 * A trend's points as a chart draws them. A period whose sample is too small to judge has no
 * value (a gap, never a cliff from two problems), but keeps its sample size for the tooltip; a
 * period the window cuts short (the month so far, the first days of a week) is marked partial.
 * Pure: the charts on the grid panel and the wall shape their points here.
 */

export const TREND_METRICS = ['composite', 'rectificationRate', 'onTimeRate'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export interface ShapedTrendPoint {
  start: string;
  end: string;
  /** Cut short by the window: fewer days than its week or month. */
  partial: boolean;
  sampleSize: number;
  sampleSufficient: boolean;
  /** Null where the API has none, and wherever the sample is too small. */
  values: Record<TrendMetric, number | null>;
}

/** The first and last day of the whole day, week or month a point's bucket belongs to. */
function wholePeriod(start: string, interval: Trend['interval']): [string, string] {
  if (interval === 'day') return [start, start];
  if (interval === 'week') return [mondayOf(start), addDays(mondayOf(start), 6)];
  return [firstOfMonth(start), addDays(addMonths(start, 1), -1)];
}

export function shapeTrendPoints(trend: Trend): ShapedTrendPoint[] {
  return trend.points.map((point) => {
    const [first, last] = wholePeriod(point.start, trend.interval);
    return {
      start: point.start,
      end: point.end,
      partial: point.start !== first || point.end !== last,
      sampleSize: point.sampleSize,
      sampleSufficient: point.sampleSufficient,
      values: Object.fromEntries(TREND_METRICS.map((metric) => [metric, point.sampleSufficient ? point[metric] : null])) as Record<TrendMetric, number | null>,
    };
  });
}
