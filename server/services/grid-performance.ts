import type { PerformanceWindow } from '../domain/performance-window.ts';
import type { ScoringSettings } from '../domain/scoring-settings.ts';
import type { GridFeatureWithoutPerformance, PerformanceRepository } from '../store/repositories.ts';
import type { GridPerformance } from '../schemas/contract.ts';
import { performanceByUnit } from './performance-report.ts';

/** Each grid's performance summary for the map, keyed by grid code. */
export async function gridPerformanceByCode(
  repository: PerformanceRepository,
  settings: ScoringSettings,
  window: PerformanceWindow,
  now: number,
): Promise<Map<string, GridPerformance>> {
  // The grid list counts open and overdue problems itself.
  return new Map((await performanceByUnit(repository, settings, 'grid', window, now, false)).map((row) => [row.unit.key, {
    composite: row.composite,
    grade: row.grade,
    rank: row.rank,
    tiedWith: row.tiedWith,
    rectificationRate: row.rectificationRate,
    onTimeRate: row.onTimeRate,
    evaluationScoreRate: row.evaluationScoreRate,
    sampleSize: row.sampleSize,
  }]));
}

export function withPerformance<T extends GridFeatureWithoutPerformance>(grid: T, performance: Map<string, GridPerformance>) {
  return { ...grid, properties: { ...grid.properties, performance: performance.get(grid.id)! } };
}
