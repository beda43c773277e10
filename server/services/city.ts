import type { PerformanceWindow } from '../domain/performance-window.ts';
import { rankUnits } from '../domain/rankings.ts';
import type { District, DistrictStore } from '../store/districts.ts';
import { performanceByUnit, type PerformanceRow } from './performance-report.ts';

export interface CityDistrictFigures {
  district: District;
  performance: PerformanceRow;
}

/**
 * Each district's own figures over a window, by its own scoring settings (the ones its leaders
 * are judged by), ranked among the city's districts by composite as grids are within a district.
 */
export async function cityFigures(districts: readonly DistrictStore[], window: PerformanceWindow, now: number): Promise<CityDistrictFigures[]> {
  const figures = await Promise.all(districts.map(async ({ district, store }) => {
    const { settings } = await store.repositories.scoringSettings.current();
    const [row] = await performanceByUnit(store.repositories.performance, settings, 'district', window, now);
    return { district, performance: row! };
  }));
  const places = rankUnits(figures.map(({ district, performance }) => ({ key: district.code, composite: performance.composite, sampleSufficient: performance.sampleSufficient })));
  return figures.map((each) => ({ ...each, performance: { ...each.performance, ...places.get(each.district.code)! } }));
}
