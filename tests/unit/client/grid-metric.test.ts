import { describe, expect, it } from 'vitest';
import type { GridCollection } from '../../../server/schemas/grids.ts';
import { BAND_COLOURS, metricBand, metricColour, metricLegend, NO_DATA_COLOUR } from '../../../client/map/grid-metric.ts';

type GridProperties = GridCollection['features'][number]['properties'];

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
  it('band the composite by grade, and grey out a grid with too small a sample', () => {
    expect([95, 90, 89.9, 75, 60, 40, 39.9].map((composite) => metricBand('composite', properties({ composite, grade: 'A' }))))
      .toEqual([0, 0, 1, 1, 2, 3, 4]);
    expect(metricColour('composite', properties({ composite: 95, grade: null }))).toEqual(NO_DATA_COLOUR);
  });

  it('band rates from their best band down, and a missing rate is no data', () => {
    expect(metricBand('rectificationRate', properties({ rectificationRate: 98 }))).toBe(0);
    expect(metricBand('rectificationRate', properties({ rectificationRate: 84.9 }))).toBe(4);
    expect(metricBand('onTimeRate', properties({ onTimeRate: 60 }))).toBe(2);
    expect(metricColour('evaluationScoreRate', properties({}))).toEqual(NO_DATA_COLOUR);
  });

  it('band overdue counts with fewer being better', () => {
    expect([0, 1, 2, 3, 5, 6].map((count) => metricBand('overdueIssues', properties({}, count)))).toEqual([0, 1, 2, 2, 3, 4]);
    expect(metricColour('overdueIssues', properties({}, 9))).toEqual(BAND_COLOURS[4]);
  });

  it('give a legend entry per band and one for no data, in the bands\' colours', () => {
    const legend = metricLegend('composite');
    expect(legend.map((entry) => [entry.labelKey, entry.values])).toEqual([
      ['legend.grade', { grade: 'A', bound: 90 }], ['legend.grade', { grade: 'B', bound: 75 }], ['legend.grade', { grade: 'C', bound: 60 }],
      ['legend.grade', { grade: 'D', bound: 40 }], ['legend.gradeBelow', { grade: 'E', bound: 40 }], ['legend.insufficient', undefined],
    ]);
    expect(legend.map((entry) => entry.colour)).toEqual([...BAND_COLOURS, NO_DATA_COLOUR]);
    expect(metricLegend('overdueIssues').map((entry) => [entry.labelKey, entry.values])).toEqual([
      ['legend.none', undefined], ['legend.countRange', { low: 1, high: 1 }], ['legend.countRange', { low: 2, high: 3 }],
      ['legend.countRange', { low: 4, high: 5 }], ['legend.countAbove', { bound: 5 }], ['legend.noData', undefined],
    ]);
  });
});
