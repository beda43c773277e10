import type { Database } from 'better-sqlite3';
import type {
  DayCounters, DayEvaluations, PerformanceRepository, PerformanceUnit, UnitCounters, UnitEvaluations, UnitKindOrDistrict, UnitPresent,
} from '../store/repositories.ts';
import { AWAITING_RECTIFICATION_SQL, OPEN_STATES_SQL } from '../store/issue-state-sql.ts';
import { groupByUnit, ROLLUP_COLUMNS, ROLLUP_SOURCE, unitOf, UNITS_SQL } from '../store/performance-units.ts';
import { statementCache } from './statement-cache.ts';
import type { Synchronous } from './synchronous.ts';

/**
 * Reads for rectification performance: the daily counters summed per unit, the present open and
 * overdue counts, and field-evaluation score sums. Leaders and streets are summed over their
 * grids; the district over all grids.
 */

const SUMMED_COUNTERS = Object.entries(ROLLUP_COLUMNS).map(([name, column]) => `coalesce(sum(p.${column}), 0) AS ${name}`).join(', ');

/** Daily counters summed per unit or per day (exported so tests can check its plan). */
export function buildCountersSql(kind: UnitKindOrDistrict, groupBy: 'unit' | 'day', oneUnit: boolean): string {
  const { rollupKind, unit } = ROLLUP_SOURCE[kind];
  return `SELECT ${groupBy === 'unit' ? `${unit} AS unitId` : 'p.day'}, ${SUMMED_COUNTERS}
    FROM performance_daily p ${rollupKind === 'grid' ? 'JOIN grids g ON g.id = p.unit_id' : ''}
    WHERE p.unit_kind = '${rollupKind}' AND p.day BETWEEN @firstDay AND @lastDay ${oneUnit ? `AND ${unit} = @unitId` : ''}
    ${groupBy === 'unit' ? groupByUnit(kind, unit) : 'GROUP BY p.day'}`;
}

/**
 * Open and overdue problems per unit now, from the partial indexes of open problems by grid and
 * by department (exported so tests can check its plan); leaders and streets go through grids.
 */
export function buildPresentSql(kind: UnitKindOrDistrict): string {
  const unit = kind === 'grid' ? 'i.grid_id' : unitOf(kind, 'i.department_id');
  const throughGrids = kind === 'leader' || kind === 'street';
  return `SELECT ${unit} AS unitId, count(*) AS openIssues,
      coalesce(sum(i.state IN ${AWAITING_RECTIFICATION_SQL} AND i.deadline_at < @now), 0) AS overdueOpen
    FROM issues i ${throughGrids ? 'JOIN grids g ON g.id = i.grid_id' : ''}
    WHERE i.state IN ${OPEN_STATES_SQL} ${groupByUnit(kind, unit)}`;
}

export function createPerformanceRepository(database: Database): Synchronous<PerformanceRepository> {
  const prepare = statementCache(database);
  const presentByUnit = (kind: UnitKindOrDistrict, now: number): UnitPresent[] => prepare(buildPresentSql(kind)).all({ now }) as UnitPresent[];

  const evaluationsSql = (kind: UnitKindOrDistrict, groupBy: 'unit' | 'day', oneUnit: boolean) => {
    const unit = unitOf(kind, 'ip.responsible_department_id');
    return `SELECT ${groupBy === 'unit' ? `${unit} AS unitId` : 'e.evaluated_on AS day'},
        sum(e.score_rate) AS evaluationScoreSum, count(*) AS evaluations
      FROM field_evaluations e JOIN inspection_points ip ON ip.id = e.point_id JOIN grids g ON g.id = ip.grid_id
      WHERE e.evaluated_on BETWEEN @firstDay AND @lastDay ${oneUnit ? `AND ${unit} = @unitId` : ''}
      ${groupBy === 'unit' ? groupByUnit(kind, unit) : 'GROUP BY e.evaluated_on'}`;
  };

  return {
    units(kind: UnitKindOrDistrict): PerformanceUnit[] {
      return prepare(UNITS_SQL[kind]).all() as PerformanceUnit[];
    },

    /** Counters summed per unit over the days [firstDay, lastDay]. */
    countersByUnit(kind: UnitKindOrDistrict, firstDay: string, lastDay: string): UnitCounters[] {
      return prepare(buildCountersSql(kind, 'unit', false)).all({ firstDay, lastDay }) as UnitCounters[];
    },

    /** One unit's counters per day (the district's when kind is district). */
    countersByDay(kind: UnitKindOrDistrict, unitId: number, firstDay: string, lastDay: string): DayCounters[] {
      return prepare(buildCountersSql(kind, 'day', kind !== 'district')).all({ firstDay, lastDay, unitId }) as DayCounters[];
    },

    /** Open problems and those past their deadline, now, per unit. */
    presentByUnit,

    /** The district's open and overdue problems now. */
    districtOpenCounts(now: number): { open: number; overdue: number } {
      const [district] = presentByUnit('district', now);
      return { open: district?.openIssues ?? 0, overdue: district?.overdueOpen ?? 0 };
    },

    /** Field-evaluation score sums per unit for evaluations on the days [firstDay, lastDay]. */
    evaluationsByUnit(kind: UnitKindOrDistrict, firstDay: string, lastDay: string): UnitEvaluations[] {
      return prepare(evaluationsSql(kind, 'unit', false)).all({ firstDay, lastDay }) as UnitEvaluations[];
    },

    evaluationsByDay(kind: UnitKindOrDistrict, unitId: number, firstDay: string, lastDay: string) {
      return prepare(evaluationsSql(kind, 'day', kind !== 'district'))
        .all({ firstDay, lastDay, unitId }) as DayEvaluations[];
    },
  };
}
