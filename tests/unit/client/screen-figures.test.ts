import { describe, expect, it } from 'vitest';
import type { GridCollection, InspectionPointSummary } from '../../../server/schemas/contract.ts';
import {
  currentAsOf, isStale, latestRoundByType, openBySourceGroup, panelRows, rateChange, wallShape, worstGrids,
} from '../../../client/screen-figures.ts';

describe('the big screen\'s figures', () => {
  it('gives a rate\'s change in points, or none when a side is unknown', () => {
    expect(rateChange(91.25, 90)).toBe(1.3);
    expect(rateChange(88, 90.5)).toBe(-2.5);
    expect(rateChange(null, 90)).toBeNull();
  });

  it('averages the latest round\'s 得分率 by point type, worst first, leaving out older rounds and points never evaluated', () => {
    const point = (id: number, type: string, evaluatedOn: string | null, scoreRate = 0) => ({
      id, type: { code: type, name: `类型${type}` },
      latestEvaluation: evaluatedOn === null ? null : { evaluatedOn, scoreRate },
    }) as unknown as InspectionPointSummary;
    expect(latestRoundByType([
      point(1, 'a', '2026-11-10', 80), point(2, 'a', '2026-10-20', 90), point(3, 'b', '2026-11-01', 60),
      point(4, 'b', '2026-06-01', 10), point(5, 'c', null),
    ])).toEqual([
      { code: 'b', name: '类型b', points: 1, meanScoreRate: 60 },
      { code: 'a', name: '类型a', points: 2, meanScoreRate: 85 },
    ]);
  });

  it('tours the grids with the lowest composite, leaving out those too small to judge', () => {
    const grid = (code: string, composite: number | null) => ({ properties: { code, performance: { composite } } });
    const grids = { features: [grid('B01', 70), grid('B02', null), grid('B03', 40), grid('B04', 55)] } as unknown as GridCollection;
    expect(worstGrids(grids, 2)).toEqual(['B03', 'B04']);
  });

  it('is current as of its figures, or of the live feed\'s latest word while it is connected', () => {
    const figuresAt = '2026-11-20T07:00:00.000Z';
    const heard = Date.parse('2026-11-20T07:01:30.000Z');
    expect(currentAsOf(figuresAt, true, heard)).toBe(heard);
    expect(currentAsOf(figuresAt, false, heard)).toBe(Date.parse(figuresAt));
    expect(currentAsOf(undefined, true, heard)).toBe(heard);
    expect(currentAsOf(undefined, false, heard)).toBeNull();
  });

  it('calls data stale past the limit on the server\'s clock, and data or a clock not yet known stale', () => {
    expect(isStale(1000, 60_000, 120_000)).toBe(false);
    expect(isStale(1000, 200_000, 120_000)).toBe(true);
    expect(isStale(null, 1, 120_000)).toBe(true);
    expect(isStale(1000, null, 120_000)).toBe(true);
  });
});

describe('problems by source on the wall', () => {
  it('puts the four inspections together and keeps every problem in exactly one group', () => {
    const bySource = [
      { source: 'leader_supervision', open: 3 }, { source: 'grid_patrol', open: 4 }, { source: 'regulator_joint_inspection', open: 1 },
      { source: 'territorial_survey', open: 2 }, { source: 'city_feedback', open: 5 }, { source: 'third_party_evaluation', open: 6 },
      { source: 'citizen_report', open: 7 }, { source: 'supervision_bulletin', open: 8 },
    ] as const;
    const groups = openBySourceGroup(bySource);
    expect(groups).toEqual([
      { group: 'fourInspections', open: 10 }, { group: 'city_feedback', open: 5 }, { group: 'third_party_evaluation', open: 6 },
      { group: 'citizen_report', open: 7 }, { group: 'supervision_bulletin', open: 8 },
    ]);
    expect(groups.reduce((sum, group) => sum + group.open, 0)).toBe(36);
  });
});

describe('the wall\'s shape', () => {
  it('scales with the wall\'s height from the 1080-line design, and widens from 24:9', () => {
    expect(wallShape(1920, 1080)).toEqual({ scale: 1, wide: false });
    expect(wallShape(3840, 2160)).toEqual({ scale: 2, wide: false });
    expect(wallShape(1280, 720)).toEqual({ scale: 2 / 3, wide: false });
    expect(wallShape(2880, 1080)).toEqual({ scale: 1, wide: true });
    expect(wallShape(2879, 1080).wide).toBe(false);
    expect(wallShape(5760, 1080)).toEqual({ scale: 1, wide: true });
  });

  it('lists more rows in the taller side panels of a wide wall', () => {
    const narrow = panelRows(false);
    const wide = panelRows(true);
    for (const list of Object.keys(narrow) as Array<keyof typeof narrow>) expect(wide[list]).toBeGreaterThan(narrow[list]);
  });
});
