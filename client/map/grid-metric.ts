import type { GridCollection } from '../api/client.ts';

/**
 * Which metric colours the grids, and how. Pure: the colour of a grid and the legend follow
 * from the metric and the grid's properties only.
 */

export const GRID_METRICS = ['composite', 'rectificationRate', 'onTimeRate', 'overdueIssues', 'evaluationScoreRate'] as const;
export type GridMetric = (typeof GRID_METRICS)[number];

export const isGridMetric = (value: string | null): value is GridMetric => GRID_METRICS.includes(value as GridMetric);

type Rgb = [number, number, number];
type GridProperties = GridCollection['features'][number]['properties'];

/** Good to bad, the colours of grades A–E as command offices print them (green to red). */
export const BAND_COLOURS: Rgb[] = [[46, 160, 67], [139, 195, 74], [251, 192, 45], [245, 124, 0], [211, 47, 47]];
/** No data, or too small a sample to judge (样本不足). */
export const NO_DATA_COLOUR: Rgb = [158, 158, 158];

export interface LegendEntry {
  colour: Rgb;
  /** Translation key and values for the label. */
  labelKey: string;
  values?: Record<string, string | number>;
}

interface MetricScale {
  value: (properties: GridProperties) => number | null;
  /** Lower bounds of bands 1–4 (band 5 is everything below); for counts, upper bounds. */
  bounds: [number, number, number, number];
  higherIsBetter: boolean;
}

const SCALES: Record<GridMetric, MetricScale> = {
  // The composite's bands are the grades themselves (A ≥ 90 … E below 40).
  composite: { value: (p) => (p.performance.grade === null ? null : p.performance.composite), bounds: [90, 75, 60, 40], higherIsBetter: true },
  rectificationRate: { value: (p) => p.performance.rectificationRate, bounds: [98, 95, 90, 85], higherIsBetter: true },
  onTimeRate: { value: (p) => p.performance.onTimeRate, bounds: [90, 75, 60, 45], higherIsBetter: true },
  evaluationScoreRate: { value: (p) => p.performance.evaluationScoreRate, bounds: [85, 80, 75, 70], higherIsBetter: true },
  overdueIssues: { value: (p) => p.overdueIssues, bounds: [0, 1, 3, 5], higherIsBetter: false },
};

/** 0 (best) to 4 (worst), or null when the grid has no value for the metric. */
export function metricBand(metric: GridMetric, properties: GridProperties): number | null {
  const scale = SCALES[metric];
  const value = scale.value(properties);
  if (value === null) return null;
  const band = scale.bounds.findIndex((bound) => (scale.higherIsBetter ? value >= bound : value <= bound));
  return band === -1 ? 4 : band;
}

export function metricColour(metric: GridMetric, properties: GridProperties): Rgb {
  const band = metricBand(metric, properties);
  return band === null ? NO_DATA_COLOUR : BAND_COLOURS[band]!;
}

export function metricLegend(metric: GridMetric): LegendEntry[] {
  const { bounds, higherIsBetter } = SCALES[metric];
  const entries = BAND_COLOURS.map((colour, band): LegendEntry => {
    if (metric === 'composite') {
      return band === 4
        ? { colour, labelKey: 'legend.gradeBelow', values: { grade: 'E', bound: bounds[3] } }
        : { colour, labelKey: 'legend.grade', values: { grade: 'ABCD'[band]!, bound: bounds[band]! } };
    }
    if (!higherIsBetter) {
      if (band === 0) return { colour, labelKey: 'legend.none' };
      if (band === 4) return { colour, labelKey: 'legend.countAbove', values: { bound: bounds[3] } };
      return { colour, labelKey: 'legend.countRange', values: { low: bounds[band - 1]! + 1, high: bounds[band]! } };
    }
    if (band === 4) return { colour, labelKey: 'legend.rateBelow', values: { bound: bounds[3] } };
    return { colour, labelKey: 'legend.rateAtLeast', values: { bound: bounds[band]! } };
  });
  return [...entries, { colour: NO_DATA_COLOUR, labelKey: metric === 'composite' ? 'legend.insufficient' : 'legend.noData' }];
}
