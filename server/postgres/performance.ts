import type {
  DayCounters, DayEvaluations, PerformanceRepository, PerformanceUnit, UnitCounters, UnitEvaluations, UnitKindOrDistrict, UnitPresent,
} from '../store/repositories.ts';
import { groupByUnit, ROLLUP_COLUMNS, ROLLUP_SOURCE, unitOf, UNITS_SQL } from '../store/performance-units.ts';
import type { Queryable } from './connect.ts';
import { AWAITING_RECTIFICATION_SQL, OPEN_STATES_SQL } from '../store/issue-state-sql.ts';

/**
 * Reads for rectification performance, as the SQLite repository's: the daily counters summed per
 * unit, the present open and overdue counts, and field-evaluation score sums.
 */

const SUMMED_COUNTERS = Object.entries(ROLLUP_COLUMNS)
  .map(([name, column]) => `coalesce(sum(p.${column}), 0)::${column === 'rectify_minutes' ? 'float8' : 'int'} AS "${name}"`).join(', ');

/** Daily counters summed per unit or per day (exported so tests can check its plan). */
export function buildCountersSql(kind: UnitKindOrDistrict, groupBy: 'unit' | 'day', oneUnit: boolean): string {
  const { rollupKind, unit } = ROLLUP_SOURCE[kind];
  return `SELECT ${groupBy === 'unit' ? `${unit} AS "unitId"` : `to_char(p.day, 'YYYY-MM-DD') AS day`}, ${SUMMED_COUNTERS}
    FROM performance_daily p ${rollupKind === 'grid' ? 'JOIN grids g ON g.id = p.unit_id' : ''}
    WHERE p.unit_kind = '${rollupKind}' AND p.day BETWEEN $1::date AND $2::date ${oneUnit ? `AND ${unit} = $3` : ''}
    ${groupBy === 'unit' ? groupByUnit(kind, unit) : 'GROUP BY p.day'}`;
}

/** Open and overdue problems per unit now, from the partial indexes of open problems (exported so tests can check its plan). */
export function buildPresentSql(kind: UnitKindOrDistrict): string {
  const unit = kind === 'grid' ? 'i.grid_id' : unitOf(kind, 'i.department_id');
  const throughGrids = kind === 'leader' || kind === 'street';
  return `SELECT ${unit} AS "unitId", count(*)::int AS "openIssues",
      count(*) FILTER (WHERE i.state IN ${AWAITING_RECTIFICATION_SQL} AND i.deadline_at < $1)::int AS "overdueOpen"
    FROM issues i ${throughGrids ? 'JOIN grids g ON g.id = i.grid_id' : ''}
    WHERE i.state IN ${OPEN_STATES_SQL} ${groupByUnit(kind, unit)}`;
}

export async function presentByUnit(sql: Queryable, kind: UnitKindOrDistrict, now: number): Promise<UnitPresent[]> {
  return [...await sql.unsafe<UnitPresent[]>(buildPresentSql(kind), [now], { prepare: true })];
}

function evaluationsSql(kind: UnitKindOrDistrict, groupBy: 'unit' | 'day', oneUnit: boolean): string {
  const unit = unitOf(kind, 'ip.responsible_department_id');
  return `SELECT ${groupBy === 'unit' ? `${unit} AS "unitId"` : `to_char(e.evaluated_on, 'YYYY-MM-DD') AS day`},
      sum(e.score_rate)::float8 AS "evaluationScoreSum", count(*)::int AS evaluations
    FROM field_evaluations e JOIN inspection_points ip ON ip.id = e.point_id JOIN grids g ON g.id = ip.grid_id
    WHERE e.evaluated_on BETWEEN $1::date AND $2::date ${oneUnit ? `AND ${unit} = $3` : ''}
    ${groupBy === 'unit' ? groupByUnit(kind, unit) : 'GROUP BY e.evaluated_on'}`;
}

export function createPerformanceRepository(sql: Queryable): PerformanceRepository {
  const rows = async <T>(text: string, parameters: Array<string | number>) => [...await sql.unsafe<T[]>(text, parameters, { prepare: true })];
  return {
    units: (kind) => rows<PerformanceUnit>(UNITS_SQL[kind], []),
    countersByUnit: (kind, firstDay, lastDay) => rows<UnitCounters>(buildCountersSql(kind, 'unit', false), [firstDay, lastDay]),
    countersByDay: (kind, unitId, firstDay, lastDay) =>
      rows<DayCounters>(buildCountersSql(kind, 'day', kind !== 'district'), kind === 'district' ? [firstDay, lastDay] : [firstDay, lastDay, unitId]),
    presentByUnit: (kind, now) => presentByUnit(sql, kind, now),
    async districtOpenCounts(now) {
      const [district] = await presentByUnit(sql, 'district', now);
      return { open: district?.openIssues ?? 0, overdue: district?.overdueOpen ?? 0 };
    },
    evaluationsByUnit: (kind, firstDay, lastDay) => rows<UnitEvaluations>(evaluationsSql(kind, 'unit', false), [firstDay, lastDay]),
    evaluationsByDay: (kind, unitId, firstDay, lastDay) =>
      rows<DayEvaluations>(evaluationsSql(kind, 'day', kind !== 'district'), kind === 'district' ? [firstDay, lastDay] : [firstDay, lastDay, unitId]),
  };
}
