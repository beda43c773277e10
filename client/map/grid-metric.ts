import type { GridColouring, GridProperties } from '../../server/schemas/contract.ts';
import { BANDED_METRICS, GRADES, type BandedMetric } from '../../server/domain/scoring-settings.ts';
import { BAND_COLOURS, NO_DATA_COLOUR, type Rgb } from '../../server/domain/grade-colours.ts';

/**
 * Which metric colours the grids, and how. Pure: a grid's colour and the legend follow from the
 * metric, the grid's properties and the colouring the server sent with them (from the scoring
 * settings in force), so the map, its legend and every grade shown beside it agree.
 */

export const GRID_METRICS = ['composite', 'rectificationRate', 'onTimeRate', 'overdueIssues', 'evaluationScoreRate'] as const;
export type GridMetric = (typeof GRID_METRICS)[number];

export const isGridMetric = (value: string | null): value is GridMetric => GRID_METRICS.includes(value as GridMetric);


export interface LegendEntry {
  colour: Rgb;
  /** Translation key and values for the label. */
  labelKey: string;
  values?: Record<string, string | number>;
}

const valueOf = (metric: BandedMetric, properties: GridProperties): number | null =>
  metric === 'overdueIssues' ? properties.overdueIssues : properties.performance[metric];

/** 0 (best) to 4 (worst), or null when the grid has no value for the metric. */
export function metricBand(metric: GridMetric, properties: GridProperties, colouring: GridColouring): number | null {
  // The composite's bands are the grades the server gave, never recomputed here.
  if (metric === 'composite') return properties.performance.grade === null ? null : GRADES.indexOf(properties.performance.grade);
  const value = valueOf(metric, properties);
  if (value === null) return null;
  const higherIsBetter = BANDED_METRICS[metric] === 'higher';
  const band = colouring.colourBands[metric].findIndex((bound) => (higherIsBetter ? value >= bound : value <= bound));
  return band === -1 ? 4 : band;
}

/** A band's colour; grey for a grid without a band. */
export function bandColour(band: number | null): Rgb {
  return band === null ? NO_DATA_COLOUR : BAND_COLOURS[band]!;
}

/** The bands the map colours grids by, with no band (null) last. */
export const MAP_BANDS: readonly (number | null)[] = [...BAND_COLOURS.keys(), null];

export function metricLegend(metric: GridMetric, colouring: GridColouring): LegendEntry[] {
  const { A, B, C, D } = colouring.gradeThresholds;
  const bounds = metric === 'composite' ? [A, B, C, D] : colouring.colourBands[metric];
  const entries = BAND_COLOURS.map((colour, band): LegendEntry => {
    if (metric === 'composite') {
      return band === 4
        ? { colour, labelKey: 'legend.gradeBelow', values: { grade: 'E', bound: bounds[3]! } }
        : { colour, labelKey: 'legend.grade', values: { grade: GRADES[band]!, bound: bounds[band]! } };
    }
    if (BANDED_METRICS[metric] === 'lower') {
      if (band === 0) return bounds[0] === 0 ? { colour, labelKey: 'legend.none' } : { colour, labelKey: 'legend.countAtMost', values: { bound: bounds[0]! } };
      if (band === 4) return { colour, labelKey: 'legend.countAbove', values: { bound: bounds[3]! } };
      return { colour, labelKey: 'legend.countRange', values: { low: bounds[band - 1]! + 1, high: bounds[band]! } };
    }
    if (band === 4) return { colour, labelKey: 'legend.rateBelow', values: { bound: bounds[3]! } };
    return { colour, labelKey: 'legend.rateAtLeast', values: { bound: bounds[band]! } };
  });
  return [...entries, { colour: NO_DATA_COLOUR, labelKey: metric === 'composite' ? 'legend.insufficient' : 'legend.noData' }];
}
