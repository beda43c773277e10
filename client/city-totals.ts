import type { CityDistrict } from '../server/schemas/contract.ts';
import { percentage } from '../server/domain/performance-metrics.ts';

export interface CityTotals {
  /** 整改率 and 按期整改率 of the city's problems as one sample, not an average of the districts' rates. */
  rectificationRate: number | null;
  onTimeRate: number | null;
  openIssues: number;
  overdueOpen: number;
  newIssues: number;
}

/**
 * The 全市 row of the city view, summed from the districts' own counts. The composite is not
 * summed: each district's comes from its own scoring settings, which need not agree.
 */
export function cityTotals(rows: readonly CityDistrict[]): CityTotals {
  const sum = (pick: (row: CityDistrict['performance']) => number) => rows.reduce((total, row) => total + pick(row.performance), 0);
  const due = sum((row) => row.due);
  return {
    rectificationRate: percentage(sum((row) => row.closed), due),
    onTimeRate: percentage(sum((row) => row.closedOnTime), due - sum((row) => row.extended)),
    openIssues: sum((row) => row.openIssues),
    overdueOpen: sum((row) => row.overdueOpen),
    newIssues: sum((row) => row.newIssues),
  };
}
