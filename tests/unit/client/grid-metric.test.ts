import { describe, expect, it } from 'vitest';
import type { GridColouring, GridProperties } from '../../../server/schemas/contract.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../../server/domain/scoring-settings.ts';
import { bandColour, metricBand, metricLegend } from '../../../client/map/grid-metric.ts';
import { BAND_COLOURS, NO_DATA_COLOUR } from '../../../server/domain/grade-colours.ts';

const defaults: GridColouring = { gradeThresholds: DEFAULT_SCORING_SETTINGS.gradeThresholds, colourBands: DEFAULT_SCORING_SETTINGS.colourBands };

function properties(performance: Partial<GridProperties['performance']>, overdueIssues = 0): GridProperties {
  return {
    overdueIssues,
    performance: {
      composite: null, grade: null, rank: null, tiedWith: 0, rectificationRate: null, onTimeRate: null, evaluationScoreRate: null, sampleSize: 0,
      ...performance,
    },
  } as GridProperties;
}

describe('grid metric colours', () => {
  it('colour the composite by the grade the server gave, never by the number, and grey out a grid with too small a sample', () => {
    expect((['A', 'B', 'C', 'D', 'E'] as const).map((grade) => metricBand('composite', properties({ composite: 95, grade }), defaults))).toEqual([0, 1, 2, 3, 4]);
    expect(bandColour(metricBand('composite', properties({ composite: 95, grade: null }), defaults))).toEqual(NO_DATA_COLOUR);
  });

  it('band rates from their best band down by the settings\' bounds, and a missing rate is no data', () => {
    expect(metricBand('rectificationRate', properties({ rectificationRate: 98 }), defaults)).toBe(0);
    expect(metricBand('rectificationRate', properties({ rectificationRate: 84.9 }), defaults)).toBe(4);
    expect(metricBand('onTimeRate', properties({ onTimeRate: 60 }), defaults)).toBe(2);
    expect(bandColour(metricBand('evaluationScoreRate', properties({}), defaults))).toEqual(NO_DATA_COLOUR);
    const stricter = { ...defaults, colourBands: { ...defaults.colourBands, rectificationRate: [99, 98, 97, 96] as [number, number, number, number] } };
    expect(metricBand('rectificationRate', properties({ rectificationRate: 98 }), stricter)).toBe(1);
  });

  it('band overdue counts with fewer being better', () => {
    expect([0, 1, 2, 3, 5, 6].map((count) => metricBand('overdueIssues', properties({}, count), defaults))).toEqual([0, 1, 2, 2, 3, 4]);
    expect(bandColour(metricBand('overdueIssues', properties({}, 9), defaults))).toEqual(BAND_COLOURS[4]);
  });

  it('give a legend entry per band and one for no data, in the bands\' colours, from the settings\' thresholds', () => {
    const legend = metricLegend('composite', defaults);
    expect(legend.map((entry) => [entry.labelKey, entry.values])).toEqual([
      ['legend.grade', { grade: 'A', bound: 90 }], ['legend.grade', { grade: 'B', bound: 75 }], ['legend.grade', { grade: 'C', bound: 60 }],
      ['legend.grade', { grade: 'D', bound: 40 }], ['legend.gradeBelow', { grade: 'E', bound: 40 }], ['legend.insufficient', undefined],
    ]);
    expect(legend.map((entry) => entry.colour)).toEqual([...BAND_COLOURS, NO_DATA_COLOUR]);
    expect(metricLegend('composite', { ...defaults, gradeThresholds: { A: 95, B: 85, C: 70, D: 50 } }).map((entry) => entry.values?.bound))
      .toEqual([95, 85, 70, 50, 50, undefined]);
    expect(metricLegend('overdueIssues', defaults).map((entry) => [entry.labelKey, entry.values])).toEqual([
      ['legend.none', undefined], ['legend.countRange', { low: 1, high: 1 }], ['legend.countRange', { low: 2, high: 3 }],
      ['legend.countRange', { low: 4, high: 5 }], ['legend.countAbove', { bound: 5 }], ['legend.noData', undefined],
    ]);
    expect(metricLegend('overdueIssues', { ...defaults, colourBands: { ...defaults.colourBands, overdueIssues: [2, 4, 6, 8] } })[0])
      .toMatchObject({ labelKey: 'legend.countAtMost', values: { bound: 2 } });
  });
});
