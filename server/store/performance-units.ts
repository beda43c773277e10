import type { PerformanceCounters } from '../domain/performance-contributions.ts';
import type { UnitKindOrDistrict } from './repositories.ts';

/**
 * How each kind of unit is read, in SQL both databases speak: which rollup rows it sums and the
 * expression naming the unit. Leaders and streets are summed over their grids; the district over
 * all grids.
 */

/** The performance_daily column of each counter. */
export const ROLLUP_COLUMNS: Record<keyof PerformanceCounters, string> = {
  due: 'due', closed: 'closed', closedOnTime: 'closed_on_time', extended: 'extended', rectifyMinutes: 'rectify_minutes',
  newIssues: 'new_issues', recurrences: 'recurrences', rectificationsSubmitted: 'rectifications_submitted',
  failedInspections: 'failed_inspections',
};

/** For each unit kind: which rollup rows it reads and the expression that names the unit. */
export const ROLLUP_SOURCE: Record<UnitKindOrDistrict, { rollupKind: 'grid' | 'department'; unit: string }> = {
  grid: { rollupKind: 'grid', unit: 'p.unit_id' },
  department: { rollupKind: 'department', unit: 'p.unit_id' },
  leader: { rollupKind: 'grid', unit: 'g.leader_id' },
  street: { rollupKind: 'grid', unit: 'g.street_id' },
  district: { rollupKind: 'grid', unit: '0' },
};

/** GROUP BY for a unit expression; the district is one group, and SQLite reads GROUP BY 0 as a column number. */
export const groupByUnit = (kind: UnitKindOrDistrict, unit: string) => (kind === 'district' ? '' : `GROUP BY ${unit}`);

/** The unit of a problem or an inspection point, from its grid (g) or its department column. */
export function unitOf(kind: UnitKindOrDistrict, departmentColumn: string): string {
  switch (kind) {
    case 'grid': return 'g.id';
    case 'leader': return 'g.leader_id';
    case 'street': return 'g.street_id';
    case 'department': return departmentColumn;
    case 'district': return '0';
  }
}

export const UNITS_SQL: Record<UnitKindOrDistrict, string> = {
  district: "SELECT 0 AS id, 'district' AS key, '全区' AS name",
  // Rankings list the grids in force; a retired grid's figures stay in its leader's, street's and the district's.
  grid: 'SELECT id, code AS key, name FROM grids WHERE retired_at IS NULL ORDER BY code',
  leader: "SELECT id, CAST(id AS TEXT) AS key, name || '（' || title || '）' AS name FROM leaders ORDER BY id",
  department: 'SELECT id, CAST(id AS TEXT) AS key, name FROM departments ORDER BY id',
  street: 'SELECT id, code AS key, name FROM streets ORDER BY code',
};
